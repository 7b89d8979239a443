/** Neutral `CheckoutSession`. */
import * as t from 'io-ts'
import { Currency, Money } from '../money.ts'
import { DateFromISOString, baseFields, nullable, statusUnion } from './common.ts'

export const CHECKOUT_SESSION_STATUSES = ['open', 'complete', 'expired'] as const
export const CheckoutSessionStatus = statusUnion('CheckoutSessionStatus', CHECKOUT_SESSION_STATUSES)
export type CheckoutSessionStatus = t.TypeOf<typeof CheckoutSessionStatus>

export const PAYMENT_STATUSES = ['paid', 'unpaid', 'no_payment_required'] as const
export const PaymentStatus = statusUnion('PaymentStatus', PAYMENT_STATUSES)
export type PaymentStatus = t.TypeOf<typeof PaymentStatus>

export const CheckoutSession = t.type(
  {
    ...baseFields,
    object: t.literal('checkout_session'),
    status: CheckoutSessionStatus,
    paymentStatus: PaymentStatus,
    amountSubtotal: nullable(Money),
    amountTotal: nullable(Money),
    currency: nullable(Currency),
    customerId: nullable(t.string),
    customerEmail: nullable(t.string),
    paymentIntentId: nullable(t.string),
    paymentLinkId: nullable(t.string),
    clientReferenceId: nullable(t.string),
    url: nullable(t.string),
    successUrl: nullable(t.string),
    cancelUrl: nullable(t.string),
    expiresAt: nullable(DateFromISOString),
  },
  'CheckoutSession',
)
export type CheckoutSession = t.TypeOf<typeof CheckoutSession>
