/**
 * io-ts codecs of the PriceBlocs wire format, field names exactly as PriceBlocs sends them.
 * Only the fields paymux reads are checked; everything else rides along untouched in `raw`.
 *
 * Kept lean on purpose (decoding sits on the hot path of every listing): `t.type` + `t.partial`
 * and small hand-written leaf codecs, never `t.exact`/`t.strict`, which copy every object.
 * Object codecs never transform, so io-ts hands back the very object it was given.
 * @see ../../shared/providers.md §3, §4 and quirks 26–33 in §6
 */
import * as t from 'io-ts'

// --- leaf codecs --------------------------------------------------------------------------

/** `T | null` with one check instead of a `t.union` (which tries each member and collects errors). */
export const orNull = <C extends t.Mixed>(codec: C): t.Type<t.TypeOf<C> | null, t.OutputOf<C> | null, unknown> =>
  new t.Type<t.TypeOf<C> | null, t.OutputOf<C> | null, unknown>(
    `${codec.name} | null`,
    (u): u is t.TypeOf<C> | null => u === null || codec.is(u),
    (u, c) => (u === null ? t.success(null) : codec.validate(u, c)),
    (a) => (a === null ? null : (codec.encode(a) as t.OutputOf<C>)),
  )

/**
 * A quantity: a number on the wire in the docs, a string in the official SDK's types
 * (quirk 32). Both are accepted here; `normalize.ts` turns it into a number.
 */
export const NumberOrString = new t.Type<number | string, number | string, unknown>(
  'NumberOrString',
  (u): u is number | string => typeof u === 'number' || typeof u === 'string',
  (u, c) => (typeof u === 'number' || typeof u === 'string' ? t.success(u) : t.failure(u, c)),
  t.identity,
)

/**
 * Quirk 27: `links.*.page` is a string (`"10"`) while the top-level `page` is a number. Both
 * forms are read into a positive integer; anything else is refused.
 */
export const PageNumber = new t.Type<number, string, unknown>(
  'PageNumber',
  (u): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u >= 1,
  (u, c) => {
    const n = typeof u === 'string' && /^\d{1,15}$/.test(u) ? Number(u) : u
    return typeof n === 'number' && Number.isSafeInteger(n) && n >= 1 ? t.success(n) : t.failure(u, c)
  },
  String,
)

/**
 * Quirk 26: `data` is documented as "an array of up to 20", but both documented examples show a
 * single object. Either form decodes to an array.
 */
export const ArrayOrOne = <C extends t.Mixed>(item: C): t.Type<t.TypeOf<C>[], unknown, unknown> => {
  const many = t.array(item)
  return new t.Type<t.TypeOf<C>[], unknown, unknown>(
    `ArrayOrOne<${item.name}>`,
    (u): u is t.TypeOf<C>[] => many.is(u),
    (u, c) => {
      if (Array.isArray(u)) return many.validate(u, c)
      if (u === null || u === undefined) return t.success([])
      const one = item.validate(u, c)
      return one._tag === 'Right' ? t.success([one.right as t.TypeOf<C>]) : one
    },
    t.identity,
  )
}

/**
 * Checks with the codec's allocation-free `is` first and runs the full `validate` (which builds
 * a context per field, for error paths) only when that fails. Valid for codecs that do not
 * transform (decoded value === input), which is every object codec here. This keeps decoding a
 * page well under the cost of `JSON.parse` of it.
 */
export const lean = <A>(codec: t.Type<A, unknown, unknown>): t.Type<A, unknown, unknown> =>
  new t.Type<A, unknown, unknown>(
    codec.name,
    codec.is,
    (u, c) => (codec.is(u) ? t.success(u) : codec.validate(u, c)),
    codec.encode,
  )

/**
 * A Unix timestamp JavaScript can represent: seconds as documented, or milliseconds (see
 * `fromSeconds`), never beyond `Date`'s range of ±8.64e15 ms. A larger number is refused rather
 * than turned into an invalid `createdAt`.
 */
export const UnixTime = new t.Type<number, number, unknown>(
  'UnixTime',
  (u): u is number => typeof u === 'number' && Number.isFinite(u) && Math.abs(u) <= 8.64e15,
  (u, c) => (typeof u === 'number' && Number.isFinite(u) && Math.abs(u) <= 8.64e15 ? t.success(u) : t.failure(u, c)),
  t.identity,
)

const OptString = orNull(t.string)
const OptNumber = orNull(t.number)
const OptRecord = orNull(t.UnknownRecord)

// --- payment links ------------------------------------------------------------------------

/** A line item embedded in a payment link (there is no line-items endpoint). */
export const LinkLineItem = t.partial(
  {
    price: OptString,
    product: OptString,
    currency: OptString,
    interval: OptString,
    interval_count: OptNumber,
    quantity: orNull(NumberOrString),
  },
  'LinkLineItem',
)
export type LinkLineItem = t.TypeOf<typeof LinkLineItem>

export const PaymentLink = lean(
  t.intersection(
    [
      t.type({ id: t.string, livemode: t.boolean, created: UnixTime }),
      t.partial({
        object: t.string,
        url: OptString,
        title: OptString,
        description: OptString,
        currency: OptString,
        status: OptString,
        /** Quirk: timestamps are seconds, and `updated` comes with `created`. */
        updated: OptNumber,
        metadata: OptRecord,
        /** Absent in `setup` mode. */
        line_items: orNull(t.array(LinkLineItem)),
      }),
    ],
    'PaymentLink',
  ),
)
export type PaymentLink = t.TypeOf<typeof PaymentLink>

// --- checkouts ----------------------------------------------------------------------------

/** `recurring` has no documented shape: read loosely in `normalize.ts`. */
export const CheckoutLineItem = t.partial(
  {
    price: OptString,
    product: OptString,
    currency: OptString,
    quantity: orNull(NumberOrString),
    description: OptString,
    amount_subtotal: OptNumber,
    amount_total: OptNumber,
    recurring: t.unknown,
  },
  'CheckoutLineItem',
)
export type CheckoutLineItem = t.TypeOf<typeof CheckoutLineItem>

/**
 * PriceBlocs' record of a Stripe Checkout Session. Quirk 30: on checkouts `automatic_tax` and
 * `tax_id_collection` are booleans and `tax_rates` a string (objects/arrays on links): they are
 * not read, only kept in `raw`, so their shape cannot fail a listing.
 */
export const Checkout = lean(
  t.intersection(
    [
      t.type({ id: t.string, livemode: t.boolean, created: UnixTime }),
      t.partial({
        object: t.string,
        session_id: OptString,
        status: OptString,
        payment_status: OptString,
        amount_subtotal: OptNumber,
        amount_total: OptNumber,
        currency: OptString,
        customer: OptString,
        email: OptString,
        payment_intent_id: OptString,
        payment_link_id: OptString,
        client_reference_id: OptString,
        success_url: OptString,
        cancel_url: OptString,
        url: OptString,
        expires_at: OptNumber,
        updated: OptNumber,
        metadata: OptRecord,
        line_items: orNull(t.array(CheckoutLineItem)),
      }),
    ],
    'Checkout',
  ),
)
export type Checkout = t.TypeOf<typeof Checkout>

// --- list envelope ------------------------------------------------------------------------

/** One entry of the `links` hash. Its absolute `url` is deliberately not decoded: never fetched. */
export const PageLink = t.type({ page: PageNumber }, 'PageLink')
export type PageLink = t.TypeOf<typeof PageLink>

export const PageLinks = t.partial(
  { self: PageLink, first: PageLink, last: PageLink, next: PageLink, prev: PageLink },
  'PageLinks',
)

/** The page-number list envelope: `page`, `page_size`, `total`, `has_more`, `links`, `data`. */
export const ListPage = <C extends t.Mixed>(item: C) =>
  t.intersection(
    [
      t.type({ has_more: t.boolean, data: ArrayOrOne(item) }),
      t.partial({ object: t.string, page: t.number, page_size: t.number, total: OptNumber, links: PageLinks }),
    ],
    `ListPage<${item.name}>`,
  )
export interface ListPage<A> {
  readonly has_more: boolean
  readonly data: readonly A[]
  readonly page?: number
  readonly page_size?: number
  readonly total?: number | null
  readonly links?: { readonly [K in 'self' | 'first' | 'last' | 'next' | 'prev']?: PageLink }
}

export const PaymentLinkPage = ListPage(PaymentLink)
export const CheckoutPage = ListPage(Checkout)

// --- errors -------------------------------------------------------------------------------

/**
 * The error body, shaped like the official SDK's `PriceBlocsError` (a hapi/Boom-style body).
 * Quirk 32: it may arrive with HTTP 200, so it is looked for in every response.
 */
export const ErrorBody = t.intersection(
  [
    t.type({ statusCode: t.number }),
    t.partial({ error: OptString, message: OptString, type: OptString, param: OptString }),
  ],
  'ErrorBody',
)
export type ErrorBody = t.TypeOf<typeof ErrorBody>
