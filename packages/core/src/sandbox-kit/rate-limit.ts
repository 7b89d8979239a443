/**
 * A sandbox's rate limit: one token bucket over every request the sandbox serves, as a provider
 * limits an account (Stripe: 25 requests/s in test mode, 100 live). A request that finds the
 * bucket empty is answered 429 in the provider's own error shape, with or without `Retry-After`,
 * and never reaches a route: like a provider's edge, the limit refuses before any work is done.
 * A refused request takes no token (it did no work), so a client that keeps retrying at once is
 * refused as long as it keeps the bucket empty, and one that paces itself is never refused.
 */
import type { ResolvedRateLimit } from './options.ts'

/** Tokens below this count as none: float sums of refills must not turn 1 - 1e-12 into a refusal. */
const EPSILON = 1e-6

/** The bucket's answer to one request: taken, or refused with the wait until a token is free. */
export type BucketAnswer = { readonly ok: true } | { readonly ok: false; readonly waitMs: number }

/** A token bucket: `burst` tokens, refilled at `requestsPerSecond`, full at start. */
export interface TokenBucket {
  take(): BucketAnswer
}

/** A sandbox's bucket from its checked `rateLimit` (also used by bench fronts that serve a sandbox's pages). */
export const createTokenBucket = (limit: ResolvedRateLimit): TokenBucket => {
  const perMs = limit.requestsPerSecond / 1000
  let tokens = limit.burst
  let last = limit.clock()
  return {
    take: () => {
      const now = limit.clock()
      // A clock that goes back (a test's, or NTP) refills nothing rather than draining the bucket.
      if (now > last) tokens = Math.min(limit.burst, tokens + (now - last) * perMs)
      last = Math.max(last, now)
      if (tokens + EPSILON >= 1) {
        tokens = Math.max(0, tokens - 1)
        return { ok: true }
      }
      return { ok: false, waitMs: (1 - tokens) / perMs }
    },
  }
}

/** `Retry-After` for a wait: whole seconds (HTTP's delay-seconds), at least 1. */
export const retryAfterSeconds = (waitMs: number): string => String(Math.max(1, Math.ceil(waitMs / 1000)))
