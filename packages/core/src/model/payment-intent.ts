/** Neutral `PaymentIntent`. */
import * as t from 'io-ts'
import { Money } from '../money.ts'
import { DateFromISOString, baseFields, nullable, statusUnion } from './common.ts'

/** Every neutral payment intent status. */
export const PAYMENT_INTENT_STATUSES = [
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
  'processing',
  'requires_capture',
  'canceled',
  'succeeded',
] as const
/** A neutral payment intent status (codec and type). */
export const PaymentIntentStatus = statusUnion('PaymentIntentStatus', PAYMENT_INTENT_STATUSES)
export type PaymentIntentStatus = t.TypeOf<typeof PaymentIntentStatus>

/** Every neutral capture method. */
export const CAPTURE_METHODS = ['automatic', 'manual'] as const
/** How a payment intent is captured (codec and type). */
export const CaptureMethod = statusUnion('CaptureMethod', CAPTURE_METHODS)
export type CaptureMethod = t.TypeOf<typeof CaptureMethod>

/** A provider-neutral payment intent (codec and type). */
export const PaymentIntent = t.type(
  {
    ...baseFields,
    object: t.literal('payment_intent'),
    status: PaymentIntentStatus,
    amount: Money,
    amountReceived: Money,
    amountCapturable: Money,
    captureMethod: CaptureMethod,
    customerId: nullable(t.string),
    description: nullable(t.string),
    paymentMethodTypes: t.array(t.string),
    paymentMethodId: nullable(t.string),
    merchantOrderId: nullable(t.string),
    canceledAt: nullable(DateFromISOString),
    cancellationReason: nullable(t.string),
    latestChargeId: nullable(t.string),
  },
  'PaymentIntent',
)
export type PaymentIntent = t.TypeOf<typeof PaymentIntent>
