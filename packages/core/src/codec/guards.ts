/**
 * Validation-only io-ts building blocks for adapters' wire codecs. A codec built from these
 * returns the very value `JSON.parse` produced (no copy, no transform), so an adapter can keep
 * the provider's object untouched as `raw` and convert in its normalizers instead.
 */
import * as t from 'io-ts'

/** A validation-only codec from a type guard: `decode(u)` is `u` itself when `is(u)`. */
export const guard = <A>(name: string, is: (u: unknown) => u is A): t.Type<A, A, unknown> =>
  new t.Type<A, A, unknown>(name, is, (u, c) => (is(u) ? t.success(u) : t.failure(u, c)), t.identity)

/** A plain object (not null, not an array). */
export const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

/** A field value that means "no value": absent, `null`, or `""` (providers that send `""` for null). */
export type Nullish<A> = A | null | undefined | ''

/** True for `undefined`, `null` and `""`. */
export const isAbsent = (u: unknown): u is null | undefined | '' => u === undefined || u === null || u === ''

/** A codec that also accepts an absent value; `inner` is the codec of a present one. */
export interface NullishType<A> extends t.Type<Nullish<A>, Nullish<A>, unknown> {
  readonly inner: t.Type<A, A, unknown>
}

/** `codec`, or `null`, `undefined` or `""`: for providers that send `""` where null is meant. */
export const nullish = <A>(codec: t.Type<A, A, unknown>): NullishType<A> =>
  Object.assign(
    new t.Type<Nullish<A>, Nullish<A>, unknown>(
      `${codec.name} | null | ""`,
      (u): u is Nullish<A> => isAbsent(u) || codec.is(u),
      (u, c) => (isAbsent(u) ? t.success(u) : codec.validate(u, c)),
      t.identity,
    ),
    { inner: codec },
  )

/** `codec` or `null`, with one check instead of a `t.union` (which tries each member). */
export const orNull = <A, O>(codec: t.Type<A, O, unknown>): t.Type<A | null, O | null, unknown> =>
  new t.Type<A | null, O | null, unknown>(
    `${codec.name} | null`,
    (u): u is A | null => u === null || codec.is(u),
    (u, c) => (u === null ? t.success(null) : codec.validate(u, c)),
    (a) => (a === null ? null : codec.encode(a)),
  )

/** The decoded type of a `struct` with `required` and `optional` fields. */
export type Struct<R extends t.Props, O extends t.Props> = t.TypeOf<t.TypeC<R>> & t.TypeOf<t.PartialC<O>>

/**
 * An object with `required` and `optional` fields (`t.type` & `t.partial` in one pass, with
 * plain paths such as `data.1.created` in errors). Validation-only: returns its input, so every
 * field codec must accept exactly what its `is` accepts (no transforming codecs inside).
 * The happy path runs only the allocation-free `is` guards; the full `validate`, which builds
 * io-ts contexts, runs only to describe a failure. Extra fields are tolerated and kept.
 */
export const struct = <R extends t.Props, O extends t.Props>(
  name: string,
  required: R,
  optional: O,
): t.Type<Struct<R, O>, Struct<R, O>, unknown> => {
  const req = Object.entries(required)
  const opt = Object.entries(optional)
  // Parallel arrays of guards and index loops: this is the hot path of every decoded page. An
  // optional `nullish` field is checked inline (absent, null, "") before its inner guard.
  const reqKeys = req.map(([k]) => k)
  const reqGuards = req.map(([, c]) => c.is)
  const optKeys = opt.map(([k]) => k)
  const optGuards = opt.map(([, c]) => ((c as Partial<NullishType<unknown>>).inner ?? c).is)
  const optNullish = opt.map(([, c]) => (c as Partial<NullishType<unknown>>).inner !== undefined)
  const is = (u: unknown): u is Struct<R, O> => {
    if (!isRecord(u)) return false
    for (let i = 0; i < reqKeys.length; i++) if (!(reqGuards[i] as t.Is<unknown>)(u[reqKeys[i] as string])) return false
    for (let i = 0; i < optKeys.length; i++) {
      const v = u[optKeys[i] as string]
      if (v === undefined || (optNullish[i] && (v === null || v === ''))) continue
      if (!(optGuards[i] as t.Is<unknown>)(v)) return false
    }
    return true
  }
  const validate = (u: unknown, c: t.Context): t.Validation<Struct<R, O>> => {
    if (is(u)) return t.success(u)
    if (!isRecord(u)) return t.failure(u, c)
    const errors: t.ValidationError[] = []
    const check = (k: string, codec: t.Mixed, optional: boolean) => {
      const v = u[k]
      if (optional && v === undefined) return
      const r = codec.validate(v, t.appendContext(c, k, codec, v))
      if (r._tag === 'Left') errors.push(...r.left)
    }
    for (const [k, codec] of req) check(k, codec, false)
    for (const [k, codec] of opt) check(k, codec, true)
    return errors.length > 0 ? t.failures(errors) : t.failure(u, c)
  }
  return new t.Type(name, is, validate, t.identity)
}

/**
 * Runs a codec's allocation-free `is` first and its full `validate` only when that fails. For
 * codecs that may transform on the way (e.g. a `t.intersection` with a converting member): when
 * `is` holds, the input is already in decoded form.
 */
export const lean = <A, O>(codec: t.Type<A, O, unknown>): t.Type<A, O, unknown> =>
  new t.Type<A, O, unknown>(
    codec.name,
    codec.is,
    (u, c) => (codec.is(u) ? t.success(u) : codec.validate(u, c)),
    codec.encode,
  )
