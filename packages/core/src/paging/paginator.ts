/**
 * `createPaginator`: turns an adapter's `FetchPage` into the public `Paginator<T>`: item
 * iteration, `pages()`, `firstPage()`, `toArray({ max })` and the `fetchPage` primitive.
 * Every iteration is its own `PageRun`; the caller's query object is only read, never changed.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import { PaymuxError } from '../errors.ts'
import { readPagingOptions } from './list-query.ts'
import type { ListQuery } from './types.ts'
import { decodeCheckpoint, encodeCheckpoint, type CheckpointScope } from './checkpoint.ts'
import { PageRun, type PagingHooks, type RequestCounters } from './page-run.ts'
import { paginatorFromRuns, type PageSource } from './run-paginator.ts'
import type { Checkpoint, FetchPage, Page, Paginator, Position } from './types.ts'

/** What an adapter gives `createPaginator`: its scope and its `FetchPage`. */
export interface PaginatorSpec<T> {
  readonly scope: CheckpointScope
  readonly fetchPage: FetchPage<T>
  /** Only the paging mechanics of the query are read here. */
  readonly query?: ListQuery
  /**
   * When given, an id is delivered at most once in a run (the repeat is dropped and reported via
   * `onDrift`), and progress is counted in new objects.
   */
  readonly idOf?: (item: T) => string
  /** Consecutive pages that claim more but bring no new object before the listing fails. @default 10 */
  readonly maxEmptyPages?: number
  /** Page-number listings: a page of nothing but repeats fails at once (a page served twice). */
  readonly repeatedPageFails?: boolean
  /** A client-side filter, applied after repeats are dropped. */
  readonly keep?: (item: T) => boolean
  readonly hooks?: PagingHooks
  /** Upper bound for `concurrency` (providers that page by cursor can only go one at a time). */
  readonly maxConcurrency?: number
  /** The client's request counters (`transport.stats`), so listing summaries count requests. */
  readonly counters?: RequestCounters
}

/** Creates the plain `Paginator` of one listing from an adapter's `FetchPage` (adapters normally call `createListing`). */
export const createPaginator = <T>(spec: PaginatorSpec<T>): Paginator<T> => {
  const q = spec.query ?? {}
  const options = readPagingOptions(spec.scope.provider, q, {
    ...(spec.maxConcurrency === undefined ? {} : { maxConcurrency: spec.maxConcurrency }),
  })
  const optionError = options instanceof PaymuxError ? options : null

  const startPosition = (): E.Either<PaymuxError, Position | null> => {
    if (optionError) return E.left(optionError)
    return q.resumeFrom === undefined ? E.right(null) : decodeCheckpoint(spec.scope, q.resumeFrom)
  }

  const newRun = (): PageRun<T> | PaymuxError => {
    const start = startPosition()
    if (E.isLeft(start)) return start.left
    if (options instanceof PaymuxError) return options
    return new PageRun<T>({
      scope: spec.scope,
      fetchPage: spec.fetchPage,
      start: start.right,
      signal: q.signal,
      maxPages: options.maxPages,
      prefetch: options.prefetch,
      concurrency: options.concurrency,
      idOf: spec.idOf,
      maxEmptyPages: spec.maxEmptyPages ?? 10,
      repeatedPageFails: spec.repeatedPageFails ?? false,
      keep: spec.keep,
      hooks: spec.hooks,
      onSummary: q.onSummary,
      counters: spec.counters,
    })
  }

  const source = (): PageSource<T> => {
    const run = newRun()
    // A bad query fails the first `next()` of every iteration, and fetches nothing.
    return run instanceof PaymuxError ? { next: () => Promise.reject(run), stop: () => undefined } : run
  }

  return paginatorFromRuns(source, (at: Checkpoint | null) =>
    pipe(
      TE.fromEither(at === null ? E.right(null) : decodeCheckpoint(spec.scope, at)),
      TE.chain((position) => spec.fetchPage({ at: position, signal: q.signal ?? new AbortController().signal })),
      TE.map((r): Page<T> => ({
        items: spec.keep ? r.items.filter(spec.keep) : r.items,
        hasMore: r.next !== null,
        checkpoint: r.next === null ? null : encodeCheckpoint(spec.scope, r.next),
        total: r.total,
      })),
    ),
  )
}

/** A paginator that fails every call with `error` and never fetches (bad query, unsupported op). */
export const failedPaginator = <T>(error: PaymuxError): Paginator<T> => {
  const reject = <A>(): Promise<A> => Promise.reject(error)
  const failing: AsyncIterableIterator<never> = {
    next: reject,
    return: () => Promise.resolve({ done: true, value: undefined }),
    [Symbol.asyncIterator]: () => failing,
  }
  return {
    [Symbol.asyncIterator]: () => failing,
    pages: () => ({ [Symbol.asyncIterator]: () => failing }),
    firstPage: reject,
    toArray: reject,
    fetchPage: () => TE.left(error),
  }
}
