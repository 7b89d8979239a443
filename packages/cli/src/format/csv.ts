/**
 * CSV as RFC 4180 writes it: a header row, CRLF line ends, and a field quoted when it holds a
 * comma, a double quote, CR or LF (quotes doubled inside). Each resource has a fixed column
 * set, so every row of a file has the same columns whatever the provider sent.
 * Amounts are exact decimal strings in major units (`10.99`) next to their currency.
 *
 * Formula injection: a spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, tab or CR
 * (`=HYPERLINK(…)` in a link title is enough). Such a cell gets a leading `'`, which every
 * spreadsheet shows as text, except a plain decimal number (`-12.50`, `+3`): a number cannot
 * run anything, and a negative amount must stay a number for sums.
 */
import { toMajorUnits, type CheckoutSession, type Money, type PaymentIntent, type PaymentLink } from '@paymux/core'
import type { NeutralObject } from './amount.ts'
import type { CliResource } from '../resources.ts'

export type CsvValue = string | number | boolean | Date | null

const NEEDS_QUOTES = /[",\r\n]/

const FORMULA_START = /^[=+\-@\t\r]/
const PLAIN_NUMBER = /^[+-]?\d+(?:\.\d+)?$/

/** The text of a cell as a spreadsheet may safely read it (see the file comment). */
export const neutraliseFormula = (text: string): string =>
  FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text

export const csvField = (v: CsvValue): string => {
  if (v === null) return ''
  const text = neutraliseFormula(v instanceof Date ? v.toISOString() : String(v))
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export const csvRow = (values: readonly CsvValue[]): string => `${values.map(csvField).join(',')}\r\n`

const major = (m: Money | null): string | null => (m ? toMajorUnits(m) : null)
const metadata = (m: Readonly<Record<string, string>>): string | null =>
  Object.keys(m).length === 0 ? null : JSON.stringify(m)

/** A column: its header and how to read it; pairs keep header and value from drifting apart. */
type Column<T> = readonly [header: string, value: (o: T) => CsvValue]

const paymentLinks: readonly Column<PaymentLink>[] = [
  ['provider', (o) => o.provider],
  ['id', (o) => o.id],
  ['created_at', (o) => o.createdAt],
  ['status', (o) => o.status],
  ['active', (o) => o.active],
  ['currency', (o) => o.currency],
  ['title', (o) => o.title],
  ['description', (o) => o.description],
  ['url', (o) => o.url],
  ['line_items', (o) => (o.lineItems ? o.lineItems.length : null)],
  ['updated_at', (o) => o.updatedAt],
  ['livemode', (o) => o.livemode],
  ['metadata', (o) => metadata(o.metadata)],
]

const checkoutSessions: readonly Column<CheckoutSession>[] = [
  ['provider', (o) => o.provider],
  ['id', (o) => o.id],
  ['created_at', (o) => o.createdAt],
  ['status', (o) => o.status],
  ['payment_status', (o) => o.paymentStatus],
  ['amount_subtotal', (o) => major(o.amountSubtotal)],
  ['amount_total', (o) => major(o.amountTotal)],
  ['currency', (o) => o.amountTotal?.currency ?? o.currency],
  ['customer_id', (o) => o.customerId],
  ['customer_email', (o) => o.customerEmail],
  ['payment_intent_id', (o) => o.paymentIntentId],
  ['payment_link_id', (o) => o.paymentLinkId],
  ['client_reference_id', (o) => o.clientReferenceId],
  ['url', (o) => o.url],
  ['expires_at', (o) => o.expiresAt],
  ['livemode', (o) => o.livemode],
  ['metadata', (o) => metadata(o.metadata)],
]

const paymentIntents: readonly Column<PaymentIntent>[] = [
  ['provider', (o) => o.provider],
  ['id', (o) => o.id],
  ['created_at', (o) => o.createdAt],
  ['status', (o) => o.status],
  ['amount', (o) => major(o.amount)],
  ['amount_received', (o) => major(o.amountReceived)],
  ['amount_capturable', (o) => major(o.amountCapturable)],
  ['currency', (o) => o.amount.currency],
  ['capture_method', (o) => o.captureMethod],
  ['customer_id', (o) => o.customerId],
  ['description', (o) => o.description],
  ['payment_method_types', (o) => o.paymentMethodTypes.join(' ')],
  ['payment_method_id', (o) => o.paymentMethodId],
  ['merchant_order_id', (o) => o.merchantOrderId],
  ['canceled_at', (o) => o.canceledAt],
  ['cancellation_reason', (o) => o.cancellationReason],
  ['latest_charge_id', (o) => o.latestChargeId],
  ['livemode', (o) => o.livemode],
  ['metadata', (o) => metadata(o.metadata)],
]

const COLUMNS = {
  'payment-links': paymentLinks,
  'checkout-sessions': checkoutSessions,
  'payment-intents': paymentIntents,
}

/** The header line of a resource's CSV file. */
export const csvHeader = (resource: CliResource): string => csvRow(COLUMNS[resource].map(([header]) => header))

/** One object as a CSV line of its resource's columns. */
export const csvLine = (resource: CliResource, o: NeutralObject): string => {
  // The caller lists `resource`, so `o` is that resource's object.
  const columns = COLUMNS[resource] as readonly Column<NeutralObject>[]
  return csvRow(columns.map(([, value]) => value(o)))
}
