/**
 * Partitioned listings (core's `partitions` / `order`) of the WooshPay resources that filter by
 * `created` server-side: payment intents and checkout sessions. Each window is an ordinary
 * cursor listing of this adapter with the window as its `created` filter (`created[gte]`,
 * `created[lt]`) and the listing's other filters unchanged; core runs, splits and merges the
 * windows. WooshPay compares `created` in whole seconds, which is what core's windows are cut in.
 */
import {
  PaymuxError,
  createPartitionedPaginator,
  failedPaginator,
  isPartitionedCheckpoint,
  type CreatedRange,
  type CreatedWindow,
  type PartitionOptions,
  type Paginator,
} from '@paymux/core/adapter'
import { PROVIDER } from './capabilities.ts'
import { listPaginator, listingScope, pageSizeOf, type ListingSpec, type WooshpayListQuery } from './paginate.ts'
import type { Filters } from './query.ts'

/**
 * True when a listing runs partitioned: more than one window, or `partitions` given (1 counts)
 * with a composite checkpoint to resume, so an export started with 8 windows can finish with 1.
 */
export const wantsPartitions = (q: WooshpayListQuery, options: PartitionOptions): boolean =>
  options.partitions > 1 ||
  (q.partitions !== undefined && q.resumeFrom !== undefined && isPartitionedCheckpoint(q.resumeFrom))

/** `created` of a neutral object in Unix seconds, as WooshPay's filter compares it. */
export const createdSeconds = (o: { readonly createdAt: Date }): number => Math.floor(o.createdAt.getTime() / 1000)

export interface PartitionWiring<T> {
  readonly options: PartitionOptions
  /** The user's `created` filter. */
  readonly range: CreatedRange | undefined
  /** The listing's wire filters with `created` replaced by a window. */
  readonly windowFilters: (window: CreatedWindow) => Filters | PaymuxError
  readonly createdOf: (item: T) => number
}

export const partitionedPaginator = <W extends { readonly id: string }, T extends { readonly id: string }>(
  spec: ListingSpec<W, T>,
  wiring: PartitionWiring<T>,
): Paginator<T> => {
  const q = spec.query
  if (q.direction === 'backward' || q.startingAfter !== undefined || q.endingBefore !== undefined) {
    return failedPaginator(
      new PaymuxError({
        kind: 'invalid_request',
        provider: PROVIDER,
        message: 'partitions cannot be combined with startingAfter, endingBefore or a backward direction',
      }),
    )
  }
  const pageSize = pageSizeOf(q)
  if (pageSize instanceof PaymuxError) return failedPaginator(pageSize)
  // Pages are reported once, by the partitioned listing, with the composite checkpoint.
  const { onPage: _reportedByCore, ...windowHooks } = spec.hooks ?? {}
  return createPartitionedPaginator<T>({
    scope: listingScope(spec.resource, spec.path, spec.filters, null),
    partitions: wiring.options.partitions,
    order: wiring.options.order,
    range: wiring.range,
    list: (window, resumeFrom) => {
      const filters = wiring.windowFilters(window)
      if (filters instanceof PaymuxError) return failedPaginator(filters)
      return listPaginator({
        ...spec,
        filters,
        query: { pageSize, ...(resumeFrom === undefined ? {} : { resumeFrom }) },
        hooks: windowHooks,
      })
    },
    createdOf: wiring.createdOf,
    idOf: (item) => item.id,
    query: q,
    hooks: spec.hooks,
    counters: spec.transport.stats,
  })
}
