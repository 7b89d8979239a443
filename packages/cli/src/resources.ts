/**
 * The resources the CLI knows, by their command-line names, with what each needs for
 * messages and `--status` checking. The neutral status lists come from @paymux/core.
 */
import {
  CHECKOUT_SESSION_STATUSES,
  PAYMENT_INTENT_STATUSES,
  PAYMENT_LINK_STATUSES,
  type ResourceName,
} from '@paymux/core'

export const RESOURCE_NAMES = ['payment-links', 'checkout-sessions', 'payment-intents'] as const
export type CliResource = (typeof RESOURCE_NAMES)[number]

export interface ResourceInfo {
  /** Property of a `PaymentProvider`: `paymentLinks`. */
  readonly key: ResourceName
  /** `payment link`, for messages. */
  readonly singular: string
  readonly plural: string
  readonly statuses: readonly string[]
}

export const RESOURCES: Readonly<Record<CliResource, ResourceInfo>> = {
  'payment-links': {
    key: 'paymentLinks',
    singular: 'payment link',
    plural: 'payment links',
    statuses: PAYMENT_LINK_STATUSES,
  },
  'checkout-sessions': {
    key: 'checkoutSessions',
    singular: 'checkout session',
    plural: 'checkout sessions',
    statuses: CHECKOUT_SESSION_STATUSES,
  },
  'payment-intents': {
    key: 'paymentIntents',
    singular: 'payment intent',
    plural: 'payment intents',
    statuses: PAYMENT_INTENT_STATUSES,
  },
}

export const isCliResource = (name: string): name is CliResource => (RESOURCE_NAMES as readonly string[]).includes(name)
