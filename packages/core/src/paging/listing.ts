/**
 * `createListing`: the one listing entry of core (issue 12, "the design step"). An adapter calls
 * it with its scope, its `FetchPage` and, for resources it filters by `created` server-side, a
 * window fetcher; core checks every paging option once (`readPagingOptions`), reads either kind
 * of checkpoint (plain or partitioned, each refusing the other with a hint), and picks the run:
 * a plain run over the `FetchPage`, or a partitioned run over one `FetchPage` per window.
 * Every run drops repeated ids, counts progress in new objects and reports one summary.
 */
import { PaymuxError, unsupported } from '../errors.ts'
import type { CheckpointScope } from './checkpoint.ts'
import { readPagingOptions } from './list-query.ts'
import { createPaginator, failedPaginator } from './paginator.ts'
import { isPartitionedCheckpoint, refusePartitionedCheckpoint } from './partition/composite-checkpoint.ts'
import { createPartitionedPaginator, type WindowListing } from './partition/create-partitioned-paginator.ts'
import type { CreatedWindow } from './partition/created-range.ts'
import type { CreatedRange, FetchPage, ListQuery, PagingHooks, Paginator, RequestCounters } from './types.ts'

export type { WindowListing }

/** What a partitioned listing needs of the adapter. */
export interface CreatedWindows<T> {
  /** The user's own `created` filter: the windows cover exactly this range. */
  readonly range: CreatedRange | undefined
  /** An object's `created` in Unix seconds, as the provider's filter compares it. */
  readonly createdOf: (item: T) => number
  /** The listing of one window: the listing's filters with `created` replaced by the window. */
  readonly window: (window: CreatedWindow) => WindowListing<T> | PaymuxError
}

/** What an adapter hands `createListing`: the scope, its `FetchPage`, how to read ids and, where it can, a `created`-window fetcher. */
export interface ListingSpec<T> {
  readonly scope: CheckpointScope
  readonly query: ListQuery
  readonly fetchPage: FetchPage<T>
  /** Each id is delivered at most once in a run; progress is counted in new ids. */
  readonly idOf: (item: T) => string
  /** Windows for `partitions`, or the error that refuses `partitions` above 1 for this listing. */
  readonly windows?: CreatedWindows<T> | PaymuxError | undefined
  /** Appended to the `unsupported` error for `partitions` above 1 without windows (what to use instead). */
  readonly noPartitionsHint?: string
  /** A client-side filter, applied after repeats are dropped. */
  readonly keep?: ((item: T) => boolean) | undefined
  /** Page-number listings: a page of nothing but repeats fails at once. */
  readonly repeatedPageFails?: boolean | undefined
  /** Upper bound for `concurrency` (1 for cursors). */
  readonly maxConcurrency?: number
  readonly counters?: RequestCounters | undefined
  readonly hooks?: PagingHooks | undefined
}

/** The listing of `spec.scope`: plain or partitioned as the query asks; bad options fail before any request. */
export const createListing = <T>(spec: ListingSpec<T>): Paginator<T> => {
  const q = spec.query
  const provider = spec.scope.provider
  const options = readPagingOptions(provider, q, {
    ...(spec.maxConcurrency === undefined ? {} : { maxConcurrency: spec.maxConcurrency }),
  })
  if (options instanceof PaymuxError) return failedPaginator(options)
  const windows = spec.windows
  if (options.partitions > 1 && windows === undefined) {
    const why = `partitions for ${spec.scope.resource} (it cannot filter them by created on the server)`
    return failedPaginator(unsupported(provider, spec.noPartitionsHint ? `${why}; ${spec.noPartitionsHint}` : why))
  }
  if (options.partitions > 1 && windows instanceof PaymuxError) return failedPaginator(windows)
  // `partitions` given (1 counts) with a partitioned checkpoint resumes it with one window.
  const resumesPartitioned =
    q.partitions !== undefined && q.resumeFrom !== undefined && isPartitionedCheckpoint(q.resumeFrom)
  const shared = {
    idOf: spec.idOf,
    ...(spec.counters === undefined ? {} : { counters: spec.counters }),
  }
  if (windows === undefined || windows instanceof PaymuxError || (options.partitions <= 1 && !resumesPartitioned)) {
    // A composite checkpoint here means the caller forgot `partitions`: say so, not "other filters".
    const refused = refusePartitionedCheckpoint(spec.scope, q.resumeFrom)
    if (refused) return failedPaginator(refused)
    return createPaginator<T>({
      ...shared,
      scope: spec.scope,
      fetchPage: spec.fetchPage,
      query: q,
      ...(spec.keep === undefined ? {} : { keep: spec.keep }),
      ...(spec.repeatedPageFails === undefined ? {} : { repeatedPageFails: spec.repeatedPageFails }),
      ...(spec.maxConcurrency === undefined ? {} : { maxConcurrency: spec.maxConcurrency }),
      ...(spec.hooks === undefined ? {} : { hooks: spec.hooks }),
    })
  }
  // Pages are reported once, by the partitioned listing, with the composite checkpoint.
  const { onPage: _reportedByCore, ...windowHooks } = spec.hooks ?? {}
  return createPartitionedPaginator<T>({
    ...shared,
    scope: spec.scope,
    partitions: options.partitions,
    order: options.order,
    range: windows.range,
    createdOf: windows.createdOf,
    window: windows.window,
    windowHooks,
    query: q,
    hooks: spec.hooks,
  })
}
