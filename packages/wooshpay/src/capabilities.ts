/**
 * What the WooshPay adapter can do, as data: the provider id, page-size bounds and the
 * capability manifest (resource x operation/filter -> support). Filters marked `unsupported`
 * are refused with kind `unsupported` before any request, never silently ignored.
 *
 * `fields` / `values` / `required` / `maxAmount` describe what WooshPay's own objects can store,
 * for migration plans into WooshPay (`planMigration`). Sources: the object notes of
 * docs/providers/wooshpay.md (#payment-link-object, #checkout-session-object, #paymentintent-object)
 * and what codecs.ts / normalize.ts read.
 */
import { PAYMENT_INTENT_STATUSES, type CapabilityManifest } from '@paymux/core/adapter'

export const PROVIDER = 'wooshpay' as const

/** `limit` bounds of every WooshPay list endpoint (docs/providers/wooshpay.md#cursor-pagination). */
export const MIN_PAGE_SIZE = 1
/** The largest page WooshPay serves. */
export const MAX_PAGE_SIZE = 100
/** Page size used for iteration when the query gives none: the largest, fewest requests. */
export const DEFAULT_PAGE_SIZE = MAX_PAGE_SIZE

/** What the WooshPay adapter supports, per resource (the README's capability matrix). */
export const capabilities: CapabilityManifest = {
  paymentLinks: {
    operations: {
      list: 'supported',
      retrieve: 'supported',
      lineItems: 'supported',
      create: 'supported',
      update: 'supported',
      // No delete endpoint (#write-endpoints): deactivate with `update({ active: false })`.
      delete: 'unsupported',
    },
    // The create/update bodies were never published: the Stripe pattern (#write-endpoints).
    inferred: ['create', 'update'],
    // `status` maps onto the `active` filter: `active` / `inactive` only (WooshPay has no archive).
    filters: { active: 'supported', status: 'supported', created: 'unsupported', livemode: 'unsupported' },
    // Windows need a server-side `created` filter, which the link list does not have.
    options: { partitions: 'unsupported' },
    // Cursor pages (`starting_after`) come one at a time; `limit` 1 to 100 (docs/providers/wooshpay.md#cursor-pagination).
    listing: { maxPageSize: MAX_PAGE_SIZE, defaultPageSize: DEFAULT_PAGE_SIZE, maxConcurrency: 1 },
    fields: {
      metadata: 'supported', // `metadata` object (#payment-link-object)
      active: 'supported', // `active` boolean: WooshPay's only state
      status: 'supported', // stored as `active`, so only two values (see `values`)
      currency: 'supported', // `currency` on the link
      title: 'unsupported', // the link object has no title (#payment-link-object)
      description: 'unsupported', // nor a description
      lineItems: 'supported', // `line_items` list (#payment-link-object)
      'lineItems.description': 'supported', // line item `description` (defaults to the product name)
      'lineItems.quantity': 'supported', // line item `quantity`
      'lineItems.price': 'supported', // line item `price`, a full Price object with its id (#prices)
      'lineItems.price.productId': 'supported', // price `product`
      'lineItems.price.unitAmount': 'supported', // price `unit_amount`
      'lineItems.price.recurring': 'supported', // price `recurring { interval, interval_count }`
      'lineItems.amountSubtotal': 'supported', // line item `amount_subtotal`
      'lineItems.amountTotal': 'supported', // line item `amount_total`
    },
    // No archive: a link is active or not (`active` boolean, #payment-link-object; no delete endpoint either).
    values: { status: ['active', 'inactive'] },
    // Links are built from prices: `line_items[{ price, quantity }]` is required on create (#payment-link-object).
    required: ['lineItems', 'lineItems.price'],
  },
  checkoutSessions: {
    operations: {
      list: 'supported',
      retrieve: 'supported',
      lineItems: 'supported',
      create: 'supported',
      expire: 'supported',
    },
    // The expire path is confirmed by third-party code only (#write-endpoints).
    inferred: ['expire'],
    filters: {
      created: 'supported',
      customer: 'supported',
      customerEmail: 'supported',
      paymentIntent: 'supported',
      status: 'unsupported',
      paymentStatus: 'unsupported',
      livemode: 'unsupported',
    },
    // `created[gte]` / `created[lt]` per window (core's `partitions`).
    options: { partitions: 'supported' },
    // Cursor pages (`starting_after`) come one at a time; `limit` 1 to 100 (docs/providers/wooshpay.md#cursor-pagination).
    listing: { maxPageSize: MAX_PAGE_SIZE, defaultPageSize: DEFAULT_PAGE_SIZE, maxConcurrency: 1 },
    // Every neutral field is a field of WooshPay's Checkout Session object (#checkout-session-object).
    fields: {
      metadata: 'supported', // `metadata`
      status: 'supported', // `status` open | complete | expired
      paymentStatus: 'supported', // `payment_status` paid | unpaid | no_payment_required
      amountSubtotal: 'supported', // `amount_subtotal`
      amountTotal: 'supported', // `amount_total`
      currency: 'supported', // `currency`
      customerId: 'supported', // `customer`
      customerEmail: 'supported', // `customer_email` (or `customer_details.email`)
      paymentIntentId: 'supported', // `payment_intent`
      paymentLinkId: 'supported', // `payment_link`
      clientReferenceId: 'supported', // `client_reference_id`
      successUrl: 'supported', // `success_url`
      cancelUrl: 'supported', // `cancel_url`
      expiresAt: 'supported', // `expires_at` (1 to 24 h after creation)
    },
    // The documented enums; `unknown` (a value paymux did not recognise) cannot be written back.
    values: {
      status: ['open', 'complete', 'expired'],
      paymentStatus: ['paid', 'unpaid', 'no_payment_required'],
    },
  },
  paymentIntents: {
    operations: {
      list: 'supported',
      retrieve: 'supported',
      create: 'supported',
      confirm: 'supported',
      capture: 'supported',
      cancel: 'supported',
    },
    // The confirm body and the capture/cancel paths are not in the docs (#write-endpoints).
    inferred: ['confirm', 'capture', 'cancel'],
    filters: { created: 'supported', status: 'unsupported' },
    options: { partitions: 'supported' },
    // Cursor pages (`starting_after`) come one at a time; `limit` 1 to 100 (docs/providers/wooshpay.md#cursor-pagination).
    listing: { maxPageSize: MAX_PAGE_SIZE, defaultPageSize: DEFAULT_PAGE_SIZE, maxConcurrency: 1 },
    // Every neutral field is a field of WooshPay's PaymentIntent object (#paymentintent-object).
    fields: {
      metadata: 'supported', // `metadata`
      status: 'supported', // `status`, the seven documented values (see `values`)
      amount: 'supported', // `amount`, minor units
      amountReceived: 'supported', // `amount_received`
      amountCapturable: 'supported', // `amount_capturable`
      captureMethod: 'supported', // `capture_method` automatic | manual
      customerId: 'supported', // `customer`
      description: 'supported', // `description`
      paymentMethodTypes: 'supported', // `payment_method_types`
      paymentMethodId: 'supported', // `payment_method`
      merchantOrderId: 'supported', // `merchant_order_id` (WooshPay's own)
      canceledAt: 'supported', // `canceled_at`
      cancellationReason: 'supported', // `cancellation_reason`
      latestChargeId: 'supported', // `latest_charge`
    },
    values: {
      // The documented enum, which is the neutral one: the undocumented `failed` (neutral
      // `unknown`) is not a value a migration can write.
      status: PAYMENT_INTENT_STATUSES,
      captureMethod: ['automatic', 'manual'],
    },
    // "amount: integer, required, up to 8 digits" (docs/providers/wooshpay.md#amount-limit).
    maxAmount: { amount: 99_999_999 },
  },
  refunds: {
    // Create and retrieve only: no list, update or cancel (#write-endpoints).
    operations: { create: 'supported', retrieve: 'supported' },
    filters: {},
    fields: {
      metadata: 'supported', // `metadata`
      paymentIntentId: 'supported', // `payment_intent`
      amount: 'supported', // `amount` (a string on the request, #write-money)
      reason: 'supported', // `reason` duplicate | fraudulent | requested_by_customer | resolved_dispute
      status: 'supported', // `status`
    },
    values: { reason: ['duplicate', 'fraudulent', 'requested_by_customer', 'resolved_dispute'] },
  },
  products: {
    operations: { create: 'supported', retrieve: 'supported', list: 'supported' },
    filters: { active: 'unsupported', created: 'unsupported' },
    listing: { maxPageSize: MAX_PAGE_SIZE, defaultPageSize: DEFAULT_PAGE_SIZE, maxConcurrency: 1 },
    fields: {
      name: 'supported', // `name`, required
      description: 'supported', // `description`
      metadata: 'supported', // `metadata`
      active: 'supported', // `active` boolean
    },
  },
  prices: {
    operations: { create: 'supported', retrieve: 'supported', list: 'supported' },
    // The docs show no price list (#write-endpoints): `GET /v1/prices` is the Stripe pattern.
    inferred: ['list'],
    filters: { active: 'unsupported', productId: 'unsupported' },
    listing: { maxPageSize: MAX_PAGE_SIZE, defaultPageSize: DEFAULT_PAGE_SIZE, maxConcurrency: 1 },
    fields: {
      productId: 'supported', // `product`
      currency: 'supported', // `currency`
      unitAmount: 'supported', // `unit_amount`, a decimal string on the request (#write-money)
      recurring: 'supported', // `recurring { interval, interval_count }`
      active: 'supported', // `active` (a string on the request)
      type: 'supported', // `type` one_time | recurring, from `recurring`
    },
  },
  // Signed deliveries (docs/providers/wooshpay.md#webhooks).
  webhooks: { verify: 'supported' },
  // `Idempotency-Key` on every POST (docs/providers/wooshpay.md#idempotency).
  idempotencyKeys: 'supported',
}
