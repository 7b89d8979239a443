/**
 * @paymux/priceblocs: the PriceBlocs adapter for paymux. The sandbox server is a separate
 * entry, `@paymux/priceblocs/sandbox`.
 */
export { priceblocs, type PriceblocsProvider } from './provider.ts'
export type { PriceblocsLinkWrites, SettleOptions, SettleResult } from './writes.ts'
export { DEFAULT_BASE_URL, type PriceblocsOptions } from './options.ts'
export { capabilities } from './capabilities.ts'
