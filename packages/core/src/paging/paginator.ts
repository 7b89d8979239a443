/**
 * `createPaginator`: turns an adapter's `FetchPage` into the public `Paginator<T>`: item
 * iteration, `pages()`, `firstPage()`, `toArray({ max })` and the `fetchPage` primitive.
 * Every iteration is its own `PageRun`; the caller's query object is only read, never changed.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import { PaymuxError } from '../errors.ts'
import type { ListQuery } from '../provider.ts'
import { decodeCheckpoint, encodeCheckpoint, type CheckpointScope } from './checkpoint.ts'
import { PageRun, type PagingHooks, type RequestCounters } from './page-run.ts'
import type { Checkpoint, FetchPage, Page, Paginator, Position } from './types.ts'

export interface PaginatorSpec<T> {
  readonly scope: CheckpointScope
  readonly fetchPage: FetchPage<T>
  /** Only the paging mechanics of the query are read here. */
  readonly query?: ListQuery
  /** When given, an id delivered by a recent page is never delivered again (page-number drift). */
  readonly idOf?: (item: T) => string
  /** Consecutive empty pages that claim more before the listing fails. @default 10 */
  readonly maxEmptyPages?: number
  readonly hooks?: PagingHooks
  /** Upper bound for `concurrency` (providers that page by cursor can only go one at a time). */
  readonly maxConcurrency?: number
  /** The client's request counters (`transport.stats`), so listing summaries count requests. */
  readonly counters?: RequestCounters
}

const MAX_PREFETCH = 16

const checkCount = (name: string, value: number | undefined, min: number, max: number): PaymuxError | null =>
  value === undefined || (Number.isInteger(value) && value >= min && value <= max)
    ? null
    : new PaymuxError({
        kind: 'invalid_request',
        message: `${name} must be an integer from ${min} to ${max}, got ${String(value)}`,
      })

export const createPaginator = <T>(spec: PaginatorSpec<T>): Paginator<T> => {
  const q = spec.query ?? {}
  const optionError =
    checkCount('maxPages', q.maxPages, 1, Number.MAX_SAFE_INTEGER) ??
    checkCount('prefetch', q.prefetch, 0, MAX_PREFETCH) ??
    checkCount('concurrency', q.concurrency, 1, spec.maxConcurrency ?? MAX_PREFETCH)

  const startPosition = (): E.Either<PaymuxError, Position | null> => {
    if (optionError) return E.left(optionError.with({ provider: spec.scope.provider }))
    return q.resumeFrom === undefined ? E.right(null) : decodeCheckpoint(spec.scope, q.resumeFrom)
  }

  const newRun = (): PageRun<T> | PaymuxError => {
    const start = startPosition()
    if (E.isLeft(start)) return start.left
    return new PageRun<T>({
      scope: spec.scope,
      fetchPage: spec.fetchPage,
      start: start.right,
      signal: q.signal,
      maxPages: q.maxPages ?? Number.POSITIVE_INFINITY,
      prefetch: q.prefetch ?? 0,
      concurrency: q.concurrency ?? 1,
      idOf: spec.idOf,
      maxEmptyPages: spec.maxEmptyPages ?? 10,
      hooks: spec.hooks,
      onSummary: q.onSummary,
      counters: spec.counters,
    })
  }

  const pages = (): AsyncIterableIterator<Page<T>> => {
    const run = newRun()
    return serialized({
      next: async () => {
        if (run instanceof PaymuxError) throw run
        const page = await run.next()
        return page === null ? { done: true, value: undefined } : { done: false, value: page }
      },
      stop: () => {
        if (!(run instanceof PaymuxError)) run.stop()
      },
    })
  }

  const items = (): AsyncIterableIterator<T> => {
    const source = pages()
    let buffer: readonly T[] = []
    let index = 0
    return serialized({
      next: async () => {
        while (index >= buffer.length) {
          const r = await source.next()
          if (r.done) return { done: true, value: undefined }
          buffer = r.value.items
          index = 0
        }
        return { done: false, value: buffer[index++] as T }
      },
      // The common case, an item already buffered and no call waiting, skips the queue: two
      // promise hops per item were most of the paging cost of a listing (bench/RESULTS.md).
      ready: () => (index < buffer.length ? { done: false, value: buffer[index++] as T } : undefined),
      stop: () => {
        buffer = []
        void source.return?.()
      },
    })
  }

  return {
    [Symbol.asyncIterator]: items,
    pages: () => ({ [Symbol.asyncIterator]: pages }),

    async firstPage() {
      const it = pages()
      try {
        const r = await it.next()
        return r.done ? { items: [], hasMore: false, checkpoint: null, total: null } : r.value
      } finally {
        await it.return?.()
      }
    },

    async toArray(opts) {
      if (!Number.isInteger(opts.max) || opts.max < 0) {
        throw new PaymuxError({
          kind: 'invalid_request',
          message: `toArray needs a whole max >= 0, got ${String(opts.max)}`,
        })
      }
      const out: T[] = []
      if (opts.max === 0) return out
      const it = items()
      try {
        for (let r = await it.next(); !r.done; r = await it.next()) {
          out.push(r.value)
          if (out.length >= opts.max) break
        }
      } finally {
        await it.return?.()
      }
      return out
    },

    fetchPage(at: Checkpoint | null) {
      return pipe(
        TE.fromEither(at === null ? E.right(null) : decodeCheckpoint(spec.scope, at)),
        TE.chain((position) => spec.fetchPage({ at: position, signal: q.signal ?? new AbortController().signal })),
        TE.map((r): Page<T> => ({
          items: r.items,
          hasMore: r.next !== null,
          checkpoint: r.next === null ? null : encodeCheckpoint(spec.scope, r.next),
          total: r.total,
        })),
      )
    },
  }
}

/**
 * A single-use async iterator whose `next()` calls may overlap: each waits for the previous
 * one, so concurrent callers get distinct items in order. After `return()` or an error it is
 * done for good, and `stop` has released what the source held.
 */
const serialized = <A>(source: {
  next: () => Promise<IteratorResult<A, undefined>>
  /** A result available at once, without waiting (only asked when no call is waiting). */
  ready?: () => IteratorResult<A, undefined> | undefined
  stop: () => void
}): AsyncIterableIterator<A> => {
  let tail: Promise<unknown> = Promise.resolve()
  let waiting = 0
  let closed = false
  const close = () => {
    if (closed) return
    closed = true
    source.stop()
  }
  const it: AsyncIterableIterator<A> = {
    next() {
      if (waiting === 0 && !closed) {
        const now = source.ready?.()
        if (now) return Promise.resolve(now)
      }
      waiting += 1
      const result = tail.then(async (): Promise<IteratorResult<A, undefined>> => {
        if (closed) return { done: true, value: undefined }
        try {
          const r = await source.next()
          if (r.done) close()
          return r
        } catch (error) {
          close()
          throw error
        }
      })
      tail = result.then(
        () => void (waiting -= 1),
        () => void (waiting -= 1),
      )
      return result
    },
    return() {
      close()
      return Promise.resolve({ done: true, value: undefined })
    },
    [Symbol.asyncIterator]() {
      return it
    },
  }
  return it
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
