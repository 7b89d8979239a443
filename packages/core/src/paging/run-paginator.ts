/**
 * The public `Paginator<T>` face of a run-based listing, shared by plain listings
 * (`createPaginator`, one `PageRun` per iteration) and partitioned ones: item iteration,
 * `pages()`, `firstPage()` and `toArray({ max })`, each a new run. Overlapping `next()` calls get
 * distinct items in order; `return()` and errors stop the run and release what it holds.
 */
import * as TE from 'fp-ts/lib/TaskEither.js'
import { PaymuxError } from '../errors.ts'
import type { ListQuery, Page, Paginator } from './types.ts'

/** A run: pages until null; `stop` releases everything (requests in flight, buffered pages). */
export interface PageSource<T> {
  next(): Promise<Page<T> | null>
  stop(): void
}

/**
 * The `fetchPage` primitive of a listing made of runs: one page at a checkpoint is the first page
 * a run from there delivers (what else the run had in flight is then aborted), through the same
 * listing with `maxPages: 1` and without the summary. Its checkpoint resumes after exactly that page.
 */
export const firstPageAt =
  <T>(q: ListQuery, listing: (query: ListQuery) => Paginator<T>): Paginator<T>['fetchPage'] =>
  (at) =>
    TE.tryCatch(
      () => {
        const { onSummary: _summary, resumeFrom: _resume, ...mechanics } = q
        return listing({ ...mechanics, maxPages: 1, ...(at === null ? {} : { resumeFrom: at }) }).firstPage()
      },
      (e) => e as PaymuxError,
    )

export const paginatorFromRuns = <T>(
  newRun: () => PageSource<T>,
  fetchPage: Paginator<T>['fetchPage'],
): Paginator<T> => {
  const pages = (): AsyncIterableIterator<Page<T>> => {
    const run = newRun()
    return serialized({
      next: async () => {
        const page = await run.next()
        return page === null ? { done: true, value: undefined } : { done: false, value: page }
      },
      stop: () => run.stop(),
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

    fetchPage,
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
