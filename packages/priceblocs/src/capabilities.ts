/**
 * What the PriceBlocs adapter can do, resource x (operation | filter). `client_side` means
 * PriceBlocs cannot do it and paymux does it itself (see `query.ts` and the README).
 */
import type { CapabilityManifest } from '@paymux/core'

export const capabilities: CapabilityManifest = {
  paymentLinks: {
    // Line items have no endpoint: they are read from the retrieved link.
    operations: { list: 'supported', retrieve: 'supported', lineItems: 'supported' },
    filters: { livemode: 'supported', status: 'client_side', active: 'client_side', created: 'client_side' },
  },
  checkoutSessions: {
    // Line items are read from the retrieved checkout.
    operations: { list: 'supported', retrieve: 'supported', lineItems: 'supported' },
    filters: {
      livemode: 'supported',
      customer: 'supported',
      customerEmail: 'supported',
      paymentIntent: 'supported',
      // `open`/`complete` and `paid`/`unpaid` are sent to PriceBlocs; the values it has no word
      // for (`expired`, `no_payment_required`, `unknown`) are filtered client-side.
      status: 'supported',
      paymentStatus: 'supported',
      created: 'client_side',
    },
  },
  // PriceBlocs has no payment intents (they live in the connected Stripe account).
  paymentIntents: {
    operations: { list: 'unsupported', retrieve: 'unsupported' },
    filters: { created: 'unsupported', status: 'unsupported' },
  },
}
