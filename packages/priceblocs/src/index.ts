/**
 * @paymux/priceblocs: the PriceBlocs adapter for paymux. The sandbox server is a separate
 * entry, `@paymux/priceblocs/sandbox`.
 */
export { priceblocs } from './provider.ts'
export { DEFAULT_BASE_URL, type PriceblocsOptions } from './options.ts'
export { capabilities } from './capabilities.ts'
