/**
 * Pure wire -> neutral functions: no I/O, no io-ts. Quirks absorbed here
 * (docs/providers/priceblocs.md):
 * - lower-case currencies (`usd`) become ISO upper case (`USD`);
 * - timestamps are Unix seconds, with an `updated` field beside `created` (-> `updatedAt`);
 * - a status PriceBlocs adds later maps to `unknown`, never to a guess;
 * - checkout statuses are PriceBlocs' own (`started`, `completed`), mapped to the neutral ones;
 * - quantities may be strings (the SDK types them so, #sdk-string-quantity);
 * - line items have no id and no amounts (links) or no documented `recurring` shape (checkouts).
 * `raw` is the decoded wire object itself, extra fields included.
 */
import {
  PAYMENT_LINK_STATUSES,
  PAYMENT_STATUSES,
  RECURRING_INTERVALS,
  epochDate,
  readCurrency,
  readInt,
  readMetadata,
  readText,
  toKnown,
  type CheckoutSession,
  type LineItem,
  type Money,
  type PaymentLink,
  type Price,
  type Recurring,
} from '@paymux/core/adapter'
import type * as wire from './codecs.ts'
import { PROVIDER } from './capabilities.ts'

// --- small readers (the common ones are core's codec kit: `readText`, `readCurrency`, …) ------

/**
 * Unix seconds -> Date. PriceBlocs documents seconds; a 13-digit value can only be milliseconds
 * (year 33658 in seconds), so it is read as such rather than as a far-future date. The codec
 * has already refused what no Date can hold.
 */
export const fromSeconds = (s: number): Date => epochDate(s) as Date

const moneyOf = (amount: number | null | undefined, currency: string | null): Money | null =>
  currency === null || amount === null || amount === undefined ? null : { amount, currency }

/** Quantities are validated counts (number or digits); absent means 1, the API's default. */
const quantityOf = (q: number | string | null | undefined): number => readInt(q) ?? 1

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
  const currency = readCurrency(li.currency) ?? parent.currency
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
      price: readText(li.price),
      product: readText(li.product),
      currency,
      recurring,
      isRecurring: recurring !== null || readText(li.interval) !== null,
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
  currency: readCurrency(o.currency),
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
    metadata: readMetadata(link.metadata),
    url: readText(link.url),
    active: status === 'active',
    status,
    currency: readCurrency(link.currency),
    title: readText(link.title),
    description: readText(link.description),
    lineItems: link.line_items ? normalizeLinkLineItems(link) : null,
    updatedAt: epochDate(link.updated),
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
  const currency = readCurrency(li.currency) ?? parent.currency
  const { recurring, isRecurring } = checkoutRecurring(li.recurring)
  return {
    provider: PROVIDER,
    id: lineItemId(parent, index),
    object: 'line_item',
    livemode: parent.livemode,
    createdAt: parent.createdAt,
    metadata: {},
    description: readText(li.description),
    quantity: quantityOf(li.quantity),
    price: priceOf({ price: readText(li.price), product: readText(li.product), currency, recurring, isRecurring }),
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
  const currency = readCurrency(co.currency)
  return {
    provider: PROVIDER,
    id: co.id,
    object: 'checkout_session',
    livemode: co.livemode,
    createdAt: fromSeconds(co.created),
    metadata: readMetadata(co.metadata),
    status: checkoutStatusOf(co.status),
    paymentStatus: toKnown(PAYMENT_STATUSES, co.payment_status),
    amountSubtotal: moneyOf(co.amount_subtotal, currency),
    amountTotal: moneyOf(co.amount_total, currency),
    currency,
    customerId: readText(co.customer),
    customerEmail: readText(co.email),
    paymentIntentId: readText(co.payment_intent_id),
    paymentLinkId: readText(co.payment_link_id),
    clientReferenceId: readText(co.client_reference_id),
    url: readText(co.url),
    successUrl: readText(co.success_url),
    cancelUrl: readText(co.cancel_url),
    expiresAt: epochDate(co.expires_at),
    raw: co,
  }
}
