/**
 * In-process page sources for paginator tests: "fetch one page at this position" over an
 * array, recording every fetch and how many are in flight at once.
 */
import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'
import { PaymuxError, type FetchPage, type PageResult, type Position } from '@paymux/core/adapter'

export interface Recorder {
  readonly fetched: (Position | null)[]
  inFlight: number
  maxInFlight: number
  aborted: number
  /** Resolves once `n` fetches have started (events, not sleeps, for tests that wait). */
  started(n: number): Promise<void>
  /** Resolves once no fetch is in flight. */
  idle(): Promise<void>
}

export interface SourceOptions {
  /** Items per page. */
  readonly size: number
  /** Delay of each fetch in ms (0: resolves on the next event-loop turn). */
  readonly delayMs?: number
  /** Fails the fetch at this page index (0-based) `times` times. */
  readonly failAt?: { readonly page: number; readonly times?: number; readonly kind?: PaymuxError['kind'] }
  /** Report page numbers ahead (`following`) so concurrency can be used. */
  readonly announce?: boolean
  /** Override `next` of a page index (to build cycles). */
  readonly nextOverride?: (page: number) => Position | null | undefined
}

/** `ms` 0 waits one event-loop turn (an immediate, not a timer), so `settle()` sees it through. */
const wait = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('aborted'))
    const cancel =
      ms === 0
        ? (
            (t) => () =>
              clearImmediate(t)
          )(setImmediate(resolve))
        : (
            (t) => () =>
              clearTimeout(t)
          )(setTimeout(resolve, ms))
    signal.addEventListener('abort', () => (cancel(), reject(new Error('aborted'))), { once: true })
  })

/** Lets every pending microtask and immediate run, a few event-loop turns (no timer, no wall clock). */
export const settle = async (turns = 5): Promise<void> => {
  for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r))
}

/** Page positions are page indexes (numbers); the first page is `at: null`. */
export const arraySource = <T>(all: readonly T[], o: SourceOptions): { fetchPage: FetchPage<T>; rec: Recorder } => {
  const waiters: { readonly done: () => boolean; readonly resolve: () => void }[] = []
  const wake = () => {
    for (const w of [...waiters]) {
      if (!w.done()) continue
      waiters.splice(waiters.indexOf(w), 1)
      w.resolve()
    }
  }
  const until = (done: () => boolean): Promise<void> =>
    done() ? Promise.resolve() : new Promise((resolve) => waiters.push({ done, resolve }))
  const rec: Recorder = {
    fetched: [],
    inFlight: 0,
    maxInFlight: 0,
    aborted: 0,
    started: (n) => until(() => rec.fetched.length >= n),
    idle: () => until(() => rec.inFlight === 0),
  }
  const pages = Math.max(1, Math.ceil(all.length / o.size))
  let failures = 0
  const fetchPage: FetchPage<T> =
    ({ at, signal }): TE.TaskEither<PaymuxError, PageResult<T>> =>
    async () => {
      rec.fetched.push(at)
      rec.inFlight += 1
      rec.maxInFlight = Math.max(rec.maxInFlight, rec.inFlight)
      wake()
      try {
        await wait(o.delayMs ?? 0, signal)
      } catch {
        rec.aborted += 1
        return E.left(new PaymuxError({ kind: 'aborted', message: 'fetch aborted' }))
      } finally {
        rec.inFlight -= 1
        wake()
      }
      const index = at === null ? 0 : (at as number)
      if (o.failAt && o.failAt.page === index && failures < (o.failAt.times ?? Infinity)) {
        failures += 1
        return E.left(new PaymuxError({ kind: o.failAt.kind ?? 'server', message: `page ${index} failed` }))
      }
      const items = all.slice(index * o.size, (index + 1) * o.size)
      const override = o.nextOverride?.(index)
      const next = override !== undefined ? override : index + 1 < pages ? index + 1 : null
      const following = o.announce && next !== null ? range(index + 2, pages) : undefined
      return E.right({ items, next, total: all.length, ...(following ? { following } : {}) })
    }
  return { fetchPage, rec }
}

const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i)
