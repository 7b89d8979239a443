/**
 * Neutral list queries -> WooshPay query-string filters (Stripe style: `created[gte]=…`,
 * `customer_details[email]=…`; see the README for why not the documented GET body, quirk 1).
 * A filter WooshPay cannot apply is refused with kind `unsupported`; a malformed value with kind
 * `invalid_request`. Both happen before any request.
 */
import {
  PaymuxError,
  createdRangeError,
  toUnixSeconds,
  unsupported,
  type CheckoutSessionQuery,
  type CreatedRange,
  type PaymentIntentQuery,
  type PaymentLinkQuery,
  type PriceQuery,
  type ProductQuery,
} from '@paymux/core/adapter'
import { PROVIDER } from './capabilities.ts'

/** Wire query parameters of a listing's filters, e.g. `{ 'created[gte]': '1700000000' }`. */
export type Filters = Readonly<Record<string, string>>

const invalid = (message: string): PaymuxError =>
  new PaymuxError({ kind: 'invalid_request', provider: PROVIDER, message })

const refuse = (resource: string, filter: string): PaymuxError =>
  unsupported(PROVIDER, `filtering ${resource} by ${filter}`)

const BOUNDS = ['gt', 'gte', 'lt', 'lte'] as const

/** `created: { gte: Date | seconds }` -> `created[gte]=<unix seconds>` (quirk 6: sent as strings anyway). */
const createdFilters = (range: CreatedRange, out: Record<string, string>): PaymuxError | null => {
  const error = createdRangeError(PROVIDER, range)
  if (error) return error
  for (const bound of BOUNDS) {
    const value = range[bound]
    if (value !== undefined) out[`created[${bound}]`] = String(toUnixSeconds(value))
  }
  return null
}

const nonEmpty = (name: string, value: unknown): PaymuxError | null =>
  typeof value === 'string' && value !== '' ? null : invalid(`${name} must be a non-empty string`)

/** Payment links: `active` only. `status` active/inactive is the same filter. */
export const paymentLinkFilters = (q: PaymentLinkQuery): Filters | PaymuxError => {
  if (q.created !== undefined) return refuse('payment links', 'created')
  if (q.livemode !== undefined) return refuse('payment links', 'livemode (the key decides the mode)')
  let active = q.active
  if (active !== undefined && typeof active !== 'boolean') return invalid('active must be a boolean')
  if (q.status !== undefined) {
    if (q.status !== 'active' && q.status !== 'inactive') return refuse('payment links', `status ${q.status}`)
    const wanted = q.status === 'active'
    if (active !== undefined && active !== wanted) return invalid(`status ${q.status} contradicts active: ${active}`)
    active = wanted
  }
  return active === undefined ? {} : { active: String(active) }
}

export const checkoutSessionFilters = (q: CheckoutSessionQuery): Filters | PaymuxError => {
  if (q.status !== undefined) return refuse('checkout sessions', 'status')
  if (q.paymentStatus !== undefined) return refuse('checkout sessions', 'paymentStatus')
  if (q.livemode !== undefined) return refuse('checkout sessions', 'livemode (the key decides the mode)')
  const out: Record<string, string> = {}
  const error =
    (q.created === undefined ? null : createdFilters(q.created, out)) ??
    (q.customer === undefined ? null : nonEmpty('customer', q.customer)) ??
    (q.customerEmail === undefined ? null : nonEmpty('customerEmail', q.customerEmail)) ??
    (q.paymentIntent === undefined ? null : nonEmpty('paymentIntent', q.paymentIntent))
  if (error) return error
  if (q.customer !== undefined) out['customer'] = q.customer
  // Quirk 16: `customer_details.email` is the documented filter (marked required inside it).
  if (q.customerEmail !== undefined) out['customer_details[email]'] = q.customerEmail
  if (q.paymentIntent !== undefined) out['payment_intent'] = q.paymentIntent
  return out
}

export const paymentIntentFilters = (q: PaymentIntentQuery): Filters | PaymuxError => {
  if (q.status !== undefined) return refuse('payment intents', 'status')
  const out: Record<string, string> = {}
  const error = q.created === undefined ? null : createdFilters(q.created, out)
  return error ?? out
}

/** Products: the list takes paging only (no filter is documented, #write-endpoints). */
export const productFilters = (q: ProductQuery): Filters | PaymuxError =>
  q.active !== undefined ? refuse('products', 'active') : q.created !== undefined ? refuse('products', 'created') : {}

/** Prices: the (inferred) list takes paging only. */
export const priceFilters = (q: PriceQuery): Filters | PaymuxError =>
  q.active !== undefined ? refuse('prices', 'active') : q.productId !== undefined ? refuse('prices', 'productId') : {}
