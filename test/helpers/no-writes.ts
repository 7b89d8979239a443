/** Fillers for hand-built test providers: every write and supporting resource `unsupported`. */
import {
  unsupportedCapabilities,
  unsupportedCheckoutSessionWrites,
  unsupportedPaymentIntentWrites,
  unsupportedPaymentLinkWrites,
  unsupportedPrices,
  unsupportedProducts,
  unsupportedRefunds,
  type CapabilityManifest,
} from '@paymux/core/adapter'

/** The manifest entries of the supporting resources, all `unsupported`. */
export const noSupportingCaps: Pick<CapabilityManifest, 'refunds' | 'products' | 'prices'> = {
  refunds: unsupportedCapabilities(['create', 'retrieve']),
  products: unsupportedCapabilities(['create', 'retrieve', 'list']),
  prices: unsupportedCapabilities(['create', 'retrieve', 'list']),
}

/** Write methods per resource, and the supporting resources, for provider `id`. */
export const noWrites = (id: string) => ({
  links: unsupportedPaymentLinkWrites(id),
  sessions: unsupportedCheckoutSessionWrites(id),
  intents: unsupportedPaymentIntentWrites(id),
  supporting: { refunds: unsupportedRefunds(id), products: unsupportedProducts(id), prices: unsupportedPrices(id) },
})
