/**
 * CSV as RFC 4180 writes it: a header row, CRLF line ends, and a field quoted when it holds a
 * comma, a double quote, CR or LF (quotes doubled inside). Each resource has a fixed column
 * set, so every row of a file has the same columns whatever the provider sent.
 * Amounts are exact decimal strings in major units (`10.99`) next to their currency.
 */
import { toMajorUnits, type CheckoutSession, type Money, type PaymentIntent, type PaymentLink } from '@paymux/core'
import type { NeutralObject } from './amount.ts'
import type { CliResource } from '../resources.ts'

export type CsvValue = string | number | boolean | Date | null

const NEEDS_QUOTES = /[",\r\n]/

export const csvField = (v: CsvValue): string => {
  if (v === null) return ''
  const text = v instanceof Date ? v.toISOString() : String(v)
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export const csvRow = (values: readonly CsvValue[]): string => `${values.map(csvField).join(',')}\r\n`

const major = (m: Money | null): string | null => (m ? toMajorUnits(m) : null)
const metadata = (m: Readonly<Record<string, string>>): string | null =>
  Object.keys(m).length === 0 ? null : JSON.stringify(m)

interface CsvColumns<T> {
  readonly header: readonly string[]
  readonly row: (o: T) => CsvValue[]
}

const paymentLinks: CsvColumns<PaymentLink> = {
  header: [
    'provider',
    'id',
    'created_at',
    'status',
    'active',
    'currency',
    'title',
    'description',
    'url',
    'line_items',
    'updated_at',
    'livemode',
    'metadata',
  ],
  row: (o) => [
    o.provider,
    o.id,
    o.createdAt,
    o.status,
    o.active,
    o.currency,
    o.title,
    o.description,
    o.url,
    o.lineItems ? o.lineItems.length : null,
    o.updatedAt,
    o.livemode,
    metadata(o.metadata),
  ],
}

const checkoutSessions: CsvColumns<CheckoutSession> = {
  header: [
    'provider',
    'id',
    'created_at',
    'status',
    'payment_status',
    'amount_subtotal',
    'amount_total',
    'currency',
    'customer_id',
    'customer_email',
    'payment_intent_id',
    'payment_link_id',
    'client_reference_id',
    'url',
    'expires_at',
    'livemode',
    'metadata',
  ],
  row: (o) => [
    o.provider,
    o.id,
    o.createdAt,
    o.status,
    o.paymentStatus,
    major(o.amountSubtotal),
    major(o.amountTotal),
    o.amountTotal?.currency ?? o.currency,
    o.customerId,
    o.customerEmail,
    o.paymentIntentId,
    o.paymentLinkId,
    o.clientReferenceId,
    o.url,
    o.expiresAt,
    o.livemode,
    metadata(o.metadata),
  ],
}

const paymentIntents: CsvColumns<PaymentIntent> = {
  header: [
    'provider',
    'id',
    'created_at',
    'status',
    'amount',
    'amount_received',
    'amount_capturable',
    'currency',
    'capture_method',
    'customer_id',
    'description',
    'payment_method_types',
    'payment_method_id',
    'merchant_order_id',
    'canceled_at',
    'cancellation_reason',
    'latest_charge_id',
    'livemode',
    'metadata',
  ],
  row: (o) => [
    o.provider,
    o.id,
    o.createdAt,
    o.status,
    major(o.amount),
    major(o.amountReceived),
    major(o.amountCapturable),
    o.amount.currency,
    o.captureMethod,
    o.customerId,
    o.description,
    o.paymentMethodTypes.join(' '),
    o.paymentMethodId,
    o.merchantOrderId,
    o.canceledAt,
    o.cancellationReason,
    o.latestChargeId,
    o.livemode,
    metadata(o.metadata),
  ],
}

const COLUMNS = {
  'payment-links': paymentLinks,
  'checkout-sessions': checkoutSessions,
  'payment-intents': paymentIntents,
}

/** The header line of a resource's CSV file. */
export const csvHeader = (resource: CliResource): string => csvRow(COLUMNS[resource].header)

/** One object as a CSV line of its resource's columns. */
export const csvLine = (resource: CliResource, o: NeutralObject): string => {
  const columns = COLUMNS[resource] as CsvColumns<NeutralObject>
  return csvRow(columns.row(o))
}
