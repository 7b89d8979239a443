/**
 * The two query options of parallel listing, `partitions` and `order`, and their checks. Every
 * adapter runs them (even on listings that cannot be partitioned) so that a bad value is the same
 * typed error everywhere, before any request.
 */
import { PaymuxError, unsupported } from '../../errors.ts'
import type { ListingOrder } from '../types.ts'

export type { ListingOrder } from '../types.ts'

export const LISTING_ORDERS: readonly ListingOrder[] = ['newest_first', 'any']

/** Most windows a partitioned listing runs at once: beyond this a provider sees a burst, not a speed-up. */
export const MAX_PARTITIONS = 64

/** Pages a partitioned listing may hold for the consumer; the default is `partitions`. */
export const MAX_BUFFER_PAGES = 1024

/** The parallel-listing options of a query, checked. */
export interface PartitionOptions {
  /** 1 when the query gives none. */
  readonly partitions: number
  readonly order: ListingOrder
}

const invalid = (provider: string | null, message: string): PaymuxError =>
  new PaymuxError({ kind: 'invalid_request', provider, message })

const isCount = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max

/** Checks `partitions` (an integer from 1 to 64) and `order`; an `invalid_request` error otherwise. */
export const checkPartitionOptions = (
  provider: string | null,
  q: { readonly partitions?: unknown; readonly order?: unknown },
): PartitionOptions | PaymuxError => {
  if (q.partitions !== undefined && !isCount(q.partitions, 1, MAX_PARTITIONS)) {
    return invalid(provider, `partitions must be an integer from 1 to ${MAX_PARTITIONS}, got ${String(q.partitions)}`)
  }
  if (q.order !== undefined && !(LISTING_ORDERS as readonly unknown[]).includes(q.order)) {
    return invalid(provider, `order must be ${LISTING_ORDERS.join(' or ')}, got ${String(q.order)}`)
  }
  return { partitions: (q.partitions as number | undefined) ?? 1, order: (q.order as ListingOrder) ?? 'newest_first' }
}

/** Checks `bufferPages` (an integer from 1 to 1024). */
export const checkBufferPages = (provider: string | null, bufferPages: unknown): PaymuxError | null =>
  bufferPages === undefined || isCount(bufferPages, 1, MAX_BUFFER_PAGES)
    ? null
    : invalid(provider, `bufferPages must be an integer from 1 to ${MAX_BUFFER_PAGES}, got ${String(bufferPages)}`)

/**
 * For listings that cannot be partitioned (no server-side `created` filter): a bad value is
 * `invalid_request`, `partitions` above 1 is `unsupported`, and `partitions: 1` or any `order`
 * is accepted, as a plain listing already is one window in the provider's order.
 * `instead` is appended to the message, e.g. what to use instead.
 * @example const refused = refusePartitions('acme', 'paymentLinks', query); if (refused) return failedPaginator(refused)
 */
export const refusePartitions = (
  provider: string,
  what: string,
  q: { readonly partitions?: unknown; readonly order?: unknown },
  instead?: string,
): PaymuxError | null => {
  const options = checkPartitionOptions(provider, q)
  if (options instanceof PaymuxError) return options
  if (options.partitions <= 1) return null
  const why = `partitions for ${what} (it cannot filter them by created on the server)`
  return unsupported(provider, instead === undefined ? why : `${why}; ${instead}`)
}
