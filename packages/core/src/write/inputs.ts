/**
 * Neutral write inputs, one codec each. Every write checks its input with these before any
 * request, so bad input is `invalid_request` naming the field (`lineItems.0.quantity`), never a
 * provider's 400 after a network round trip, and never a field silently dropped.
 */
import * as t from 'io-ts'
import { Money } from '../money.ts'
import { DateFromISOString, Metadata } from '../model/common.ts'
import { RECURRING_INTERVALS } from '../model/line-item.ts'
import { refined, strictObject } from './strict.ts'

const PositiveInteger = refined(t.number, 'positive integer', (n) => Number.isSafeInteger(n) && n > 0)
const NonNegativeInteger = refined(t.number, 'integer >= 0', (n) => Number.isSafeInteger(n) && n >= 0)
const NonEmptyString = refined(t.string, 'non-empty string', (s) => s.trim().length > 0)
const CurrencyCode = refined(t.string, 'ISO 4217 currency code', (s) => /^[A-Za-z]{3}$/.test(s))
const PositiveMoney = refined(Money, 'Money with an amount > 0', (m) => m.amount > 0)

/** An absolute http(s) URL: providers redirect buyers to it, so a relative one is a bug. */
export const HttpUrl = refined(t.string, 'absolute http(s) URL', (s) => {
  try {
    const u = new URL(s)
    return u.protocol === 'https:' || u.protocol === 'http:'
  } catch {
    return false
  }
})

/** How often a recurring price bills: an interval and an optional count of them. */
export const RecurringInput = strictObject(
  'RecurringInput',
  {
    interval: t.keyof(
      Object.fromEntries(RECURRING_INTERVALS.map((i) => [i, null])) as Record<
        (typeof RECURRING_INTERVALS)[number],
        null
      >,
    ),
  },
  { intervalCount: PositiveInteger },
)

/** An ad-hoc price inside a line item: currency, unit amount in minor units, product name. */
export const PriceDataInput = strictObject(
  'PriceDataInput',
  { currency: CurrencyCode, unitAmount: NonNegativeInteger, productName: NonEmptyString },
  { recurring: RecurringInput },
)

/** An existing price at the provider, or an ad-hoc price the adapter creates what it needs for. */
export const LineItemInput = t.union(
  [
    strictObject('LineItemInput(price)', { price: NonEmptyString, quantity: PositiveInteger }, {}),
    strictObject('LineItemInput(priceData)', { priceData: PriceDataInput, quantity: PositiveInteger }, {}),
  ],
  'LineItemInput',
)
export type LineItemInput = t.TypeOf<typeof LineItemInput>

const LineItems = refined(t.array(LineItemInput), 'one or more line items', (a) => a.length > 0)

/** Input of `paymentLinks.create`: one or more line items and the link's own fields. */
export const PaymentLinkCreate = strictObject(
  'PaymentLinkCreate',
  { lineItems: LineItems },
  { title: t.string, description: t.string, metadata: Metadata, successUrl: HttpUrl, active: t.boolean },
)
export type PaymentLinkCreate = t.TypeOf<typeof PaymentLinkCreate>

/** Input of `paymentLinks.update`: only the fields given change. */
export const PaymentLinkUpdate = strictObject(
  'PaymentLinkUpdate',
  {},
  {
    active: t.boolean,
    status: t.keyof({ active: null, inactive: null, archived: null }),
    title: t.string,
    description: t.string,
    metadata: Metadata,
    successUrl: HttpUrl,
  },
)
export type PaymentLinkUpdate = t.TypeOf<typeof PaymentLinkUpdate>

/** Input of `checkoutSessions.create`: line items and where to send the buyer afterwards. */
export const CheckoutSessionCreate = strictObject(
  'CheckoutSessionCreate',
  { lineItems: LineItems, successUrl: HttpUrl },
  {
    cancelUrl: HttpUrl,
    customerEmail: NonEmptyString,
    customerId: NonEmptyString,
    clientReferenceId: NonEmptyString,
    metadata: Metadata,
    expiresAt: DateFromISOString,
  },
)
export type CheckoutSessionCreate = t.TypeOf<typeof CheckoutSessionCreate>

/** Input of `paymentIntents.create`: a positive amount and how to capture it. */
export const PaymentIntentCreate = strictObject(
  'PaymentIntentCreate',
  { amount: PositiveMoney },
  {
    captureMethod: t.keyof({ automatic: null, manual: null }),
    customerId: NonEmptyString,
    description: t.string,
    paymentMethodTypes: t.array(NonEmptyString),
    merchantOrderId: NonEmptyString,
    metadata: Metadata,
    confirm: t.boolean,
    paymentMethodId: NonEmptyString,
  },
)
export type PaymentIntentCreate = t.TypeOf<typeof PaymentIntentCreate>

/** Input of `paymentIntents.confirm`: an optional payment method. */
export const PaymentIntentConfirm = strictObject('PaymentIntentConfirm', {}, { paymentMethodId: NonEmptyString })
export type PaymentIntentConfirm = t.TypeOf<typeof PaymentIntentConfirm>
/** Input of `paymentIntents.capture`: an optional amount below the authorized one. */
export const PaymentIntentCapture = strictObject('PaymentIntentCapture', {}, { amount: PositiveMoney })
export type PaymentIntentCapture = t.TypeOf<typeof PaymentIntentCapture>
/** Input of `paymentIntents.cancel`: an optional reason. */
export const PaymentIntentCancel = strictObject('PaymentIntentCancel', {}, { reason: NonEmptyString })
export type PaymentIntentCancel = t.TypeOf<typeof PaymentIntentCancel>

/** Input of `refunds.create`: the payment intent, and an amount when not the whole of it. */
export const RefundCreate = strictObject(
  'RefundCreate',
  { paymentIntentId: NonEmptyString },
  { amount: PositiveMoney, reason: NonEmptyString, metadata: Metadata },
)
export type RefundCreate = t.TypeOf<typeof RefundCreate>

/** Input of `products.create`. */
export const ProductCreate = strictObject(
  'ProductCreate',
  { name: NonEmptyString },
  { description: t.string, metadata: Metadata },
)
export type ProductCreate = t.TypeOf<typeof ProductCreate>

/** Input of `prices.create`: a product, a currency and a whole amount in minor units. */
export const PriceCreate = strictObject(
  'PriceCreate',
  { productId: NonEmptyString, currency: CurrencyCode, unitAmount: NonNegativeInteger },
  { recurring: RecurringInput },
)
export type PriceCreate = t.TypeOf<typeof PriceCreate>
