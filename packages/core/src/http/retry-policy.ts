/**
 * Retry policy: which failures are retried, how long to wait (exponential backoff with full
 * jitter, `Retry-After` honoured up to a cap), and when to stop (attempts, total deadline).
 * Clock, random source and sleep are injectable so tests never wait for real.
 */

export interface RetryPolicy {
  /** Retries after the first attempt. @default 3 */
  readonly retries?: number
  /** First backoff ceiling; doubles each retry. @default 250 */
  readonly baseDelayMs?: number
  /** Largest backoff ceiling. @default 8000 */
  readonly maxDelayMs?: number
  /** Longest `Retry-After` honoured; a longer one fails the call as `rate_limited`. @default 60000 */
  readonly maxRetryAfterMs?: number
  /** Total time for all attempts and sleeps of one call. @default 120000 */
  readonly deadlineMs?: number
  /** Retry budget shared by a client: tokens spent per retry, refilled by successes. @default 50 */
  readonly budget?: number
  /** Milliseconds since the epoch. @default Date.now */
  readonly clock?: () => number
  /** Uniform in [0, 1). @default Math.random */
  readonly random?: () => number
  /** Abortable sleep. @default a timer */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
}

/** A `RetryPolicy` with every default filled in. */
export type ResolvedRetryPolicy = Required<RetryPolicy>

/** Sleeps `ms`, rejecting with the signal's reason as soon as it aborts. */
export const abortableSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason as Error)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })

/** Fills in a `RetryPolicy`'s defaults. */
export const resolveRetryPolicy = (p: RetryPolicy = {}): ResolvedRetryPolicy => ({
  retries: p.retries ?? 3,
  baseDelayMs: p.baseDelayMs ?? 250,
  maxDelayMs: p.maxDelayMs ?? 8000,
  maxRetryAfterMs: p.maxRetryAfterMs ?? 60_000,
  deadlineMs: p.deadlineMs ?? 120_000,
  budget: p.budget ?? 50,
  clock: p.clock ?? Date.now,
  random: p.random ?? Math.random,
  sleep: p.sleep ?? abortableSleep,
})

/** Full jitter: uniform in [0, min(maxDelay, base * 2^(retry-1))]. `retry` counts from 1. */
export const backoffDelay = (retry: number, p: ResolvedRetryPolicy): number => {
  const ceiling = Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** Math.max(0, retry - 1))
  return Math.floor(p.random() * ceiling)
}

/** `Retry-After` as delta-seconds or an HTTP date; null when absent or unreadable. */
export const parseRetryAfter = (value: string | null, now: number): number | null => {
  if (value === null) return null
  const trimmed = value.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000)
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? null : Math.max(0, date - now)
}
