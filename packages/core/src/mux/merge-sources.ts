/**
 * The sources a merged listing runs, one per provider, all as `FetchPage`s: a provider's own
 * `listingSource` (its scope and `FetchPage`, the pieces of its `createListing`), or, for a
 * provider that has none, its public `Paginator`'s `fetchPage` primitive, whose positions are
 * then that provider's checkpoint strings. Each source says how its positions are recorded in a
 * merged position (`startOf`) and read back from one (`positionOf`), so the merged checkpoint
 * stays plain JSON either way.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import { PaymuxError } from '../errors.ts'
import { encodeEnvelope, readEnvelope, scopeHash, type CheckpointScope } from '../paging/checkpoint.ts'
import type { ListingSource } from '../paging/listing-source.ts'
import type { FetchPage, Paginator, PagingHooks, Position, RequestCounters } from '../paging/types.ts'
import type { PageStart } from './merge-position.ts'

/** What the merged listing orders by. */
export interface Mergeable {
  readonly provider: string
  readonly id: string
  readonly createdAt: Date
}

/** One provider's part of a merged listing. */
export interface MergeSource<T> {
  readonly provider: string
  /** The provider's listing scope (named in its errors and drift reports). */
  readonly scope: CheckpointScope
  readonly fetchPage: FetchPage<T>
  readonly keep: ((item: T) => boolean) | undefined
  readonly repeatedPageFails: boolean
  readonly counters: RequestCounters | undefined
  readonly hooks: PagingHooks | undefined
  /** What a merged position records of a raw position of this source. */
  readonly startOf: (at: Position) => PageStart
  /** The raw position a merged position's part names, or the error refusing it (another listing's part). */
  readonly positionOf: (start: PageStart) => Position | PaymuxError
}

const mismatch = (provider: string, message: string): PaymuxError =>
  new PaymuxError({ kind: 'checkpoint_mismatch', provider, message })

/** A provider's own listing source. Its parts are checked against its scope here, before any request. */
export const nativeSource = <T>(provider: string, source: ListingSource<T>): MergeSource<T> => {
  const r = source.scope.resource
  const f = scopeHash(source.scope.filters)
  // Pages are reported by the merged listing, not as the provider's own (its checkpoint would not resume the merge).
  const { onPage: _reportedByMerge, ...hooks } = source.hooks ?? {}
  return {
    provider,
    scope: source.scope,
    fetchPage: source.fetchPage,
    keep: source.keep,
    repeatedPageFails: source.repeatedPageFails ?? false,
    counters: source.counters,
    hooks,
    startOf: (at) => ({ r, f, at }),
    positionOf: (start) =>
      start.r !== r
        ? mismatch(provider, `merged checkpoint: its ${provider} part belongs to ${start.r}, not ${r}`)
        : start.f !== f
          ? mismatch(
              provider,
              `merged checkpoint: its ${provider} part was taken with other filters than this ${r} listing`,
            )
          : start.at,
  }
}

/**
 * A provider without a listing source, through its public `Paginator`: each page is one
 * `fetchPage` at the provider's checkpoint (the provider checks it against its own scope), on a
 * listing made with the request's signal so that stopping the merge aborts it.
 */
export const paginatorSource = <T>(
  provider: string,
  resource: string,
  list: (signal: AbortSignal) => Paginator<T>,
): MergeSource<T> => {
  const fetchPage: FetchPage<T> = ({ at, signal }) =>
    pipe(
      at === null || typeof at === 'string'
        ? list(signal).fetchPage(at)
        : TE.left(mismatch(provider, 'merged checkpoint: a position that is not a checkpoint')),
      TE.map((page) => ({ items: page.items, next: page.checkpoint, total: page.total })),
    )
  return {
    provider,
    scope: { provider, resource, filters: null },
    fetchPage,
    keep: undefined,
    repeatedPageFails: false,
    counters: undefined,
    hooks: undefined,
    startOf: (at) => {
      const e = typeof at === 'string' ? readEnvelope(at) : null
      if (e === null || e.a === null) {
        throw new PaymuxError({
          kind: 'pagination',
          provider,
          message: 'a merged provider returned an unreadable checkpoint',
        })
      }
      return { r: e.r, f: e.f, at: e.a }
    },
    positionOf: (start) => encodeEnvelope({ p: provider, r: start.r, f: start.f, a: start.at }),
  }
}

/** The source of `provider` for a resource: its own, when it offers one, else its public listing. */
export const mergeSourceOf = <T>(
  provider: string,
  resource: string,
  own: ListingSource<T> | PaymuxError | null | undefined,
  list: (signal: AbortSignal) => Paginator<T>,
): E.Either<PaymuxError, MergeSource<T>> =>
  own instanceof PaymuxError
    ? E.left(own)
    : E.right(
        own === null || own === undefined ? paginatorSource(provider, resource, list) : nativeSource(provider, own),
      )
