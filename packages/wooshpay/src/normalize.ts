/**
 * Pure functions from WooshPay wire objects (already validated by codecs.ts) to paymux's neutral
 * objects. No I/O. This is where the quirks of docs/providers/wooshpay.md are absorbed:
 * - 2  `"\"list\""` envelopes: accepted by the codec, nothing to convert;
 * - 4/5 integers sent as strings: `readInt()` (core's codec kit);
 * - 7  timestamps in seconds or milliseconds: `epochDate()` (core's codec kit);
 * - 8  upper-case (or lower-case) currency codes: `readCurrency()` (core's codec kit);
 * - 9  arrays sent as JSON strings: `stringList()`;
 * - 10 `""` where null is meant: `readText()` and every `isAbsent` check;
 * - unknown enum values: `toKnown` maps them to `unknown`;
 * - 24 price `product` as an id or an expanded object: `refId()`.
 * Extra fields are never copied: the whole wire object is kept, untouched, in `raw`.
 */
import {
  CAPTURE_METHODS,
  CHECKOUT_SESSION_STATUSES,
  epochDate,
  isAbsent,
  readBool,
  readCurrency,
  readInt,
  readMetadata,
  readText,
  PAYMENT_INTENT_STATUSES,
  PAYMENT_STATUSES,
  PRICE_TYPES,
  RECURRING_INTERVALS,
  REFUND_STATUSES,
  toKnown,
  type CheckoutSession,
  type LineItem,
  type Money,
  type PaymentIntent,
  type PaymentLink,
  type Price,
  type Product,
  type Recurring,
  type Refund,
} from '@paymux/core/adapter'
import { PROVIDER } from './capabilities.ts'
import { parseStringArray, type Nullish } from './codecs.ts'
import type * as wire from './codecs.ts'

/** What normalization needs to know about the client: the key's mode, for objects without `livemode`. */
export interface NormalizeContext {
  readonly livemode: boolean
}

// ---------------------------------------------------------------------------------------------
// Scalars (the common ones are read by core's codec kit)
// ---------------------------------------------------------------------------------------------

/** Objects without `livemode` take the key's mode. */
const livemode = (v: Nullish<boolean>, fallback: boolean): boolean => (typeof v === 'boolean' ? v : fallback)

/** An id reference, or the id of an expanded object (quirk 24). */
const refId = (v: Nullish<wire.Ref>): string | null => (isAbsent(v) ? null : typeof v === 'string' ? v : v.id)

/** Quirk 9: an array, or the same array JSON-encoded in a string (checked by the codec). */
const stringList = (v: Nullish<wire.StringList>): string[] => {
  if (isAbsent(v)) return []
  return typeof v === 'string' ? (parseStringArray(v) ?? []) : [...v]
}

const moneyOf = (amount: number | null, code: string | null): Money | null =>
  amount === null || code === null ? null : { amount, currency: code }

// ---------------------------------------------------------------------------------------------
// Objects
// ---------------------------------------------------------------------------------------------

const recurring = (r: Nullish<wire.Recurring>): Recurring | null => {
  if (isAbsent(r)) return null
  const interval = toKnown(RECURRING_INTERVALS, r.interval)
  // An interval outside day/week/month/year cannot be represented: null, with `raw` kept.
  return interval === 'unknown' ? null : { interval, intervalCount: readInt(r.interval_count) ?? 1 }
}

/** A price needs a currency; it falls back to the line item's. Without any, the price is null. */
export const normalizePrice = (p: wire.Price, fallbackCurrency: string | null): Price | null => {
  const code = readCurrency(p.currency) ?? fallbackCurrency
  if (code === null) return null
  return {
    id: p.id,
    productId: refId(p.product),
    currency: code,
    unitAmount: readInt(p.unit_amount),
    type: toKnown(PRICE_TYPES, p.type),
    recurring: recurring(p.recurring),
    active: readBool(p.active),
  }
}

/**
 * WooshPay line items carry no `created`, `livemode` or `metadata`. `createdAt` is the line
 * item's own `created` if sent, else its price's `created`, else the parent's (when embedded),
 * else the Unix epoch; `livemode` falls back to the price's, then to the key's mode.
 * `quantity` defaults to 1 (the API's default) when absent.
 */
export const normalizeLineItem = (li: wire.LineItem, ctx: NormalizeContext, parentCreated?: Date): LineItem => {
  const price = isAbsent(li.price) ? null : li.price
  const code = readCurrency(li.currency) ?? (price === null ? null : readCurrency(price.currency))
  return {
    provider: PROVIDER,
    id: li.id,
    object: 'line_item',
    livemode: livemode(li.livemode, price === null ? ctx.livemode : livemode(price.livemode, ctx.livemode)),
    createdAt: epochDate(li.created) ?? epochDate(price?.created) ?? parentCreated ?? new Date(0),
    metadata: readMetadata(li.metadata),
    raw: li,
    description: readText(li.description),
    quantity: readInt(li.quantity) ?? 1,
    price: price === null ? null : normalizePrice(price, code),
    amountSubtotal: moneyOf(readInt(li.amount_subtotal), code),
    amountTotal: moneyOf(readInt(li.amount_total), code),
  }
}

/**
 * `active` is WooshPay's only state: status is `active` or `inactive`. Line items are given
 * only when the link embeds the complete list (`has_more` false); otherwise `lineItems` is null
 * and `paymentLinks.lineItems(id)` lists them.
 */
export const normalizePaymentLink = (pl: wire.PaymentLink, ctx: NormalizeContext): PaymentLink => {
  const createdAt = epochDate(pl.created) as Date
  const active = pl.active === true || pl.active === 'true'
  const embedded = isAbsent(pl.line_items) ? null : pl.line_items
  const complete = embedded !== null && embedded.data !== undefined && embedded.has_more !== true
  return {
    provider: PROVIDER,
    id: pl.id,
    object: 'payment_link',
    livemode: livemode(pl.livemode, ctx.livemode),
    createdAt,
    metadata: readMetadata(pl.metadata),
    raw: pl,
    url: readText(pl.url),
    active,
    status: active ? 'active' : 'inactive',
    currency: readCurrency(pl.currency),
    title: null,
    description: null,
    lineItems: complete ? (embedded.data ?? []).map((li) => normalizeLineItem(li, ctx, createdAt)) : null,
    updatedAt: epochDate(pl.updated),
  }
}

/** `checkout.session` on the wire becomes `checkout_session`. */
export const normalizeCheckoutSession = (cs: wire.CheckoutSession, ctx: NormalizeContext): CheckoutSession => {
  const code = readCurrency(cs.currency)
  const details = isAbsent(cs.customer_details) ? null : cs.customer_details
  return {
    provider: PROVIDER,
    id: cs.id,
    object: 'checkout_session',
    livemode: livemode(cs.livemode, ctx.livemode),
    createdAt: epochDate(cs.created) as Date,
    metadata: readMetadata(cs.metadata),
    raw: cs,
    status: toKnown(CHECKOUT_SESSION_STATUSES, cs.status),
    paymentStatus: toKnown(PAYMENT_STATUSES, cs.payment_status),
    amountSubtotal: moneyOf(readInt(cs.amount_subtotal), code),
    amountTotal: moneyOf(readInt(cs.amount_total), code),
    currency: code,
    customerId: refId(cs.customer),
    customerEmail: readText(cs.customer_email) ?? readText(details?.email),
    paymentIntentId: refId(cs.payment_intent),
    paymentLinkId: refId(cs.payment_link),
    clientReferenceId: readText(cs.client_reference_id),
    url: readText(cs.url),
    successUrl: readText(cs.success_url),
    cancelUrl: readText(cs.cancel_url),
    expiresAt: epochDate(cs.expires_at),
  }
}

/** `capture_method` defaults to `automatic` when absent, as documented (docs/providers/wooshpay.md#paymentintent-object). */
export const normalizePaymentIntent = (pi: wire.PaymentIntent, ctx: NormalizeContext): PaymentIntent => {
  const code = pi.currency.toUpperCase()
  return {
    provider: PROVIDER,
    id: pi.id,
    object: 'payment_intent',
    livemode: livemode(pi.livemode, ctx.livemode),
    createdAt: epochDate(pi.created) as Date,
    metadata: readMetadata(pi.metadata),
    raw: pi,
    status: toKnown(PAYMENT_INTENT_STATUSES, pi.status),
    amount: { amount: readInt(pi.amount) as number, currency: code },
    amountReceived: { amount: readInt(pi.amount_received) ?? 0, currency: code },
    amountCapturable: { amount: readInt(pi.amount_capturable) ?? 0, currency: code },
    captureMethod: isAbsent(pi.capture_method) ? 'automatic' : toKnown(CAPTURE_METHODS, pi.capture_method),
    customerId: refId(pi.customer),
    description: readText(pi.description),
    paymentMethodTypes: stringList(pi.payment_method_types),
    paymentMethodId: refId(pi.payment_method),
    merchantOrderId: readText(pi.merchant_order_id),
    canceledAt: epochDate(pi.canceled_at),
    cancellationReason: readText(pi.cancellation_reason),
    latestChargeId: refId(pi.latest_charge),
  }
}

/** A product (#write-endpoints); `active` defaults to null when absent. */
export const normalizeProduct = (p: wire.Product, ctx: NormalizeContext): Product => ({
  provider: PROVIDER,
  id: p.id,
  object: 'product',
  livemode: livemode(p.livemode, ctx.livemode),
  createdAt: epochDate(p.created) ?? new Date(0),
  metadata: readMetadata(p.metadata),
  raw: p,
  name: p.name,
  description: readText(p.description),
  active: readBool(p.active),
})

/**
 * A refund (#write-endpoints). The retrieve example is a copied Stripe object (lower-case
 * currency, seconds): both cases and both time units are read. Without a currency the amount
 * cannot be money: the payment intent's currency is asked for by the caller (`fallbackCurrency`).
 */
export const normalizeRefund = (r: wire.Refund, ctx: NormalizeContext, fallbackCurrency = ''): Refund => ({
  provider: PROVIDER,
  id: r.id,
  object: 'refund',
  livemode: livemode(r.livemode, ctx.livemode),
  createdAt: epochDate(r.created) ?? new Date(0),
  metadata: readMetadata(r.metadata),
  raw: r,
  paymentIntentId: refId(r.payment_intent),
  amount: { amount: readInt(r.amount) as number, currency: readCurrency(r.currency) ?? fallbackCurrency },
  status: toKnown(REFUND_STATUSES, r.status),
  reason: readText(r.reason),
})
