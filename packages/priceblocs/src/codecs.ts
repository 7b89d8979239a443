/**
 * io-ts codecs of the PriceBlocs wire format, field names exactly as PriceBlocs sends them.
 * Only the fields paymux reads are checked; everything else rides along untouched in `raw`.
 *
 * Object codecs are core's validation-only `struct`s (allocation-free `is` guards on the happy
 * path, which sits under every listing), so io-ts hands back the very object it was given.
 * Numbers are strict (guarantee 11): an amount, quantity, page or timestamp that is not a safe
 * integer (`12.5`, `2 ** 53 + 1`, `1e400`), or a quantity that is not a count (`"abc"`, `-3`),
 * is a `decode` error, never a silent `null` or a default.
 * Quirks: docs/providers/priceblocs.md.
 */
import * as t from 'io-ts'
import {
  Count,
  CurrencyLetters,
  EpochNumber,
  NonNegativeInteger,
  PositiveInteger,
  SafeInteger,
  orNull,
  struct,
} from '@paymux/core/adapter'

export { orNull }

// --- leaf codecs --------------------------------------------------------------------------

/**
 * A quantity: a number on the wire in the docs, a string in the official SDK's types
 * (docs/providers/priceblocs.md#sdk-string-quantity). Both are accepted,
 * strictly: a non-negative integer, or its digits. `normalize.ts` reads it as a number.
 */
export const Quantity = Count

/**
 * docs/providers/priceblocs.md#string-page-numbers: `links.*.page` is a
 * string (`"10"`) while the top-level `page` is a number. Both forms are read into a positive
 * integer; anything else is refused.
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
 * docs/providers/priceblocs.md#single-object-data: `data` is documented as
 * "an array of up to 20", but both documented examples show a single object. Either form
 * decodes to an array.
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
 * A Unix timestamp: seconds as documented, or milliseconds (told apart in `normalize.ts`), a
 * non-negative safe integer within `Date`'s range. Anything else is refused rather than turned
 * into an invalid or made-up `createdAt`.
 */
export const UnixTime = EpochNumber

const OptString = orNull(t.string)
const OptAmount = orNull(SafeInteger)
const OptTime = orNull(EpochNumber)
const OptCurrency = orNull(CurrencyLetters)
const OptRecord = orNull(t.UnknownRecord)
const OptQuantity = orNull(Quantity)

// --- payment links ------------------------------------------------------------------------

/** A line item embedded in a payment link (there is no line-items endpoint). */
export const LinkLineItem = struct(
  'LinkLineItem',
  {},
  {
    price: OptString,
    product: OptString,
    currency: OptCurrency,
    interval: OptString,
    interval_count: orNull(PositiveInteger),
    quantity: OptQuantity,
  },
)
export type LinkLineItem = t.TypeOf<typeof LinkLineItem>

export const PaymentLink = struct(
  'PaymentLink',
  { id: t.string, livemode: t.boolean, created: UnixTime },
  {
    object: t.string,
    url: OptString,
    title: OptString,
    description: OptString,
    currency: OptCurrency,
    status: OptString,
    /** Timestamps are seconds, and `updated` comes with `created`. */
    updated: OptTime,
    metadata: OptRecord,
    /** Absent in `setup` mode. */
    line_items: orNull(t.array(LinkLineItem)),
  },
)
export type PaymentLink = t.TypeOf<typeof PaymentLink>

// --- checkouts ----------------------------------------------------------------------------

/** `recurring` has no documented shape: read loosely in `normalize.ts`. */
export const CheckoutLineItem = struct(
  'CheckoutLineItem',
  {},
  {
    price: OptString,
    product: OptString,
    currency: OptCurrency,
    quantity: OptQuantity,
    description: OptString,
    amount_subtotal: OptAmount,
    amount_total: OptAmount,
    recurring: t.unknown,
  },
)
export type CheckoutLineItem = t.TypeOf<typeof CheckoutLineItem>

/**
 * PriceBlocs' record of a Stripe Checkout Session.
 * docs/providers/priceblocs.md#tax-field-types: on checkouts `automatic_tax`
 * and `tax_id_collection` are booleans and `tax_rates` a string (objects/arrays on links): they
 * are not read, only kept in `raw`, so their shape cannot fail a listing.
 */
export const Checkout = struct(
  'Checkout',
  { id: t.string, livemode: t.boolean, created: UnixTime },
  {
    object: t.string,
    session_id: OptString,
    status: OptString,
    payment_status: OptString,
    amount_subtotal: OptAmount,
    amount_total: OptAmount,
    currency: OptCurrency,
    customer: OptString,
    email: OptString,
    payment_intent_id: OptString,
    payment_link_id: OptString,
    client_reference_id: OptString,
    success_url: OptString,
    cancel_url: OptString,
    url: OptString,
    expires_at: OptTime,
    updated: OptTime,
    metadata: OptRecord,
    line_items: orNull(t.array(CheckoutLineItem)),
  },
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
      t.partial({
        object: t.string,
        page: PositiveInteger,
        page_size: PositiveInteger,
        total: orNull(NonNegativeInteger),
        links: PageLinks,
      }),
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
 * docs/providers/priceblocs.md#errors-in-body: it may arrive with HTTP 200, so
 * it is looked for in every response.
 */
export const ErrorBody = t.intersection(
  [
    t.type({ statusCode: t.number }),
    t.partial({ error: OptString, message: OptString, type: OptString, param: OptString }),
  ],
  'ErrorBody',
)
export type ErrorBody = t.TypeOf<typeof ErrorBody>
