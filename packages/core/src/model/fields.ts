/**
 * The neutral fields a migration plan reports on, per resource, and how to read them from a
 * neutral object. Adapters declare, field by field, whether their data model can store each one
 * (`ResourceCapabilities.fields`); this list is what they must cover, so a typo or a missing
 * field in an adapter's declaration is a type error.
 *
 * Left out on purpose: `provider`, `object` and `raw` (never carried: `raw` is the source's own
 * wire object), and the fields the target assigns itself when it creates an object
 * (`ASSIGNED_BY_TARGET`), which no migration can carry whatever the target stores.
 */
import type { AnyResourceName } from './resource.ts'

/** The neutral fields a migration plan checks, per resource. */
export const MIGRATION_FIELDS = {
  paymentLinks: [
    'metadata',
    'active',
    'status',
    'currency',
    'title',
    'description',
    'lineItems',
    // Paths into each line item: a link's line items are part of the link on both providers.
    'lineItems.description',
    'lineItems.quantity',
    'lineItems.price',
    'lineItems.price.productId',
    'lineItems.price.unitAmount',
    'lineItems.price.recurring',
    'lineItems.amountSubtotal',
    'lineItems.amountTotal',
  ],
  checkoutSessions: [
    'metadata',
    'status',
    'paymentStatus',
    'amountSubtotal',
    'amountTotal',
    'currency',
    'customerId',
    'customerEmail',
    'paymentIntentId',
    'paymentLinkId',
    'clientReferenceId',
    'successUrl',
    'cancelUrl',
    'expiresAt',
  ],
  paymentIntents: [
    'metadata',
    'status',
    'amount',
    'amountReceived',
    'amountCapturable',
    'captureMethod',
    'customerId',
    'description',
    'paymentMethodTypes',
    'paymentMethodId',
    'merchantOrderId',
    'canceledAt',
    'cancellationReason',
    'latestChargeId',
  ],
  refunds: ['metadata', 'paymentIntentId', 'amount', 'status', 'reason'],
  products: ['metadata', 'name', 'description', 'active'],
  prices: ['productId', 'currency', 'unitAmount', 'type', 'recurring', 'active'],
} as const satisfies Record<AnyResourceName, readonly string[]>

/** A neutral field of resource `R`, as adapters name it in their field declaration. */
export type MigrationField<R extends AnyResourceName> = (typeof MIGRATION_FIELDS)[R][number]

/** Set by the target on creation (its own id, URL, mode and clock): reported once, never per object. */
export const ASSIGNED_BY_TARGET = {
  paymentLinks: ['id', 'livemode', 'createdAt', 'updatedAt', 'url'],
  checkoutSessions: ['id', 'livemode', 'createdAt', 'url'],
  paymentIntents: ['id', 'livemode', 'createdAt'],
  refunds: ['id', 'livemode', 'createdAt'],
  products: ['id', 'livemode', 'createdAt'],
  prices: ['id'],
} as const satisfies Record<AnyResourceName, readonly string[]>

/** `payment links`, for reasons and summaries. */
export const PLURAL: Readonly<Record<AnyResourceName, string>> = {
  paymentLinks: 'payment links',
  checkoutSessions: 'checkout sessions',
  paymentIntents: 'payment intents',
  refunds: 'refunds',
  products: 'products',
  prices: 'prices',
}

/** What one field path holds on one object. */
export interface FieldReading {
  /** The values present (several for a path into line items). */
  readonly values: unknown[]
  /**
   * Places where the field has no value: 1 for an absent top-level field, one per line item
   * lacking it for a path into line items (a link without line items lacks none).
   */
  missing: number
}

/** Null, `''`, `[]` and `{}` hold nothing a migration could carry. */
export const isPresent = (v: unknown): boolean => {
  if (v === null || v === undefined || v === '') return false
  if (Array.isArray(v)) return v.length > 0
  if (v instanceof Date) return true
  if (typeof v === 'object') return Object.keys(v).length > 0
  return true
}

const collect = (v: unknown, path: readonly string[], at: number, out: FieldReading): void => {
  if (at === path.length) {
    if (isPresent(v)) out.values.push(v)
    else out.missing += 1
    return
  }
  // A list in the middle of a path fans out: `lineItems.price` is read on every line item.
  if (Array.isArray(v)) {
    for (const e of v) collect(e, path, at, out)
    return
  }
  if (v === null || typeof v !== 'object') {
    // No line items at all lack nothing; a line item without a price lacks the price's fields.
    if (at > 1) out.missing += 1
    return
  }
  collect((v as Record<string, unknown>)[path[at] as string], path, at + 1, out)
}

/** Reads a dot path (`status`, `lineItems.price.unitAmount`) from a neutral object. */
export const readField = (object: unknown, field: string): FieldReading => {
  const out: FieldReading = { values: [], missing: 0 }
  collect(object, field.split('.'), 0, out)
  return out
}
