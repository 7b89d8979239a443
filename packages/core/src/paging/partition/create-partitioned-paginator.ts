/**
 * `createPartitionedPaginator`: a listing of the `created` range as windows listed in parallel,
 * behind the ordinary `Paginator<T>`. An adapter (through `createListing`) gives, per window, a
 * scope and a `FetchPage` built through its own `created` filter path; each window is a
 * `PageRun` over that `FetchPage` (the same run, with the same guards, as a plain listing), and
 * everything else (windows, splits, the bounded merge, the composite
 * checkpoint, errors, aborts, the summary) is here.
 */
import * as E from 'fp-ts/lib/Either.js'
import { PaymuxError } from '../../errors.ts'
import type { CreatedRange, FetchPage, ListQuery } from '../types.ts'
import type { CheckpointScope } from '../checkpoint.ts'
import type { PagingHooks, RequestCounters } from '../types.ts'
import { failedPaginator } from '../paginator.ts'
import { PageRun } from '../page-run.ts'
import type { Paginator } from '../types.ts'
import { decodeComposite, type WindowCheckpoint } from './composite-checkpoint.ts'
import { isEmptyRange, secondsRange, type CreatedWindow, type SecondsRange } from './created-range.ts'
import { readPagingOptions } from '../list-query.ts'
import { checkBufferPages, type ListingOrder } from './options.ts'
import { PartitionedRun, type PartitionedListingSummary } from './partitioned-run.ts'
import { firstPageAt, paginatorFromRuns } from '../run-paginator.ts'

/** One `created` window's listing: its own scope (its positions are bound to it) and `FetchPage`. */
export interface WindowListing<T> {
  readonly scope: CheckpointScope
  readonly fetchPage: FetchPage<T>
}

/** Pages in a row without a new object before a window's run fails (as in a plain listing). */
const MAX_EMPTY_PAGES = 10

export interface PartitionedPaginatorSpec<T> {
  /**
   * Scope of the unpartitioned listing with the same filters (provider, resource, filters): the
   * composite checkpoint is bound to it, marked as partitioned.
   */
  readonly scope: CheckpointScope
  /** Windows listed at once, 1 to 64. */
  readonly partitions: number
  /** @default 'newest_first' */
  readonly order?: ListingOrder | undefined
  /**
   * Pages fetched (or in flight) and not yet taken by the consumer, at most; a window waits for
   * room before it fetches. With `newest_first`, one of them is kept for the newest window.
   * @default 2 * partitions (see `DEFAULT_BUFFER_PAGES_PER_WINDOW`)
   */
  readonly bufferPages?: number | undefined
  /** The user's own `created` filter: the windows cover exactly this range. */
  readonly range?: CreatedRange | undefined
  /**
   * The listing of one window, newest first: its scope and its `FetchPage`, which must filter
   * `created >= window.gte` and, when `window.lt` is set, `created < window.lt`, with the
   * listing's other filters unchanged; or the error that refuses the window. The composite
   * checkpoint records the raw position of each window's `FetchPage` as plain JSON.
   */
  readonly window: (window: CreatedWindow) => WindowListing<T> | PaymuxError
  /** Hooks of each window's own run (`onDrift`); `onPage` is in `hooks`, called once per page delivered. */
  readonly windowHooks?: PagingHooks | undefined
  /** An object's `created`, in Unix seconds, as the provider's filter compares it. */
  readonly createdOf: (item: T) => number
  /** An object's id: each is delivered at most once in a run, across windows. */
  readonly idOf: (item: T) => string
  /**
   * Paging mechanics of the query: `resumeFrom` (a composite checkpoint), `signal`, `maxPages`,
   * `onSummary` (called with a `PartitionedListingSummary`). `prefetch` and `concurrency` do not
   * apply: the windows are the concurrency and `bufferPages` the look-ahead.
   */
  readonly query?: ListQuery | undefined
  /** `onPage` is called for each page delivered, with the composite checkpoint. */
  readonly hooks?: PagingHooks | undefined
  /** The client's request counters, for the summary. */
  readonly counters?: RequestCounters | undefined
}

/**
 * Default look-ahead per window: one page in flight and one waiting for the consumer. The bound
 * counts both, and the consumer runs on the same thread as the windows' parsing, so some pages
 * are always waiting for it: with one page per window, those held the permits and fewer windows
 * than asked had a request out (with `newest_first`, later windows' pages wait longer still). The
 * bench's 8-window listing at 20 ms (`order: 'any'`, as the export lists) sat idle 18% of its
 * time at the bound (peak 8 of 8); at two per window it peaks at 10-11 pages and lists 1.6-1.9x
 * as many objects per second (bench/RESULTS.md, "Side by side with the code of session 2").
 */
const DEFAULT_BUFFER_PAGES_PER_WINDOW = 2

/** The windows of a fresh run: the whole range as one window (none when the range is empty). */
const freshWindows = (range: SecondsRange): WindowCheckpoint[] =>
  isEmptyRange(range) ? [] : [{ gte: range.from, lt: range.to, floor: range.from, at: null }]

/**
 * A `Paginator<T>` over the `created` range listed as `partitions` windows in parallel. Output
 * is newest first like the unpartitioned listing (`order: 'newest_first'`) or in whatever order
 * the windows deliver (`'any'`); the set of objects is the same either way. Every page carries
 * a composite checkpoint that resumes exactly after what was delivered. Bad options and a
 * checkpoint of another listing fail before any request.
 * @example
 * createPartitionedPaginator({ scope, partitions: 8, order: 'any', range: query.created,
 *   window: (w) => ({ scope: windowScope(w), fetchPage: fetchWindow(w) }),
 *   createdOf: (o) => Math.floor(o.createdAt.getTime() / 1000), query })
 */
export const createPartitionedPaginator = <T>(spec: PartitionedPaginatorSpec<T>): Paginator<T> => {
  const provider = spec.scope.provider
  const q = spec.query ?? {}
  const options = readPagingOptions(provider, {
    ...q,
    partitions: spec.partitions,
    ...(spec.order === undefined ? {} : { order: spec.order }),
  })
  if (options instanceof PaymuxError) return failedPaginator(options)
  const bad = checkBufferPages(provider, spec.bufferPages)
  if (bad) return failedPaginator(bad)
  const range = secondsRange(provider, spec.range)
  if (range instanceof PaymuxError) return failedPaginator(range)
  const start =
    q.resumeFrom === undefined ? E.right(freshWindows(range)) : decodeComposite(spec.scope, range, q.resumeFrom)
  if (E.isLeft(start)) return failedPaginator(start.left)

  const newRun = () =>
    new PartitionedRun<T>({
      scope: spec.scope,
      partitions: options.partitions,
      order: options.order,
      bufferPages: spec.bufferPages ?? options.partitions * DEFAULT_BUFFER_PAGES_PER_WINDOW,
      rangeFrom: range.from,
      windows: start.right,
      openWindow: (window, at) => {
        const listing = spec.window(window)
        if (listing instanceof PaymuxError) throw listing
        return new PageRun<T>({
          scope: listing.scope,
          fetchPage: listing.fetchPage,
          start: at,
          // The partitioned run aborts, stops and reports for all its windows.
          signal: undefined,
          maxPages: Number.POSITIVE_INFINITY,
          prefetch: 0,
          concurrency: 1,
          idOf: spec.idOf,
          maxEmptyPages: MAX_EMPTY_PAGES,
          repeatedPageFails: false,
          keep: undefined,
          hooks: spec.windowHooks,
          onSummary: undefined,
          counters: undefined,
        })
      },
      createdOf: spec.createdOf,
      idOf: spec.idOf,
      fromStart: q.resumeFrom === undefined,
      signal: q.signal,
      maxPages: options.maxPages,
      hooks: spec.hooks,
      onSummary: q.onSummary as ((s: PartitionedListingSummary) => void) | undefined,
      counters: spec.counters,
    })

  // One page at a checkpoint: the other windows' requests in flight are then aborted.
  return paginatorFromRuns(
    newRun,
    firstPageAt(q, (query) => createPartitionedPaginator({ ...spec, query })),
  )
}
