/**
 * Pure wire -> neutral functions: no I/O, no io-ts. Quirks absorbed here (providers.md §6):
 * - lower-case currencies (`usd`) become ISO upper case (`USD`);
 * - timestamps are Unix seconds, with an `updated` field beside `created` (-> `updatedAt`);
 * - a status PriceBlocs adds later maps to `unknown`, never to a guess;
 * - checkout statuses are PriceBlocs' own (`started`, `completed`), mapped to the neutral ones;
 * - quantities may be strings (the SDK types them so, quirk 32);
 * - line items have no id and no amounts (links) or no documented `recurring` shape (checkouts).
 * `raw` is the decoded wire object itself, extra fields included.
 */
import {
  PAYMENT_LINK_STATUSES,
  PAYMENT_STATUSES,
  RECURRING_INTERVALS,
  normalizeCurrency,
  toKnown,
  type CheckoutSession,
  type LineItem,
  type Money,
  type PaymentLink,
  type Price,
  type Recurring,
} from '@paymux/core/adapter'
import type * as wire from './codecs.ts'
import { PROVIDER } from './options.ts'

// --- small readers ------------------------------------------------------------------------

/**
 * Unix seconds -> Date. PriceBlocs documents seconds; a 13-digit value can only be
 * milliseconds (year 33658 in seconds), so it is read as such rather than as a far-future date.
 */
export const fromSeconds = (s: number): Date => new Date(Math.abs(s) >= 1e11 ? s : s * 1000)

/** An optional timestamp JavaScript cannot represent is absent rather than an invalid Date. */
const optDate = (s: number | null | undefined): Date | null => {
  if (typeof s !== 'number') return null
  const d = fromSeconds(s)
  return Number.isNaN(d.getTime()) ? null : d
}

/** Empty strings are absent values, as `null`. */
const str = (v: string | null | undefined): string | null => (v === undefined || v === null || v === '' ? null : v)

// A listing sees a handful of currencies thousands of times: remember each spelling's result.
const currencies = new Map<string, string | null>()
const currencyOf = (v: string | null | undefined): string | null => {
  if (!v) return null
  let c = currencies.get(v)
  if (c === undefined) {
    c = normalizeCurrency(v)
    if (currencies.size < 1024) currencies.set(v, c)
  }
  return c
}

const moneyOf = (amount: number | null | undefined, currency: string | null): Money | null =>
  currency !== null && typeof amount === 'number' && Number.isSafeInteger(amount) ? { amount, currency } : null

const quantityOf = (q: number | string | null | undefined): number => {
  const n = typeof q === 'string' ? Number(q.trim()) : q
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : 1
}

/** Neutral metadata is string -> string: scalars are stringified, anything else dropped. */
const metadataOf = (m: Readonly<Record<string, unknown>> | null | undefined): Record<string, string> => {
  const out: Record<string, string> = {}
  if (!m) return out
  for (const key of Object.keys(m)) {
    const v = m[key]
    if (typeof v === 'string') out[key] = v
    else if (typeof v === 'number' || typeof v === 'boolean') out[key] = String(v)
  }
  return out
}

const recurringOf = (interval: unknown, count: unknown): Recurring | null => {
  const known = toKnown(RECURRING_INTERVALS, interval)
  if (known === 'unknown') return null
  return { interval: known, intervalCount: typeof count === 'number' && count > 0 ? count : 1 }
}

interface PriceInput {
  readonly price: string | null
  readonly product: string | null
  readonly currency: string | null
  readonly recurring: Recurring | null
  readonly isRecurring: boolean
}

const priceOf = (p: PriceInput): Price | null =>
  p.price === null || p.currency === null
    ? null
    : {
        id: p.price,
        productId: p.product,
        currency: p.currency,
        unitAmount: null,
        type: p.isRecurring ? 'recurring' : 'one_time',
        recurring: p.recurring,
        active: null,
      }

interface Parent {
  readonly id: string
  readonly livemode: boolean
  readonly createdAt: Date
  readonly currency: string | null
}

/** Line items have no id of their own: `<parent id>:<position>` is stable for a given parent. */
const lineItemId = (parent: Parent, index: number): string => `${parent.id}:${index}`

// --- payment links ------------------------------------------------------------------------

export const normalizeLinkLineItem = (li: wire.LinkLineItem, index: number, parent: Parent): LineItem => {
  const currency = currencyOf(li.currency) ?? parent.currency
  const recurring = recurringOf(li.interval, li.interval_count)
  return {
    provider: PROVIDER,
    id: lineItemId(parent, index),
    object: 'line_item',
    livemode: parent.livemode,
    createdAt: parent.createdAt,
    metadata: {},
    description: null,
    quantity: quantityOf(li.quantity),
    price: priceOf({
      price: str(li.price),
      product: str(li.product),
      currency,
      recurring,
      isRecurring: recurring !== null || str(li.interval) !== null,
    }),
    // A link's line item carries a price id, not an amount.
    amountSubtotal: null,
    amountTotal: null,
    raw: li,
  }
}

/** What an embedded line item inherits from the link or checkout that holds it. */
const parentOf = (o: wire.PaymentLink | wire.Checkout): Parent => ({
  id: o.id,
  livemode: o.livemode,
  createdAt: fromSeconds(o.created),
  currency: currencyOf(o.currency),
})

export const normalizeLinkLineItems = (link: wire.PaymentLink): LineItem[] => {
  const parent = parentOf(link)
  return (link.line_items ?? []).map((li, i) => normalizeLinkLineItem(li, i, parent))
}

export const normalizePaymentLink = (link: wire.PaymentLink): PaymentLink => {
  const status = toKnown(PAYMENT_LINK_STATUSES, link.status)
  return {
    provider: PROVIDER,
    id: link.id,
    object: 'payment_link',
    livemode: link.livemode,
    createdAt: fromSeconds(link.created),
    metadata: metadataOf(link.metadata),
    url: str(link.url),
    active: status === 'active',
    status,
    currency: currencyOf(link.currency),
    title: str(link.title),
    description: str(link.description),
    lineItems: link.line_items ? normalizeLinkLineItems(link) : null,
    updatedAt: optDate(link.updated),
    raw: link,
  }
}

// --- checkouts ----------------------------------------------------------------------------

/** PriceBlocs checkout status -> neutral. Only these two values are documented. */
const CHECKOUT_STATUS: Readonly<Record<string, CheckoutSession['status']>> = {
  started: 'open',
  completed: 'complete',
}

export const checkoutStatusOf = (status: string | null | undefined): CheckoutSession['status'] =>
  (status && Object.hasOwn(CHECKOUT_STATUS, status) ? CHECKOUT_STATUS[status] : undefined) ?? 'unknown'

/** `recurring` on a checkout line item is undocumented: an object with `interval`, or a flag. */
const checkoutRecurring = (r: unknown): { recurring: Recurring | null; isRecurring: boolean } => {
  if (typeof r === 'object' && r !== null) {
    const o = r as { interval?: unknown; interval_count?: unknown }
    return { recurring: recurringOf(o.interval, o.interval_count), isRecurring: true }
  }
  return { recurring: recurringOf(r, 1), isRecurring: r === true || typeof r === 'string' }
}

export const normalizeCheckoutLineItem = (li: wire.CheckoutLineItem, index: number, parent: Parent): LineItem => {
  const currency = currencyOf(li.currency) ?? parent.currency
  const { recurring, isRecurring } = checkoutRecurring(li.recurring)
  return {
    provider: PROVIDER,
    id: lineItemId(parent, index),
    object: 'line_item',
    livemode: parent.livemode,
    createdAt: parent.createdAt,
    metadata: {},
    description: str(li.description),
    quantity: quantityOf(li.quantity),
    price: priceOf({ price: str(li.price), product: str(li.product), currency, recurring, isRecurring }),
    amountSubtotal: moneyOf(li.amount_subtotal, currency),
    amountTotal: moneyOf(li.amount_total, currency),
    raw: li,
  }
}

export const normalizeCheckoutLineItems = (co: wire.Checkout): LineItem[] => {
  const parent = parentOf(co)
  return (co.line_items ?? []).map((li, i) => normalizeCheckoutLineItem(li, i, parent))
}

export const normalizeCheckout = (co: wire.Checkout): CheckoutSession => {
  const currency = currencyOf(co.currency)
  return {
    provider: PROVIDER,
    id: co.id,
    object: 'checkout_session',
    livemode: co.livemode,
    createdAt: fromSeconds(co.created),
    metadata: metadataOf(co.metadata),
    status: checkoutStatusOf(co.status),
    paymentStatus: toKnown(PAYMENT_STATUSES, co.payment_status),
    amountSubtotal: moneyOf(co.amount_subtotal, currency),
    amountTotal: moneyOf(co.amount_total, currency),
    currency,
    customerId: str(co.customer),
    customerEmail: str(co.email),
    paymentIntentId: str(co.payment_intent_id),
    paymentLinkId: str(co.payment_link_id),
    clientReferenceId: str(co.client_reference_id),
    url: str(co.url),
    successUrl: str(co.success_url),
    cancelUrl: str(co.cancel_url),
    expiresAt: optDate(co.expires_at),
    raw: co,
  }
}
