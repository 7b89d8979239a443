/**
 * Building blocks shared by the neutral object codecs: dates that travel as ISO strings,
 * nullable fields, status unions that fall back to `unknown`, and the fields every object has.
 */
import * as t from 'io-ts'

/** A `Date` in memory, an ISO 8601 string in JSON. Invalid dates are refused. */
export const DateFromISOString = new t.Type<Date, string, unknown>(
  'DateFromISOString',
  (u): u is Date => u instanceof Date && !Number.isNaN(u.getTime()),
  (u, c) => {
    if (u instanceof Date) return Number.isNaN(u.getTime()) ? t.failure(u, c) : t.success(u)
    if (typeof u !== 'string') return t.failure(u, c)
    const d = new Date(u)
    return Number.isNaN(d.getTime()) ? t.failure(u, c) : t.success(d)
  },
  (d) => d.toISOString(),
)

/** `T | null`: absent values in neutral objects are always `null`, never `undefined`. */
export const nullable = <C extends t.Mixed>(codec: C) => t.union([codec, t.null])

/**
 * A string union with an `unknown` member. Decoding a value outside the union fails (neutral
 * objects are validated); adapters map unknown provider values with `toKnown` before that.
 */
export const statusUnion = <const V extends readonly [string, ...string[]]>(name: string, values: V) => {
  const keys = Object.fromEntries([...values, 'unknown'].map((v) => [v, null])) as Record<V[number] | 'unknown', null>
  return t.keyof(keys, name)
}

/** Maps a provider value onto a known member, or `unknown` (never a guess, never a crash). */
export const toKnown = <V extends string>(values: readonly V[], value: unknown): V | 'unknown' =>
  typeof value === 'string' && (values as readonly string[]).includes(value) ? (value as V) : 'unknown'

/** Key-value strings attached to an object (codec and type). */
export const Metadata = t.record(t.string, t.string, 'Metadata')

/** Fields every neutral object carries. */
export const baseFields = {
  provider: t.string,
  id: t.string,
  livemode: t.boolean,
  createdAt: DateFromISOString,
  metadata: Metadata,
  /** The provider's object as decoded, untouched. */
  raw: t.unknown,
}

/** An adapter's id (`'wooshpay'`, `'priceblocs'`, ...): core names no provider, adapters name themselves. */
export type ProviderId = string
