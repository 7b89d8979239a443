/**
 * What every adapter's sandbox (`@paymux/<provider>/sandbox`) offers: a real HTTP server on
 * 127.0.0.1 speaking the provider's wire format, seeded deterministic data, optional latency
 * and injected faults. The shape lives here; the server every sandbox runs (listen, auth check,
 * latency, faults, stats, close) is the sandbox kit of `@paymux/core/adapter`
 * (`startSandboxServer`), and each adapter adds its routes, data and quirks.
 */
import type { ResourceName } from './model/resource.ts'

/** Every fault a sandbox can inject. */
export const FAULT_KINDS = ['429', '500', '502', '503', 'reset', 'truncate', 'html', 'commit_then_drop'] as const
/** One fault a sandbox can inject. */
export type FaultKind = (typeof FAULT_KINDS)[number]

/** Options every sandbox server accepts (size, seed, latency, faults). */
export interface SandboxOptions {
  /** @default 0 (any free port) */
  readonly port?: number
  /** Objects seeded per resource. @default 250 */
  readonly count?: number
  /** Seed of the deterministic data. @default 1 */
  readonly seed?: number
  /** Added to every response. @default 0 */
  readonly latencyMs?: number
  /**
   * Fraction of requests (0..1) that fail with one of `kinds` (default: every kind but
   * `commit_then_drop`). `commit_then_drop` carries the request out, then drops the connection
   * without an answer: on a write, the client cannot tell whether it happened.
   */
  readonly faults?: { readonly rate: number; readonly kinds?: readonly FaultKind[] }
  /**
   * Faults of writes only (every method but GET), drawn apart from `faults`, so a test can
   * fail writes while it reads the sandbox back cleanly. @default kinds `['commit_then_drop']`
   */
  readonly writeFaults?: { readonly rate: number; readonly kinds?: readonly FaultKind[] }
  /** Serve the provider's documented quirks (odd types, odd envelopes). @default true */
  readonly quirks?: boolean
  /**
   * A requests-per-second limit like a provider's: a token bucket over every request (reads and
   * writes), answering the provider's own 429 when it is empty. Test your own exports against it.
   * @default none
   */
  readonly rateLimit?: SandboxRateLimit
}

/** A sandbox's rate limit: a token bucket of `burst` requests refilled at `requestsPerSecond`. */
export interface SandboxRateLimit {
  /** Sustained rate allowed: a positive number (e.g. 25, Stripe's test-mode limit). */
  readonly requestsPerSecond: number
  /** Requests allowed at once from a full bucket: a number >= 1. @default requestsPerSecond (at least 1) */
  readonly burst?: number
  /**
   * Send `Retry-After` (whole seconds until a token is free, as HTTP allows) with each 429.
   * @default true
   */
  readonly retryAfter?: boolean
  /** Milliseconds since the epoch, the bucket's time (a test shares its client's fake clock). @default Date.now */
  readonly clock?: () => number
}

/** A sandbox's counters of requests served. */
export interface SandboxStats {
  readonly requests: number
  /** `GET /v1/payment_links` -> count, by route pattern (ids replaced by `:id`). */
  readonly byRoute: Readonly<Record<string, number>>
  readonly faults: number
  readonly faultsByKind: Readonly<Record<string, number>>
  /** Requests refused with 429 by `rateLimit` (not faults: they are counted apart). */
  readonly rateLimited: number
}

/** A running sandbox server on 127.0.0.1, with the key and base URL to reach it. */
export interface Sandbox {
  /** e.g. `http://127.0.0.1:41234` */
  readonly baseUrl: string
  /** A valid test secret key for this sandbox. */
  readonly apiKey: string
  stats(): SandboxStats
  resetStats(): void
  /** Seeded ids of a resource in the order a full listing yields them (newest first). */
  ids(resource: ResourceName): readonly string[]
  close(): Promise<void>
}
