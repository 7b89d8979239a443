/** Neutral `PaymentLink`. */
import * as t from 'io-ts'
import { Currency } from '../money.ts'
import { DateFromISOString, baseFields, nullable, statusUnion } from './common.ts'
import { LineItem } from './line-item.ts'

/** Every neutral payment link status. */
export const PAYMENT_LINK_STATUSES = ['active', 'inactive', 'archived'] as const
/** A neutral payment link status (codec and type). */
export const PaymentLinkStatus = statusUnion('PaymentLinkStatus', PAYMENT_LINK_STATUSES)
export type PaymentLinkStatus = t.TypeOf<typeof PaymentLinkStatus>

/** A provider-neutral payment link (codec and type). */
export const PaymentLink = t.type(
  {
    ...baseFields,
    object: t.literal('payment_link'),
    url: nullable(t.string),
    active: t.boolean,
    status: PaymentLinkStatus,
    currency: nullable(Currency),
    title: nullable(t.string),
    description: nullable(t.string),
    /** Null when the provider did not include line items in this response. */
    lineItems: nullable(t.array(LineItem)),
    updatedAt: nullable(DateFromISOString),
  },
  'PaymentLink',
)
export type PaymentLink = t.TypeOf<typeof PaymentLink>
