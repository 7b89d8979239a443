/** Neutral `Refund`: money returned against a payment intent. */
import * as t from 'io-ts'
import { Money } from '../money.ts'
import { baseFields, nullable, statusUnion } from './common.ts'

/** The refund statuses paymux knows; any other value reads as `unknown`. */
export const REFUND_STATUSES = ['pending', 'succeeded', 'failed', 'canceled'] as const

/** Neutral refund: money returned against a payment intent. */
export const Refund = t.type(
  {
    ...baseFields,
    object: t.literal('refund'),
    paymentIntentId: nullable(t.string),
    amount: Money,
    status: statusUnion('RefundStatus', REFUND_STATUSES),
    reason: nullable(t.string),
  },
  'Refund',
)
export type Refund = t.TypeOf<typeof Refund>
