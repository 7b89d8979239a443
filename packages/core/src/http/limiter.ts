/**
 * One limiter per provider client, shared by all its calls and listings. It keeps two rules apart:
 * - Throttling slows the client, it never fails it: a 429 pauses every request of the client
 *   (for its `Retry-After`, or without one for a backoff that grows with each 429 in a row), and
 *   costs neither a call's `retries` nor the budget.
 * - The budget stops only a provider that is down. The limiter remembers whether each of the
 *   client's last WINDOW attempts failed (5xx, reset, timeout, cut body); while the provider
 *   answers, retries are free. Once more than half of the recent attempts failed, each retry
 *   spends one token of `budget`; with none left, calls fail at their first failed attempt
 *   instead of retrying, until an answer brings the failures back under half, which refills it.
 *   So a listing through 20% faults never runs dry (more than half of 20 attempts failing at 20%
 *   is a 1-in-2,000 event, and it would take `budget` retries in that state), while a provider
 *   answering 503 to everything costs a bounded number of requests, whatever the concurrency.
 */
import type { ResolvedRetryPolicy } from './retry-policy.ts'

/** Recent attempts the breaker looks at. */
export const WINDOW = 20
/** Fewer outcomes than this never count as "down": one early failure is not an outage. */
const MIN_SAMPLES = 10

export interface Health {
  readonly failed: number
  readonly of: number
}

export class Limiter {
  private pausedUntil = 0
  private throttleStreak = 0
  private tokens: number
  /** Ring of the last WINDOW outcomes, true = failed. */
  private readonly outcomes: boolean[] = []
  private next = 0
  private failures = 0
  private readonly policy: ResolvedRetryPolicy

  constructor(policy: ResolvedRetryPolicy) {
    this.policy = policy
    this.tokens = policy.budget
  }

  /**
   * Waits until no pause is in force. Loops only when another call extended the pause during
   * the wait, so an injected sleep that returns at once can never turn this into a busy loop.
   */
  async ready(signal?: AbortSignal): Promise<number> {
    let waited = 0
    let until = this.pausedUntil
    let wait = until - this.policy.clock()
    while (wait > 0) {
      await this.policy.sleep(wait, signal)
      waited += wait
      if (this.pausedUntil === until) break
      until = this.pausedUntil
      wait = until - this.policy.clock()
    }
    return waited
  }

  /**
   * A 429: pauses the whole client and returns how long. `Retry-After` when the provider sent
   * one, else a backoff ceiling doubling with each 429 in a row (half of it fixed, so a pause is
   * never near zero while the provider still throttles).
   */
  throttled(retryAfterMs: number | null): number {
    this.throttleStreak += 1
    const ceiling = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (this.throttleStreak - 1))
    const ms = retryAfterMs ?? Math.floor(ceiling / 2 + (this.policy.random() * ceiling) / 2)
    this.pausedUntil = Math.max(this.pausedUntil, this.policy.clock() + ms)
    return ms
  }

  /** The outcome of an attempt that was not throttled: `failed` when the provider did not answer properly. */
  record(failed: boolean): void {
    this.throttleStreak = 0
    if (this.outcomes.length < WINDOW) this.outcomes.push(failed)
    else {
      if (this.outcomes[this.next]) this.failures -= 1
      this.outcomes[this.next] = failed
      this.next = (this.next + 1) % WINDOW
    }
    if (failed) this.failures += 1
    if (!this.down()) this.tokens = this.policy.budget
  }

  health(): Health {
    return { failed: this.failures, of: this.outcomes.length }
  }

  private down(): boolean {
    return this.outcomes.length >= MIN_SAMPLES && this.failures * 2 > this.outcomes.length
  }

  /** Allows one retry: always while the provider answers, from the budget while it looks down. */
  takeRetry(): boolean {
    if (!this.down()) return true
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }
}
