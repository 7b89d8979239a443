/**
 * The neutral resources. The three payment objects (`ResourceName`) are read on every provider:
 * listed, retrieved, merged across providers, exported and migrated. Refunds, products and
 * prices (`SupportingResourceName`) are resources of their own too, with their own capability
 * entry, which a provider without them marks `unsupported`.
 */
export const RESOURCE_NAMES = ['paymentLinks', 'checkoutSessions', 'paymentIntents'] as const
/** A payment object resource: read on every provider (some refuse operations on it). */
export type ResourceName = (typeof RESOURCE_NAMES)[number]

/** The resources that support the payment objects: refunds of intents, the catalogue of links. */
export const SUPPORTING_RESOURCE_NAMES = ['refunds', 'products', 'prices'] as const
/** A supporting resource: `refunds`, `products` or `prices`. */
export type SupportingResourceName = (typeof SUPPORTING_RESOURCE_NAMES)[number]

/** Every resource of the capability manifest. */
export type AnyResourceName = ResourceName | SupportingResourceName
