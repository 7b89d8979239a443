/**
 * One limiter per provider client, shared by all its calls and listings:
 * - a 429 with `Retry-After` pauses every request to that provider until it has passed;
 * - a retry budget (token bucket) stops retry storms when a provider is down: each retry
 *   spends a token, each success gives back a tenth of one.
 */
import type { ResolvedRetryPolicy } from './retry-policy.ts'

export class Limiter {
  private pausedUntil = 0
  private tokens: number
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

  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.policy.clock() + ms)
  }

  /** Takes a token for one retry; false when the budget is spent. */
  takeRetry(): boolean {
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }

  succeeded(): void {
    this.tokens = Math.min(this.policy.budget, this.tokens + 0.1)
  }
}
