/**
 * What the sandbox's writes leave behind: the objects created through the API (newest first,
 * listed before the seeded ones), the seeded objects a write changed (kept by id, so a listing
 * shows the changed version), and the idempotency record (key -> the first request and its reply,
 * docs/providers/wooshpay.md#idempotency). Seeded data stays lazy: only what a write touches is stored.
 */
import { rngFor, hashString, type Rng } from '@paymux/core/adapter'
import type { WireObject } from './data.ts'

/** The objects of one resource that writes created or changed. */
export interface WrittenCollection {
  /** Created through the API, newest first. */
  readonly created: WireObject[]
  /** Every created or changed object by id (a changed seeded object shadows its seeded version). */
  readonly byId: Map<string, WireObject>
}

/** One idempotency record: what the first request with the key was, and what it got. */
export interface IdempotencyRecord {
  readonly fingerprint: string
  readonly status: number
  readonly body: unknown
}

/** The sandbox's write state. */
export interface WriteState {
  readonly products: WrittenCollection
  readonly prices: WrittenCollection
  readonly links: WrittenCollection
  readonly sessions: WrittenCollection
  readonly intents: WrittenCollection
  readonly refunds: WrittenCollection
  /** Line items of created links and sessions, by parent id. */
  readonly lineItems: Map<string, WireObject[]>
  readonly idempotency: Map<string, IdempotencyRecord>
  /** A fresh id with `prefix`, snowflake-like as the seeded ones (docs/providers/wooshpay.md#snowflake-ids). */
  newId(prefix: string): string
  /** The time of a write in Unix seconds (injectable for tests). */
  nowS(): number
  /** Randomness for created objects' tokens (deterministic from the seed). */
  rng(): Rng
}

const collection = (): WrittenCollection => ({ created: [], byId: new Map() })
const ID_SALT = hashString('writes.ids')
const TWITTER_EPOCH = 1288834974657n

/** Empty write state; ids and tokens drawn from `seed`, times from `now`. */
export const makeWriteState = (seed: number, now: () => number = Date.now): WriteState => {
  let n = 0
  return {
    products: collection(),
    prices: collection(),
    links: collection(),
    sessions: collection(),
    intents: collection(),
    refunds: collection(),
    lineItems: new Map(),
    idempotency: new Map(),
    newId: (prefix) => {
      n += 1
      // Twitter-epoch ms << 22 as the seeded ids; the write counter in the low bits keeps ids
      // unique within one millisecond.
      return `${prefix}${((BigInt(now()) - TWITTER_EPOCH) << 22n) | BigInt(n % 4_194_304)}`
    },
    nowS: () => Math.floor(now() / 1000),
    rng: () => rngFor(seed, ID_SALT, ++n),
  }
}

/** Stores a created object at the head of its listing. */
export const addCreated = (c: WrittenCollection, o: WireObject): WireObject => {
  c.created.unshift(o)
  c.byId.set(o['id'] as string, o)
  return o
}

/** Replaces an object (created or seeded) by a changed version. */
export const replace = (c: WrittenCollection, o: WireObject): WireObject => {
  const id = o['id'] as string
  const at = c.created.findIndex((x) => x['id'] === id)
  if (at >= 0) c.created[at] = o
  c.byId.set(id, o)
  return o
}
