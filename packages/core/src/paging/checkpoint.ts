/**
 * Checkpoints: `pmx1.` + base64url(JSON). They carry the provider, the resource, a hash of the
 * filters (never the filters themselves, which may hold an e-mail address) and the position.
 */
import * as E from 'fp-ts/lib/Either.js'
import { PaymuxError } from '../errors.ts'
import type { Checkpoint, Json, Position } from './types.ts'

const PREFIX = 'pmx1.'

/** What a checkpoint is bound to. */
export interface CheckpointScope {
  readonly provider: string
  readonly resource: string
  /** The filters of the listing (order of keys does not matter). */
  readonly filters: Json
}

interface Payload {
  readonly p: string
  readonly r: string
  readonly f: string
  readonly a: Position | null
}

/** JSON with object keys sorted, so equal filters give equal text. */
export const canonicalJson = (value: Json): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const obj = value as { readonly [key: string]: Json }
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort()
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k] as Json)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/** FNV-1a 64-bit of the canonical filters: stable across processes, short, not reversible in practice. */
export const scopeHash = (filters: Json): string => {
  let h = 0xcbf29ce484222325n
  for (const byte of new TextEncoder().encode(canonicalJson(filters))) {
    h ^= BigInt(byte)
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn
  }
  return h.toString(36)
}

/**
 * The hash of a scope's filters, computed once per scope object: a listing encodes a checkpoint
 * for every page, and hashing the canonical filters each time cost more than the rest of it.
 * (Scopes are built by the adapter per listing and never changed afterwards.)
 */
const hashes = new WeakMap<CheckpointScope, string>()
const hashOf = (scope: CheckpointScope): string => {
  let hash = hashes.get(scope)
  if (hash === undefined) {
    hash = scopeHash(scope.filters)
    hashes.set(scope, hash)
  }
  return hash
}

/** Encodes a listing's scope and page position as an opaque checkpoint. */
export const encodeCheckpoint = (scope: CheckpointScope, at: Position | null): Checkpoint => {
  const payload: Payload = { p: scope.provider, r: scope.resource, f: hashOf(scope), a: at }
  return PREFIX + Buffer.from(JSON.stringify(payload)).toString('base64url')
}

const mismatch = (scope: CheckpointScope, message: string): PaymuxError =>
  new PaymuxError({ kind: 'checkpoint_mismatch', provider: scope.provider, message })

/** Reads a checkpoint for `scope`, refusing one made for another provider, resource or filter set. */
export const decodeCheckpoint = (
  scope: CheckpointScope,
  checkpoint: Checkpoint,
): E.Either<PaymuxError, Position | null> => {
  if (typeof checkpoint !== 'string' || !checkpoint.startsWith(PREFIX)) {
    return E.left(mismatch(scope, 'not a paymux checkpoint'))
  }
  let payload: Partial<Payload>
  try {
    payload = JSON.parse(Buffer.from(checkpoint.slice(PREFIX.length), 'base64url').toString('utf8')) as Partial<Payload>
  } catch {
    return E.left(mismatch(scope, 'checkpoint is corrupted'))
  }
  if (typeof payload !== 'object' || payload === null || !('a' in payload)) {
    return E.left(mismatch(scope, 'checkpoint is corrupted'))
  }
  if (payload.p !== scope.provider) {
    return E.left(mismatch(scope, `checkpoint belongs to provider ${String(payload.p)}, not ${scope.provider}`))
  }
  if (payload.r !== scope.resource) {
    return E.left(mismatch(scope, `checkpoint belongs to ${String(payload.r)}, not ${scope.resource}`))
  }
  if (payload.f !== hashOf(scope)) {
    return E.left(mismatch(scope, `checkpoint was taken with other filters than this ${scope.resource} listing`))
  }
  return E.right(payload.a ?? null)
}

/** Reads the bare position of a checkpoint without checking its scope (for composite checkpoints). */
export const peekCheckpoint = (checkpoint: Checkpoint): { provider: string; resource: string } | null => {
  if (!checkpoint.startsWith(PREFIX)) return null
  try {
    const p = JSON.parse(Buffer.from(checkpoint.slice(PREFIX.length), 'base64url').toString('utf8')) as Payload
    return { provider: p.p, resource: p.r }
  } catch {
    return null
  }
}
