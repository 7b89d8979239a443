/**
 * One limiter per provider client, shared by all its calls, listings and writes. It keeps two
 * rules apart:
 * - Throttling slows the client, it never fails it: a 429 cuts the client's send rate
 *   (send-rate.ts: learned from the 429s, grown back while unthrottled, capped by
 *   `maxRequestsPerSecond`) and pauses every request of the client (for its `Retry-After`, or
 *   without one for a backoff that grows with each throttling event in a row), and costs neither
 *   a call's `retries` nor the budget. 429s of requests that were already in flight when the
 *   client slowed down belong to the same event: they neither cut again nor lengthen the pause.
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
import { SendRate, type SendRateView, type SendTicket } from './send-rate.ts'

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
  private readonly rate: SendRate

  constructor(policy: ResolvedRetryPolicy, maxRequestsPerSecond: number | null = null) {
    this.policy = policy
    this.tokens = policy.budget
    this.rate = new SendRate(maxRequestsPerSecond, policy.clock)
  }

  /**
   * Waits until no pause is in force and the send rate has a slot, then counts the send: the
   * time waited and the send's ticket (for `throttled`). The pause loop repeats only when another
   * call extended the pause during the wait, so an injected sleep that returns at once can never
   * turn this into a busy loop.
   */
  async ready(signal?: AbortSignal): Promise<{ readonly waitedMs: number; readonly ticket: SendTicket }> {
    let waited = await this.pause(signal)
    const slot = this.rate.reserve()
    if (slot > 0) {
      const until = this.pausedUntil
      await this.policy.sleep(slot, signal)
      waited += slot
      // A 429 elsewhere may have paused the client during the wait for the slot.
      if (this.pausedUntil !== until) waited += await this.pause(signal)
    }
    return { waitedMs: waited, ticket: this.rate.sent(this.policy.clock()) }
  }

  private async pause(signal?: AbortSignal): Promise<number> {
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
   * A 429 for the send `ticket`: returns how long this call waits before its retry.
   * A new throttling event cuts the send rate and pauses the whole client: for `Retry-After`
   * when the provider sent one, else for a backoff ceiling doubling with each event in a row
   * (half of it fixed, so a pause is never near zero while the provider still throttles). A 429
   * of a request sent before the last event is part of it: it waits out the pause in force (or
   * its own `Retry-After`, always honoured) and changes nothing else.
   */
  throttled(retryAfterMs: number | null, ticket: SendTicket): number {
    const now = this.policy.clock()
    if (!this.rate.throttled(ticket)) {
      const ms = retryAfterMs ?? Math.max(0, this.pausedUntil - now)
      this.pausedUntil = Math.max(this.pausedUntil, now + ms)
      return ms
    }
    this.throttleStreak += 1
    const ceiling = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (this.throttleStreak - 1))
    const ms = retryAfterMs ?? Math.floor(ceiling / 2 + (this.policy.random() * ceiling) / 2)
    this.pausedUntil = Math.max(this.pausedUntil, now + ms)
    return ms
  }

  /** The client's send rate now (stats). */
  sendRate(): SendRateView {
    return this.rate.view()
  }

  /** The outcome of an attempt that was not throttled: `failed` when the provider did not answer properly. */
  record(failed: boolean): void {
    this.rate.answered()
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
