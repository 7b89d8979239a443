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
 * use (quirk 13). Quirk numbers refer to ../../shared/providers.md §6.
 */
import * as t from 'io-ts'

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

/** A validation-only codec from a type guard. */
const guard = <A>(name: string, is: (u: unknown) => u is A): t.Type<A, A, unknown> =>
  new t.Type<A, A, unknown>(name, is, (u, c) => (is(u) ? t.success(u) : t.failure(u, c)), t.identity)

/** Value of a field that may be absent: `undefined`, `null` or `""` (quirk 10: `""` where null is meant). */
export type Nullish<A> = A | null | undefined | ''

const isAbsent = (u: unknown): u is null | undefined | '' => u === undefined || u === null || u === ''

/** A codec that also accepts an absent value; `inner` is the codec of a present one. */
export interface NullishType<A> extends t.Type<Nullish<A>, Nullish<A>, unknown> {
  readonly inner: t.Type<A, A, unknown>
}

/** Quirk 10: accepts `""` (and `null`) wherever a value may be absent. */
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

export type Struct<R extends t.Props, O extends t.Props> = t.TypeOf<t.TypeC<R>> & t.TypeOf<t.PartialC<O>>

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u)

/**
 * An object with `required` and `optional` fields (`t.type` & `t.partial` in one pass, with
 * plain paths such as `data.1.created` in errors). Validation-only: returns its input.
 */
const struct = <R extends t.Props, O extends t.Props>(
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

// ---------------------------------------------------------------------------------------------
// Quirky scalars
// ---------------------------------------------------------------------------------------------

const INT_TEXT = /^-?\d{1,16}$/
const MAX_DATE_MS = 8_640_000_000_000_000

/** A safe integer given as a JSON number or as a string of digits. */
export const isIntLike = (u: unknown): u is number | string =>
  typeof u === 'number'
    ? Number.isSafeInteger(u)
    : typeof u === 'string' && INT_TEXT.test(u) && Number.isSafeInteger(Number(u))

/**
 * Quirk 4 / 5: line-item `amount_subtotal`, `amount_total`, `quantity` and price fields come as
 * strings (`"1200"`). Strict: `"12.5"`, `"abc"`, `"1e3"` are refused, never read as NaN.
 */
export const IntLike = guard('IntLike', isIntLike)
export type IntLike = t.TypeOf<typeof IntLike>

/**
 * Quirk 7: epoch timestamps are documented in seconds but examples carry milliseconds; both are
 * accepted here (non-negative integers, number or digit string) and told apart in normalize.ts.
 */
export const Timestamp = guard('Timestamp', (u): u is number | string => {
  if (!isIntLike(u)) return false
  const n = typeof u === 'number' ? u : Number(u)
  // Up to the last instant a Date can hold (as milliseconds): larger values could never be dates.
  return n >= 0 && n <= MAX_DATE_MS
})
export type Timestamp = t.TypeOf<typeof Timestamp>

/** Quirk 8: WooshPay sends ISO codes in upper case, Stripe in lower case: any case is accepted. */
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
export const CurrencyCode = guard(
  'CurrencyCode',
  (u): u is string =>
    typeof u === 'string' &&
    u.length === 3 &&
    isLetter(u.charCodeAt(0)) &&
    isLetter(u.charCodeAt(1)) &&
    isLetter(u.charCodeAt(2)),
)

/** Quirk 5: booleans such as price `active` may come as `"true"` / `"false"`. */
export const BoolLike = guard(
  'BoolLike',
  (u): u is boolean | 'true' | 'false' => typeof u === 'boolean' || u === 'true' || u === 'false',
)
export type BoolLike = t.TypeOf<typeof BoolLike>

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

/** Price (S000, S001, W-PRICE-RET). Quirk 5: `unit_amount`, `active`, `interval_count` as strings. */
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

/** Line item (S001). Quirk 4: `amount_subtotal`, `amount_total`, `quantity` as strings. */
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
    quantity: int,
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

/** Payment link (W-PL-RET, S000). WooshPay has no title, description or `updated` field. */
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

/** Checkout session (S004). `object` is `checkout.session` on the wire. */
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

/** PaymentIntent (S002): `amount` and `currency` are required by the schema. */
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

/** The list envelope (§1.5): `has_more` and `data` are required to page safely. */
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

/** Error body fields (W-INTRO "Error Object"), nested under `error` or at the top level. */
export interface ErrorFields {
  readonly type?: unknown
  readonly code?: unknown
  readonly message?: unknown
  readonly param?: unknown
  readonly decline_code?: unknown
}
