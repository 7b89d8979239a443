/**
 * The paging options of `ListQuery`, checked in this one place (issue 12, "the design step"):
 * `pageSize` against the provider's bounds, `maxPages`, `prefetch`, `concurrency`, `partitions`
 * and `order`, `resumeFrom`. Plain, partitioned and merged listings and both adapters read them
 * through `readPagingOptions`, so a bad value is the same `invalid_request` everywhere, before
 * any request.
 */
import { PaymuxError } from '../errors.ts'
import { checkPartitionOptions } from './partition/options.ts'
import type { ListingOrder, ListQuery } from './types.ts'

/** The names of the paging options of `ListQuery` (everything else in a query is a filter). */
export const PAGING_OPTIONS = [
  'pageSize',
  'resumeFrom',
  'signal',
  'maxPages',
  'prefetch',
  'concurrency',
  'onSummary',
  'partitions',
  'order',
] as const satisfies readonly (keyof ListQuery)[]

/** A query without its paging options: its filters. */
export const filtersOnly = <Q extends ListQuery>(query: Q): Omit<Q, (typeof PAGING_OPTIONS)[number]> => {
  const out = { ...query } as Record<string, unknown>
  for (const name of PAGING_OPTIONS) delete out[name]
  return out as Omit<Q, (typeof PAGING_OPTIONS)[number]>
}

/** Most pages fetched ahead of the consumer, and most requests in flight at once. */
export const MAX_PREFETCH = 16

/** A provider's bounds for the paging options. */
export interface PagingLimits {
  /** Objects per request the provider accepts; `pageSize` is not checked when absent. */
  readonly pageSize?: { readonly min: number; readonly max: number; readonly hint?: string }
  /** Upper bound for `concurrency` (a cursor can only be followed one page at a time). @default 16 */
  readonly maxConcurrency?: number
}

/** The paging options of a query, checked, with their defaults. */
export interface PagingOptions {
  readonly pageSize: number | undefined
  readonly maxPages: number
  readonly prefetch: number
  readonly concurrency: number
  readonly partitions: number
  readonly order: ListingOrder
}

const invalid = (provider: string | null, message: string): PaymuxError =>
  new PaymuxError({ kind: 'invalid_request', provider, message })

const checkCount = (
  provider: string | null,
  name: string,
  value: unknown,
  min: number,
  max: number,
  hint = '',
): PaymuxError | null =>
  value === undefined || (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max)
    ? null
    : invalid(provider, `${name} must be an integer from ${min} to ${max}${hint}, got ${String(value)}`)

/** Checks every paging option of `q`; the first bad one is an `invalid_request` error. */
export const readPagingOptions = (
  provider: string | null,
  q: ListQuery,
  limits: PagingLimits = {},
): PagingOptions | PaymuxError => {
  const size = limits.pageSize
  const bad =
    (size ? checkCount(provider, 'pageSize', q.pageSize, size.min, size.max, size.hint) : null) ??
    checkCount(provider, 'maxPages', q.maxPages, 1, Number.MAX_SAFE_INTEGER) ??
    checkCount(provider, 'prefetch', q.prefetch, 0, MAX_PREFETCH) ??
    checkCount(provider, 'concurrency', q.concurrency, 1, limits.maxConcurrency ?? MAX_PREFETCH) ??
    (q.resumeFrom === undefined || typeof q.resumeFrom === 'string'
      ? null
      : invalid(provider, 'resumeFrom must be a checkpoint string (page.checkpoint or error.checkpoint)'))
  if (bad) return bad
  const parallel = checkPartitionOptions(provider, q)
  if (parallel instanceof PaymuxError) return parallel
  return {
    pageSize: q.pageSize,
    maxPages: q.maxPages ?? Number.POSITIVE_INFINITY,
    prefetch: q.prefetch ?? 0,
    concurrency: q.concurrency ?? 1,
    partitions: parallel.partitions,
    order: parallel.order,
  }
}

/** `pageSize` of a query against the provider's bounds: the value (or `fallback`), or the error. */
export const readPageSize = (
  provider: string,
  q: ListQuery,
  bounds: NonNullable<PagingLimits['pageSize']>,
  fallback: number,
): number | PaymuxError =>
  checkCount(provider, 'pageSize', q.pageSize, bounds.min, bounds.max, bounds.hint) ?? q.pageSize ?? fallback
