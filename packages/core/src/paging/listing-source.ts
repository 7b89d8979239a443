/**
 * A listing at `FetchPage` level: what an adapter hands core's runs instead of a finished
 * `Paginator`. `createListing` runs one (plain or in `created` windows); the merged listing of
 * `paymux([...])` runs one per provider inside a single run (mux/merge-run.ts), with one id set,
 * one lifecycle and one plain-JSON position, which a provider's public `Paginator` cannot give it.
 */
import type { CheckpointScope } from './checkpoint.ts'
import type { FetchPage, PagingHooks, RequestCounters } from './types.ts'

/** One provider's listing of one resource, as the pieces its `createListing` call is made of. */
export interface ListingSource<T> {
  /** What the listing's positions are bound to (a merged checkpoint records its resource and filter hash). */
  readonly scope: CheckpointScope
  readonly fetchPage: FetchPage<T>
  /** A client-side filter, applied after repeats are dropped. */
  readonly keep?: ((item: T) => boolean) | undefined
  /** Page-number listings: a page of nothing but repeats fails at once. */
  readonly repeatedPageFails?: boolean | undefined
  /** The client's request counters, for the run's summary. */
  readonly counters?: RequestCounters | undefined
  /** `onDrift` is called for repeats this listing drops (`onPage` belongs to the run that delivers pages). */
  readonly hooks?: PagingHooks | undefined
}
