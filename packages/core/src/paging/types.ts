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
