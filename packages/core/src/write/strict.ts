/**
 * Input codecs refuse what they do not know. io-ts's `t.exact` strips unknown keys, which turns a
 * misspelt `sucessUrl` into a link without a success URL; a payments SDK must say so instead.
 */
import * as t from 'io-ts'

type Props = t.Props

/** An object with required `required` and optional `optional` keys, and no other key. */
export const strictObject = <R extends Props, O extends Props>(name: string, required: R, optional: O) => {
  const shape = t.intersection([t.type(required), t.partial(optional)], name)
  const known = new Set([...Object.keys(required), ...Object.keys(optional)])
  return new t.Type<t.TypeOf<typeof shape>, t.OutputOf<typeof shape>, unknown>(
    name,
    shape.is,
    (u, c) => {
      if (typeof u === 'object' && u !== null && !Array.isArray(u)) {
        const extra = Object.keys(u).find((k) => !known.has(k))
        if (extra !== undefined) {
          const value = (u as Record<string, unknown>)[extra]
          return t.failure(value, [...c, { key: extra, type: t.never, actual: value }], `unknown field ${extra}`)
        }
        // Keys present with the value `undefined` are "not given": drop them before validating,
        // so `{ title: undefined }` means the same as `{}` and never reaches a request body.
        const defined = Object.fromEntries(Object.entries(u).filter(([, v]) => v !== undefined))
        return shape.validate(defined, c)
      }
      return shape.validate(u, c)
    },
    shape.encode,
  )
}

/** A refinement with a readable name, e.g. `positive integer`. */
export const refined = <A>(base: t.Type<A, A, unknown>, name: string, ok: (a: A) => boolean) =>
  new t.Type<A, A, unknown>(
    name,
    (u): u is A => base.is(u) && ok(u),
    (u, c) => {
      const r = base.validate(u, c)
      return r._tag === 'Right' && !ok(r.right) ? t.failure(u, c) : r
    },
    t.identity,
  )
