/** Neutral `CheckoutSession`. */
import * as t from 'io-ts'
import { Currency, Money } from '../money.ts'
import { DateFromISOString, baseFields, nullable, statusUnion } from './common.ts'

/** Every neutral checkout session status. */
export const CHECKOUT_SESSION_STATUSES = ['open', 'complete', 'expired'] as const
/** A neutral checkout session status (codec and type). */
export const CheckoutSessionStatus = statusUnion('CheckoutSessionStatus', CHECKOUT_SESSION_STATUSES)
export type CheckoutSessionStatus = t.TypeOf<typeof CheckoutSessionStatus>

/** Every neutral payment status of a checkout session. */
export const PAYMENT_STATUSES = ['paid', 'unpaid', 'no_payment_required'] as const
/** Whether a checkout session was paid (codec and type). */
export const PaymentStatus = statusUnion('PaymentStatus', PAYMENT_STATUSES)
export type PaymentStatus = t.TypeOf<typeof PaymentStatus>

/** A provider-neutral checkout session (codec and type). */
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
