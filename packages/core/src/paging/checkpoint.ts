/**
 * Checkpoints: `pmx2.` + base64url(JSON). They carry the provider, the resource, a hash of the
 * filters (never the filters themselves, which may hold an e-mail address) and the position.
 * The position is plain JSON in every kind of listing: a partitioned or merged listing records
 * its parts' raw positions, never a checkpoint string inside its own (`pmx2.`; `pmx1.`
 * checkpoints nested them and are refused with a hint to restart the listing).
 */
import * as E from 'fp-ts/lib/Either.js'
import { PaymuxError } from '../errors.ts'
import type { Checkpoint, Json, Position } from './types.ts'

const PREFIX = 'pmx2.'
/** Formats earlier versions wrote: refused with what to do, not as "not a checkpoint". */
const OLD_PREFIXES = ['pmx1.']

/** What a checkpoint is bound to. */
export interface CheckpointScope {
  readonly provider: string
  readonly resource: string
  /** The filters of the listing (order of keys does not matter). */
  readonly filters: Json
}

/** What a checkpoint holds: provider, resource, filter hash and position. */
export interface CheckpointEnvelope {
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
export const encodeCheckpoint = (scope: CheckpointScope, at: Position | null): Checkpoint =>
  encodeEnvelope({ p: scope.provider, r: scope.resource, f: hashOf(scope), a: at })

/**
 * The checkpoint of an envelope read earlier by `readEnvelope`: how a merged listing hands a
 * provider back its own part, which the provider's listing then checks against its scope.
 */
export const encodeEnvelope = (envelope: CheckpointEnvelope): Checkpoint =>
  PREFIX + Buffer.from(JSON.stringify(envelope)).toString('base64url')

/** The envelope of a checkpoint of this version, unchecked against any scope; null when it is not one. */
export const readEnvelope = (checkpoint: Checkpoint): CheckpointEnvelope | null => {
  if (typeof checkpoint !== 'string' || !checkpoint.startsWith(PREFIX)) return null
  try {
    const p = JSON.parse(Buffer.from(checkpoint.slice(PREFIX.length), 'base64url').toString('utf8')) as unknown
    if (typeof p !== 'object' || p === null || !('a' in p)) return null
    const e = p as Partial<CheckpointEnvelope>
    return typeof e.p === 'string' && typeof e.r === 'string' && typeof e.f === 'string'
      ? { p: e.p, r: e.r, f: e.f, a: e.a ?? null }
      : null
  } catch {
    return null
  }
}

const mismatch = (scope: CheckpointScope, message: string): PaymuxError =>
  new PaymuxError({ kind: 'checkpoint_mismatch', provider: scope.provider, message })

/** Reads a checkpoint for `scope`, refusing one made for another provider, resource or filter set. */
export const decodeCheckpoint = (
  scope: CheckpointScope,
  checkpoint: Checkpoint,
): E.Either<PaymuxError, Position | null> => {
  if (typeof checkpoint === 'string' && OLD_PREFIXES.some((old) => checkpoint.startsWith(old))) {
    return E.left(
      mismatch(
        scope,
        `checkpoint was written by an earlier paymux version (${checkpoint.slice(0, 5)}), whose format this version no longer reads: restart the listing from the beginning`,
      ),
    )
  }
  if (typeof checkpoint !== 'string' || !checkpoint.startsWith(PREFIX)) {
    return E.left(mismatch(scope, 'not a paymux checkpoint'))
  }
  const payload = readEnvelope(checkpoint)
  if (payload === null) return E.left(mismatch(scope, 'checkpoint is corrupted'))
  if (payload.p !== scope.provider) {
    return E.left(mismatch(scope, `checkpoint belongs to provider ${payload.p}, not ${scope.provider}`))
  }
  if (payload.r !== scope.resource) {
    return E.left(mismatch(scope, `checkpoint belongs to ${payload.r}, not ${scope.resource}`))
  }
  if (payload.f !== hashOf(scope)) {
    return E.left(mismatch(scope, `checkpoint was taken with other filters than this ${scope.resource} listing`))
  }
  return E.right(payload.a)
}

/** The provider and resource a checkpoint names, without checking its scope; null when it is not one. */
export const peekCheckpoint = (checkpoint: Checkpoint): { provider: string; resource: string } | null => {
  const e = readEnvelope(checkpoint)
  return e === null ? null : { provider: e.p, resource: e.r }
}
