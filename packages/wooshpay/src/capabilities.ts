/**
 * What the WooshPay adapter can do, as data: the provider id, page-size bounds and the
 * capability manifest (resource x operation/filter -> support). Filters marked `unsupported`
 * are refused with kind `unsupported` before any request, never silently ignored.
 */
import type { CapabilityManifest } from '@paymux/core'

export const PROVIDER = 'wooshpay' as const

/** `limit` bounds of every WooshPay list endpoint (§1.5). */
export const MIN_PAGE_SIZE = 1
export const MAX_PAGE_SIZE = 100
/** Page size used for iteration when the query gives none: the largest, fewest requests. */
export const DEFAULT_PAGE_SIZE = MAX_PAGE_SIZE

export const capabilities: CapabilityManifest = {
  paymentLinks: {
    operations: { list: 'supported', retrieve: 'supported', lineItems: 'supported' },
    // `status` maps onto the `active` filter: `active` / `inactive` only (WooshPay has no archive).
    filters: { active: 'supported', status: 'supported', created: 'unsupported', livemode: 'unsupported' },
  },
  checkoutSessions: {
    operations: { list: 'supported', retrieve: 'supported', lineItems: 'supported' },
    filters: {
      created: 'supported',
      customer: 'supported',
      customerEmail: 'supported',
      paymentIntent: 'supported',
      status: 'unsupported',
      paymentStatus: 'unsupported',
      livemode: 'unsupported',
    },
  },
  paymentIntents: {
    operations: { list: 'supported', retrieve: 'supported' },
    filters: { created: 'supported', status: 'unsupported' },
  },
}
