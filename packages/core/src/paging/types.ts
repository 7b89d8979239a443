/**
 * Public paging types (`Paginator`, `Page`, `Checkpoint`) and the one function an adapter
 * writes to get them: `FetchPage`, "fetch one page at this position".
 */
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { PaymuxError } from '../errors.ts'

/**
 * Opaque, JSON-safe resume point, bound to provider + resource + filters. Store it anywhere;
 * pass it back as `resumeFrom`. It never contains a credential.
 */
export type Checkpoint = string

/** One page of a listing, with the checkpoint that resumes after it. */
export interface Page<T> {
  readonly items: readonly T[]
  readonly hasMore: boolean
  /** Resume point after this page; null when the list is done. */
  readonly checkpoint: Checkpoint | null
  /** Total number of objects, when the provider reports it. */
  readonly total: number | null
}

/** A listing: iterate items with `for await`, or pages with `pages()`. */
export interface Paginator<T> extends AsyncIterable<T> {
  /** Every page in order. Each call starts a new, independent run. */
  pages(): AsyncIterable<Page<T>>
  firstPage(): Promise<Page<T>>
  /** Collects at most `max` items; stops fetching as soon as it has them. The cap is required. */
  toArray(opts: { readonly max: number }): Promise<T[]>
  /** The fp-ts primitive: one page at a checkpoint (null: the first page). */
  fetchPage(at: Checkpoint | null): TaskEither<PaymuxError, Page<T>>
}

/** A JSON value: what an adapter may use as a page position. */
export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json }

/** Where a page starts, in the provider's own terms: a cursor id, a page number, ... */
export type Position = Exclude<Json, null>

/** What a `FetchPage` is asked for: the page's position (null: the first page) and an abort signal. */
export interface PageRequest {
  /** Null for the first page. */
  readonly at: Position | null
  /** Aborted when the consumer stops, the caller aborts, or a speculative fetch is dropped. */
  readonly signal: AbortSignal
}

/** One page as an adapter returns it. */
export interface PageResult<T> {
  readonly items: readonly T[]
  /** Position of the following page, or null when this is the last page. */
  readonly next: Position | null
  readonly total: number | null
  /**
   * Positions known to come after `next`, in order (e.g. page numbers up to `links.last`).
   * Lets the paginator fetch them concurrently; every page is still checked against them.
   */
  readonly following?: readonly Position[]
}

/** "Fetch one page at this position": the whole of an adapter's paging code. */
export type FetchPage<T> = (request: PageRequest) => TaskEither<PaymuxError, PageResult<T>>

/**
 * Output order of a partitioned listing. `newest_first`: the provider's order (newest first),
 * exactly as an unpartitioned listing delivers it. `any`: pages as the windows deliver them, for
 * exports and other consumers that do not care about order.
 */
export type ListingOrder = 'newest_first' | 'any'

/** Paging mechanics, accepted by every list operation. */
export interface ListQuery {
  /** Objects per request. Checked against the provider's bounds before any request. */
  readonly pageSize?: number
  /** Resume a listing from `page.checkpoint` or `error.checkpoint`. */
  readonly resumeFrom?: Checkpoint
  /** Cancels the listing: checked before each page and passed to the request in flight. */
  readonly signal?: AbortSignal
  /** Stop after this many pages (the last page's checkpoint resumes the rest). */
  readonly maxPages?: number
  /** Pages fetched ahead of the consumer. @default 0 */
  readonly prefetch?: number
  /**
   * Requests in flight at once, for providers whose later page positions are known in advance
   * (page numbers). Items are still delivered strictly in order. @default 1
   */
  readonly concurrency?: number
  /**
   * Called once when a run of this listing ends (complete, stopped or failed) with its pages,
   * items, requests, retries, time spent waiting and duration. A throwing callback is ignored.
   */
  readonly onSummary?: (summary: ListingSummary) => void
  /**
   * Lists the `created` range as this many windows in parallel (an integer from 1 to 64), for
   * resources the provider filters by `created` server-side (the capability manifest's
   * `options.partitions`; others refuse values above 1 with kind `unsupported`, before any
   * request). The windows start as one, and split where data shows up, so the whole range is
   * covered whatever its spread; the user's own `created` filter is respected exactly: the
   * listing yields the same objects as without `partitions`. Every page's checkpoint is a
   * composite one (each window's bounds and raw position, as plain JSON) that resumes exactly
   * after what was delivered, with any number of partitions and either order; a plain listing
   * refuses it (`checkpoint_mismatch`), and the other way round. `prefetch` and `concurrency` do not apply to a partitioned listing:
   * at most `partitions` pages are fetched ahead. `onSummary` gets one summary for the whole run,
   * with the windows' stats under `partitioned`. `partitions: 1` is an ordinary listing.
   * @default 1
   * @example for await (const pi of wp.paymentIntents.list({ partitions: 8, order: 'any' })) save(pi)
   */
  readonly partitions?: number
  /**
   * Output order of a partitioned listing. `newest_first`: the provider's order, identical to the
   * unpartitioned listing; pages of later windows wait in a buffer of at most `partitions` pages
   * (their windows pause when it is full) until the newer windows are delivered. `any`: pages as
   * the windows deliver them, fastest for exports. Without `partitions` any order is the
   * provider's.
   * @default 'newest_first'
   */
  readonly order?: ListingOrder
}

/** A `created` range. Dates or Unix seconds. */
export interface CreatedRange {
  readonly gt?: Date | number
  readonly gte?: Date | number
  readonly lt?: Date | number
  readonly lte?: Date | number
}

/** What a page hook sees of a page. */
export interface PageInfo {
  readonly provider: string
  readonly resource: string
  /** 0-based index of the page within this run. */
  readonly index: number
  readonly items: number
  readonly total: number | null
  readonly checkpoint: string | null
}

/** What the drift hook sees: the provider's `total` changed between pages, or repeated ids were dropped. */
export interface DriftInfo {
  readonly provider: string
  readonly resource: string
  readonly previousTotal: number
  readonly total: number
  readonly index: number
  /** Items dropped on this page because an earlier page already delivered them. */
  readonly suppressed: number
}

/** How one run of a listing went, reported once when it ends (complete, stopped or failed). */
export interface ListingSummary {
  readonly provider: string
  readonly resource: string
  /** `complete`: the provider said there is no more; `stopped`: the consumer or `maxPages` ended it. */
  readonly outcome: 'complete' | 'stopped' | 'failed'
  readonly pages: number
  readonly items: number
  /**
   * Requests, retries and time spent waiting (backoff and rate-limit pauses) counted by the
   * client during the run; null when the source does not count them. A client shared by
   * concurrent calls counts their requests too.
   */
  readonly requests: number | null
  readonly retries: number | null
  readonly waitedMs: number | null
  readonly durationMs: number
  /** Where to resume; null when complete. */
  readonly checkpoint: string | null
}

/** Counters of the client behind a listing (a transport's `stats`). */
export type RequestCounters = () => { readonly requests: number; readonly retries: number; readonly waitedMs: number }

/** Callbacks a listing calls after each page and when the provider's listing drifts. */
export interface PagingHooks {
  /** After each page is delivered. A throwing hook is ignored. */
  readonly onPage?: (info: PageInfo) => void
  /** When the provider's `total` changes between pages, or duplicates were suppressed. */
  readonly onDrift?: (info: DriftInfo) => void
}
