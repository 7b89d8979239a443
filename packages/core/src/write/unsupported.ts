/**
 * What an adapter puts where its provider lacks a write or a whole resource: methods that
 * reject with `unsupported` before any request, and the manifest entry that says so. Every
 * `PaymentProvider` has every method; the manifest and these say which ones work.
 */
import { unsupported } from '../errors.ts'
import { PLURAL } from '../model/fields.ts'
import type { AnyResourceName } from '../model/resource.ts'
import { failedPaginator } from '../paging/paginator.ts'
import type {
  CheckoutSessionsResource,
  PaymentIntentsResource,
  PaymentLinksResource,
  PricesResource,
  ProductsResource,
  RefundsResource,
  ResourceCapabilities,
  Support,
} from '../provider.ts'

/** A method that rejects with `unsupported`: `provider does not support <op> of <resource>`. */
export const notOffered =
  (provider: string, resource: AnyResourceName, operation: string) =>
  (..._args: unknown[]): Promise<never> =>
    Promise.reject(unsupported(provider, `${operation} of ${PLURAL[resource]}`))

/** A manifest entry with every operation `unsupported`, no filters and no fields (stores nothing). */
export const unsupportedCapabilities = <F extends string = string>(
  operations: readonly string[],
): ResourceCapabilities<F> => ({
  operations: Object.fromEntries(operations.map((o) => [o, 'unsupported' satisfies Support])),
  filters: {},
})

/** The payment link writes of a provider that has none. */
export const unsupportedPaymentLinkWrites = (
  provider: string,
): Pick<PaymentLinksResource, 'create' | 'update' | 'delete'> => ({
  create: notOffered(provider, 'paymentLinks', 'create'),
  update: notOffered(provider, 'paymentLinks', 'update'),
  delete: notOffered(provider, 'paymentLinks', 'delete'),
})

/** The checkout session writes of a provider that has none. */
export const unsupportedCheckoutSessionWrites = (
  provider: string,
): Pick<CheckoutSessionsResource, 'create' | 'expire'> => ({
  create: notOffered(provider, 'checkoutSessions', 'create'),
  expire: notOffered(provider, 'checkoutSessions', 'expire'),
})

/** The payment intent writes of a provider that has none. */
export const unsupportedPaymentIntentWrites = (
  provider: string,
): Pick<PaymentIntentsResource, 'create' | 'confirm' | 'capture' | 'cancel'> => ({
  create: notOffered(provider, 'paymentIntents', 'create'),
  confirm: notOffered(provider, 'paymentIntents', 'confirm'),
  capture: notOffered(provider, 'paymentIntents', 'capture'),
  cancel: notOffered(provider, 'paymentIntents', 'cancel'),
})

/** Refunds of a provider that has none. */
export const unsupportedRefunds = (provider: string): RefundsResource => ({
  create: notOffered(provider, 'refunds', 'create'),
  retrieve: notOffered(provider, 'refunds', 'retrieve'),
})

/** Products of a provider that has no catalogue. */
export const unsupportedProducts = (provider: string): ProductsResource => ({
  create: notOffered(provider, 'products', 'create'),
  retrieve: notOffered(provider, 'products', 'retrieve'),
  list: () => failedPaginator(unsupported(provider, `list of ${PLURAL.products}`)),
})

/** Prices of a provider that has no catalogue. */
export const unsupportedPrices = (provider: string): PricesResource => ({
  create: notOffered(provider, 'prices', 'create'),
  retrieve: notOffered(provider, 'prices', 'retrieve'),
  list: () => failedPaginator(unsupported(provider, `list of ${PLURAL.prices}`)),
})
