/**
 * io-ts codecs of WooshPay's wire format, field names exactly as on the wire.
 *
 * Design: these codecs only *validate*; they never transform. A decoded value is the very object
 * `JSON.parse` produced, so `raw` on a neutral object is the provider's object untouched, and
 * the happy path allocates nothing: `struct` runs the allocation-free `is` guards first (no
 * io-ts context arrays) and walks the full `validate` only to describe a failure (sound because
 * every codec here accepts exactly the values its `is` accepts). Conversions (string
 * to integer, seconds or milliseconds to Date, case of currencies) happen in normalize.ts.
 *
 * Only the fields paymux reads are declared; every other field is tolerated and kept in `raw`
 * (so `next_action` with its `data_ur` typo, quirk 14, and `3ds_status`, quirk 15, are never
 * read). `payment_method_types` values are free strings: the documented enum misses values in
 * use (quirk 13). Quirk numbers and notes: docs/providers/wooshpay.md.
 */
import * as t from 'io-ts'
import {
  BoolLike,
  Count,
  CurrencyLetters,
  EpochTime,
  IntLike,
  guard,
  nullish,
  struct,
  type Nullish,
} from '@paymux/core/adapter'

export { BoolLike, IntLike, type Nullish }
export type IntLike = t.TypeOf<typeof IntLike>
export type BoolLike = t.TypeOf<typeof BoolLike>

// ---------------------------------------------------------------------------------------------
// Quirky scalars (the building blocks are core's codec kit)
// ---------------------------------------------------------------------------------------------

/**
 * Quirk 7: epoch timestamps are documented in seconds but examples carry milliseconds; both are
 * accepted (non-negative integers, number or digit string, within a Date's range) and told apart
 * in normalize.ts.
 */
export const Timestamp = EpochTime
export type Timestamp = t.TypeOf<typeof Timestamp>

/** Quirk 8: WooshPay sends ISO codes in upper case, Stripe in lower case: any case is accepted. */
export const CurrencyCode = CurrencyLetters

const isStringArray = (u: unknown): u is string[] => Array.isArray(u) && u.every((s) => typeof s === 'string')

/** Parses a JSON-encoded array of strings, or returns null. */
export const parseStringArray = (text: string): string[] | null => {
  if (!text.startsWith('[')) return null
  try {
    const parsed: unknown = JSON.parse(text)
    return isStringArray(parsed) ? parsed : null
  } catch {
    return null
  }
}

/**
 * Quirk 9: `payment_method_types` (an array) is sometimes serialised as a JSON string,
 * `"[\"card\",\"alipay\"]"`. Both forms are accepted; normalize.ts parses the string.
 */
export const StringList = guard(
  'StringList',
  (u): u is string[] | string => isStringArray(u) || (typeof u === 'string' && parseStringArray(u) !== null),
)
export type StringList = t.TypeOf<typeof StringList>

/** Quirk 2: the list envelope's `object` is `"list"`, or `"\"list\""` with the quotes inside. */
export const ListTag = guard('ListTag', (u): u is string => u === 'list' || u === '"list"')

/** A reference that is an id, or the referenced object expanded (quirk 24: price `product`). */
export const Ref = guard(
  'Ref',
  (u): u is string | { readonly id: string } =>
    typeof u === 'string' || (typeof u === 'object' && u !== null && typeof (u as { id?: unknown }).id === 'string'),
)
export type Ref = t.TypeOf<typeof Ref>

/** Metadata: string values; numbers and booleans are tolerated (stringified by normalize.ts). */
export const Metadata = guard('Metadata', (u): u is Readonly<Record<string, string | number | boolean | null>> => {
  if (typeof u !== 'object' || u === null || Array.isArray(u)) return false
  for (const k in u) {
    const v = (u as Record<string, unknown>)[k]
    if (v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return false
  }
  return true
})
export type Metadata = t.TypeOf<typeof Metadata>

const str = nullish(t.string)
const int = nullish(IntLike)
const time = nullish(Timestamp)
const ref = nullish(Ref)

// ---------------------------------------------------------------------------------------------
// Objects
// ---------------------------------------------------------------------------------------------

export const Recurring = struct('Recurring', { interval: t.string }, { interval_count: int })
export type Recurring = t.TypeOf<typeof Recurring>

/** Price (#prices). Quirk 5: `unit_amount`, `active`, `interval_count` as strings. */
export const Price = struct(
  'Price',
  { id: t.string },
  {
    object: str,
    active: nullish(BoolLike),
    created: time,
    currency: nullish(CurrencyCode),
    livemode: nullish(t.boolean),
    product: ref,
    type: str,
    unit_amount: int,
    recurring: nullish(Recurring),
  },
)
export type Price = t.TypeOf<typeof Price>

/** Line item (#payment-link-object). Quirk 4: `amount_subtotal`, `amount_total`, `quantity` as strings. */
export const LineItem = struct(
  'LineItem',
  { id: t.string },
  {
    object: str,
    amount_subtotal: int,
    amount_total: int,
    currency: nullish(CurrencyCode),
    description: str,
    price: nullish(Price),
    // A count: `"abc"` or `-3` is a decode error, never read as the default of 1.
    quantity: nullish(Count),
    metadata: nullish(Metadata),
    created: time,
    livemode: nullish(t.boolean),
  },
)
export type LineItem = t.TypeOf<typeof LineItem>

/** A list as embedded in an object (`payment_link.line_items`); may be `{}` when not expanded. */
export const EmbeddedLineItems = struct(
  'EmbeddedLineItems',
  {},
  { data: t.readonlyArray(LineItem), has_more: t.boolean },
)

/** Payment link (#payment-link-object). WooshPay has no title, description or `updated` field. */
export const PaymentLink = struct(
  'PaymentLink',
  { id: t.string, active: BoolLike, created: Timestamp },
  {
    object: str,
    currency: nullish(CurrencyCode),
    livemode: nullish(t.boolean),
    metadata: nullish(Metadata),
    url: str,
    line_items: nullish(EmbeddedLineItems),
    updated: time,
  },
)
export type PaymentLink = t.TypeOf<typeof PaymentLink>

export const CustomerDetails = struct('CustomerDetails', {}, { email: str })

/** Checkout session (#checkout-session-object). `object` is `checkout.session` on the wire. */
export const CheckoutSession = struct(
  'CheckoutSession',
  { id: t.string, created: Timestamp },
  {
    object: str,
    amount_subtotal: int,
    amount_total: int,
    cancel_url: str,
    client_reference_id: str,
    currency: nullish(CurrencyCode),
    customer: ref,
    customer_email: str,
    customer_details: nullish(CustomerDetails),
    expires_at: time,
    livemode: nullish(t.boolean),
    metadata: nullish(Metadata),
    payment_intent: ref,
    payment_link: ref,
    payment_status: str,
    status: str,
    success_url: str,
    url: str,
  },
)
export type CheckoutSession = t.TypeOf<typeof CheckoutSession>

/** PaymentIntent (#paymentintent-object): `amount` and `currency` are required by the schema. */
export const PaymentIntent = struct(
  'PaymentIntent',
  { id: t.string, amount: IntLike, currency: CurrencyCode, created: Timestamp },
  {
    object: str,
    status: str,
    amount_received: int,
    amount_capturable: int,
    capture_method: str,
    customer: ref,
    description: str,
    metadata: nullish(Metadata),
    livemode: nullish(t.boolean),
    payment_method_types: nullish(StringList),
    payment_method: ref,
    merchant_order_id: str,
    canceled_at: time,
    cancellation_reason: str,
    latest_charge: ref,
  },
)
export type PaymentIntent = t.TypeOf<typeof PaymentIntent>

/** Product (#write-endpoints, `POST /v1/products` response). */
export const Product = struct(
  'Product',
  { id: t.string, name: t.string },
  {
    object: str,
    active: nullish(BoolLike),
    created: time,
    description: str,
    livemode: nullish(t.boolean),
    metadata: nullish(Metadata),
  },
)
export type Product = t.TypeOf<typeof Product>

/**
 * Refund (#write-endpoints): `amount` is documented as an integer on the object (a string only
 * on the create request, #write-money); both are read.
 */
export const Refund = struct(
  'Refund',
  { id: t.string, amount: IntLike },
  {
    object: str,
    created: time,
    currency: nullish(CurrencyCode),
    metadata: nullish(Metadata),
    payment_intent: ref,
    reason: str,
    status: str,
    livemode: nullish(t.boolean),
  },
)
export type Refund = t.TypeOf<typeof Refund>

/** The list envelope (#cursor-pagination): `has_more` and `data` are required to page safely. */
export interface List<A> {
  readonly object?: Nullish<string>
  readonly url?: Nullish<string>
  readonly has_more: boolean
  readonly data: readonly A[]
}

export const list = <A>(item: t.Type<A, A, unknown>, name: string): t.Type<List<A>, List<A>, unknown> =>
  struct(name, { has_more: t.boolean, data: t.readonlyArray(item) }, { object: nullish(ListTag), url: str })

export const PaymentLinkList = list(PaymentLink, 'PaymentLinkList')
export const CheckoutSessionList = list(CheckoutSession, 'CheckoutSessionList')
export const PaymentIntentList = list(PaymentIntent, 'PaymentIntentList')
export const LineItemList = list(LineItem, 'LineItemList')
export const ProductList = list(Product, 'ProductList')
export const PriceList = list(Price, 'PriceList')

/** Error body fields (#error-envelope), nested under `error` or at the top level. */
export interface ErrorFields {
  readonly type?: unknown
  readonly code?: unknown
  readonly message?: unknown
  readonly param?: unknown
  readonly decline_code?: unknown
}
