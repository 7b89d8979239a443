/**
 * @paymux/wooshpay: the WooshPay adapter for paymux. Its sandbox server is the separate entry
 * `@paymux/wooshpay/sandbox`.
 */
export {
  wooshpay,
  type WooshpayCheckoutSessionQuery,
  type WooshpayPaymentIntentQuery,
  type WooshpayPaymentLinkQuery,
  type WooshpayCheckoutSessions,
  type WooshpayPaymentIntents,
  type WooshpayPaymentLinks,
  type WooshpayProvider,
} from './provider.ts'
export type { WooshpayOptions } from './options.ts'
export type { CursorQuery, WooshpayListQuery } from './paginate.ts'
export { MAX_PAGE_SIZE, capabilities } from './capabilities.ts'
