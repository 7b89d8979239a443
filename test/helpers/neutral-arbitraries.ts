/** fast-check arbitraries of neutral objects, for codec round-trip properties. */
import * as fc from 'fast-check'
import {
  CAPTURE_METHODS,
  CHECKOUT_SESSION_STATUSES,
  PAYMENT_INTENT_STATUSES,
  PAYMENT_LINK_STATUSES,
  PAYMENT_STATUSES,
  type CheckoutSession,
  type LineItem,
  type PaymentIntent,
  type PaymentLink,
} from '@paymux/core/adapter'

// Plain-prototype records: neutral objects are plain data, and deep equality compares prototypes.
const rec = <T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<T> =>
  fc.record(model, { noNullPrototype: true }) as fc.Arbitrary<T>
const withUnknown = <V extends string>(values: readonly V[]) => fc.constantFrom<V | 'unknown'>(...values, 'unknown')
const currency = fc.constantFrom('USD', 'JPY', 'KWD', 'EUR', 'CNY')
const date = fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
const money = rec({ amount: fc.maxSafeInteger(), currency })
const str = fc.string({ maxLength: 20 })
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null })
const json = fc.jsonValue({ maxDepth: 2 })

const base = {
  provider: fc.constantFrom('wooshpay', 'priceblocs'),
  id: fc.string({ minLength: 1, maxLength: 30 }),
  livemode: fc.boolean(),
  createdAt: date,
  metadata: fc.dictionary(
    fc.string({ maxLength: 8 }).filter((k) => k !== '__proto__'),
    fc.string({ maxLength: 12 }),
    { maxKeys: 3, noNullPrototype: true },
  ),
  raw: json,
}

export const lineItemArb: fc.Arbitrary<LineItem> = rec({
  ...base,
  object: fc.constant('line_item' as const),
  description: opt(str),
  quantity: fc.nat(),
  price: opt(
    rec({
      id: str,
      productId: opt(str),
      currency,
      unitAmount: opt(fc.maxSafeInteger()),
      type: withUnknown(['one_time', 'recurring'] as const),
      recurring: opt(
        rec({ interval: fc.constantFrom('day', 'week', 'month', 'year' as const), intervalCount: fc.nat(12) }),
      ),
      active: opt(fc.boolean()),
    }),
  ),
  amountSubtotal: opt(money),
  amountTotal: opt(money),
})

export const paymentLinkArb: fc.Arbitrary<PaymentLink> = rec({
  ...base,
  object: fc.constant('payment_link' as const),
  url: opt(str),
  active: fc.boolean(),
  status: withUnknown(PAYMENT_LINK_STATUSES),
  currency: opt(currency),
  title: opt(str),
  description: opt(str),
  lineItems: opt(fc.array(lineItemArb, { maxLength: 2 })),
  updatedAt: opt(date),
})

export const checkoutSessionArb: fc.Arbitrary<CheckoutSession> = rec({
  ...base,
  object: fc.constant('checkout_session' as const),
  status: withUnknown(CHECKOUT_SESSION_STATUSES),
  paymentStatus: withUnknown(PAYMENT_STATUSES),
  amountSubtotal: opt(money),
  amountTotal: opt(money),
  currency: opt(currency),
  customerId: opt(str),
  customerEmail: opt(str),
  paymentIntentId: opt(str),
  paymentLinkId: opt(str),
  clientReferenceId: opt(str),
  url: opt(str),
  successUrl: opt(str),
  cancelUrl: opt(str),
  expiresAt: opt(date),
})

export const paymentIntentArb: fc.Arbitrary<PaymentIntent> = rec({
  ...base,
  object: fc.constant('payment_intent' as const),
  status: withUnknown(PAYMENT_INTENT_STATUSES),
  amount: money,
  amountReceived: money,
  amountCapturable: money,
  captureMethod: withUnknown(CAPTURE_METHODS),
  customerId: opt(str),
  description: opt(str),
  paymentMethodTypes: fc.array(str, { maxLength: 3 }),
  paymentMethodId: opt(str),
  merchantOrderId: opt(str),
  canceledAt: opt(date),
  cancellationReason: opt(str),
  latestChargeId: opt(str),
})
