/**
 * Retry policy: which failures are retried, how long to wait (exponential backoff with full
 * jitter, `Retry-After` honoured up to a cap), and when to stop (failed attempts, total deadline,
 * and the client's budget while its provider looks down; see limiter.ts). A 429 is throttling,
 * not failure: it pauses the client and counts against neither `retries` nor `budget`.
 * Clock, random source and sleep are injectable so tests never wait for real.
 */

export interface RetryPolicy {
  /**
   * Retries of one call after failed attempts (5xx, reset, timeout, cut body); 429s are not
   * counted. Integer 0..20. @default 8 (with 20% of requests failing, about one call in two million fails)
   */
  readonly retries?: number
  /** First backoff ceiling; doubles each retry. @default 250 */
  readonly baseDelayMs?: number
  /** Largest backoff ceiling. @default 8000 */
  readonly maxDelayMs?: number
  /** Longest `Retry-After` honoured; a longer one fails the call as `rate_limited`. @default 60000 */
  readonly maxRetryAfterMs?: number
  /** Total time for all attempts and sleeps of one call. @default 120000 */
  readonly deadlineMs?: number
  /**
   * Retries a client may still make while its provider looks down (more than half of the client's
   * last 20 attempts failed): each one spends a token; with none left, a failed attempt ends its
   * call at once. While the provider mostly answers, retries are free and the budget is full again.
   * 0 stops retrying as soon as the provider looks down. Non-negative integer. @default 20
   */
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
  retries: p.retries ?? 8,
  baseDelayMs: p.baseDelayMs ?? 250,
  maxDelayMs: p.maxDelayMs ?? 8000,
  maxRetryAfterMs: p.maxRetryAfterMs ?? 60_000,
  deadlineMs: p.deadlineMs ?? 120_000,
  budget: p.budget ?? 20,
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
