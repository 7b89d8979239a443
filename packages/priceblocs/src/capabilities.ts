/**
 * What the PriceBlocs adapter can do, resource x (operation | filter). `client_side` means
 * PriceBlocs cannot do it and paymux does it itself (see `query.ts` and the README).
 *
 * `fields` / `values` / `required` describe what PriceBlocs' own records can store, for migration
 * plans into PriceBlocs (`planMigration`). Sources: docs/providers/priceblocs.md#payment-link-object and
 * #checkout-object, and what codecs.ts / normalize.ts read.
 */
import { unsupportedCapabilities, type CapabilityManifest } from '@paymux/core/adapter'

/** The adapter's provider id, on every error and neutral object it makes. */
export const PROVIDER = 'priceblocs' as const

/** What the PriceBlocs adapter supports, per resource (the README's capability matrix). */
export const capabilities: CapabilityManifest = {
  paymentLinks: {
    // Line items have no endpoint: they are read from the retrieved link.
    operations: {
      list: 'supported',
      retrieve: 'supported',
      lineItems: 'supported',
      // Writes (docs/providers/priceblocs.md#link-writes): no idempotency keys, so a create is sent once.
      create: 'supported',
      update: 'supported',
      delete: 'supported',
    },
    // The create's method and path and its `price_data` shape, and the delete's method, path and
    // answer, are inferred from the docs' pages and REST convention, not shown in them.
    inferred: ['create', 'delete'],
    filters: { livemode: 'supported', status: 'client_side', active: 'client_side', created: 'client_side' },
    // Windows need a server-side `created` filter; page numbers give `concurrency` instead.
    options: { partitions: 'unsupported' },
    // Page numbers of 20 (docs/providers/priceblocs.md#page-numbers); core fetches at most 16 pages at once and delivers them in order.
    listing: { maxPageSize: 20, defaultPageSize: 20, maxConcurrency: 16 },
    fields: {
      // Not in the documented link object (#payment-link-object); the SDK's `metadata` goes to the Stripe session.
      metadata: 'unsupported',
      active: 'supported', // stored as `status: active`
      status: 'supported', // `status` active | inactive | archived
      currency: 'supported', // `currency`
      title: 'supported', // `title`
      description: 'supported', // `description`
      lineItems: 'supported', // `line_items` array (absent in setup mode)
      'lineItems.description': 'unsupported', // items are `{ price, product, currency, interval, quantity }`
      'lineItems.quantity': 'supported', // item `quantity`
      'lineItems.price': 'supported', // item `price`: a price id of the connected Stripe account
      'lineItems.price.productId': 'supported', // item `product`
      // The amount belongs to the Stripe price the id points at; the link stores no amount.
      'lineItems.price.unitAmount': 'unsupported',
      'lineItems.price.recurring': 'supported', // item `interval` (and `interval_count` when sent)
      'lineItems.amountSubtotal': 'unsupported', // a link has no amount (#payment-link-object)
      'lineItems.amountTotal': 'unsupported',
    },
    values: { status: ['active', 'inactive', 'archived'] },
    // Line items are optional (setup mode has none), but each one is a price id.
    required: ['lineItems.price'],
  },
  checkoutSessions: {
    // Line items are read from the retrieved checkout.
    operations: {
      list: 'supported',
      retrieve: 'supported',
      lineItems: 'supported',
      create: 'unsupported',
      expire: 'unsupported',
    },
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
    options: { partitions: 'unsupported' },
    // Page numbers of 20 (docs/providers/priceblocs.md#page-numbers); core fetches at most 16 pages at once and delivers them in order.
    listing: { maxPageSize: 20, defaultPageSize: 20, maxConcurrency: 16 },
    // PriceBlocs' checkout record (docs/providers/priceblocs.md#checkout-object), which mirrors a Stripe Checkout Session.
    fields: {
      metadata: 'supported', // `metadata`
      status: 'supported', // `status` started | completed (see `values`)
      paymentStatus: 'supported', // `payment_status`
      amountSubtotal: 'supported', // `amount_subtotal`
      amountTotal: 'supported', // `amount_total`
      currency: 'supported', // `currency`
      customerId: 'supported', // `customer`
      customerEmail: 'supported', // `email`
      paymentIntentId: 'supported', // `payment_intent_id`
      paymentLinkId: 'supported', // `payment_link_id` (a PriceBlocs link UUID)
      clientReferenceId: 'supported', // `client_reference_id`
      successUrl: 'unsupported', // the record has no `success_url` (it lives on the link)
      cancelUrl: 'unsupported', // nor `cancel_url`
      expiresAt: 'unsupported', // nor `expires_at`
    },
    values: {
      // `started` -> open, `completed` -> complete: no word for an expired session.
      status: ['open', 'complete'],
      // Stripe's values, which the record mirrors (the list filter documents paid | unpaid).
      paymentStatus: ['paid', 'unpaid', 'no_payment_required'],
    },
  },
  // PriceBlocs has no payment intents (they live in the connected Stripe account): no `fields`,
  // so a migration plan into PriceBlocs carries none.
  paymentIntents: {
    operations: {
      list: 'unsupported',
      retrieve: 'unsupported',
      create: 'unsupported',
      confirm: 'unsupported',
      capture: 'unsupported',
      cancel: 'unsupported',
    },
    filters: { created: 'unsupported', status: 'unsupported' },
    options: { partitions: 'unsupported' },
  },
  refunds: unsupportedCapabilities(['create', 'retrieve']),
  products: unsupportedCapabilities(['create', 'retrieve', 'list']),
  prices: unsupportedCapabilities(['create', 'retrieve', 'list']),
  // PriceBlocs documents no webhooks (docs/providers/priceblocs.md#webhooks).
  webhooks: { verify: 'unsupported' },
  // No idempotency keys (docs/providers/priceblocs.md#no-idempotency-keys): creates are settled by their reference.
  idempotencyKeys: 'unsupported',
}
