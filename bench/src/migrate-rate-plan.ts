/**
 * Issue 18, target 3, as the bench runs it: `applyMigration` with concurrency 8 copies WooshPay
 * payment links into a target sandbox that answers at 200 ms and allows 25 requests/s (its own
 * token bucket, a bucket of 25; `Retry-After` on every 429 or never), started empty for every
 * run: PriceBlocs (no idempotency keys, no catalogue: one create per link, and an update for an
 * inactive one) with and without `Retry-After`, and WooshPay (keys, a catalogue: a product and a
 * price per source price, then the link) with it. The target client has default options: it
 * learns the limit from its 429s.
 *
 * The source answers at 20 ms, not 200: each link costs the source one request (its line items)
 * besides the target's, and at 200 ms on both sides 8 links in work keep fewer than the 5
 * PriceBlocs requests in flight that 25 requests/s at 200 ms need (Little's law: 8 x 0.24 s of
 * target time in 0.44 s per link), so the row would measure the concurrency, not the limit.
 */
import type { Row } from './plan.ts'
import type { Peer, Provider, Resource, SandboxSpec } from './protocol.ts'

/** The target's limit and latency, and the source's latency. */
export const MIGRATE_RATE_LIMIT = { requestsPerSecond: 25, latencyMs: 200, sourceLatencyMs: 20 } as const

/** One measured migration: its target provider and whether the target's 429s carry `Retry-After`. */
export interface MigrateRateCase {
  readonly target: Provider
  readonly retryAfter: boolean
}

export const MIGRATE_RATE_CASES: readonly MigrateRateCase[] = [
  { target: 'priceblocs', retryAfter: true },
  { target: 'priceblocs', retryAfter: false },
  { target: 'wooshpay', retryAfter: true },
]

const variant = (c: MigrateRateCase): string => (c.retryAfter ? 'retryAfter' : 'noRetryAfter')
const label = (p: Provider): string => (p === 'wooshpay' ? 'WooshPay' : 'PriceBlocs')

/** Row keys (`pnpm bench -- --only migraterl`). */
export const migrateRateKey = (c: MigrateRateCase): string => `migraterl.${c.target}.${variant(c)}`

/** Links at the source of a case's migration. */
export type MigrateRateSizes = Readonly<Record<Provider, number>>

const sourceName = (c: MigrateRateCase): string => `mig-rl-src-${c.target}`
const targetName = (c: MigrateRateCase): string => `mig-rl-dst-${c.target}-${c.retryAfter ? 'ra' : 'nora'}`

export const migrateRateLimitSandboxes = (links: MigrateRateSizes): SandboxSpec[] => {
  const targets = [...new Set(MIGRATE_RATE_CASES.map((c) => c.target))]
  return [
    // One source per target: a copy costs the targets different numbers of requests, so their
    // runs take about as long with different numbers of links.
    ...targets.map((t): SandboxSpec => ({
      name: sourceName({ target: t, retryAfter: true }),
      provider: 'wooshpay',
      count: links[t],
      latencyMs: MIGRATE_RATE_LIMIT.sourceLatencyMs,
      seed: 1,
      replay: false,
    })),
    // Not replayed, so the sandbox enforces the limit itself (server.ts): writes cost it little.
    ...MIGRATE_RATE_CASES.map((c): SandboxSpec => ({
      name: targetName(c),
      provider: c.target,
      count: 0,
      latencyMs: MIGRATE_RATE_LIMIT.latencyMs,
      seed: 1,
      replay: false,
      fresh: true,
      rateLimit: { requestsPerSecond: MIGRATE_RATE_LIMIT.requestsPerSecond, retryAfter: c.retryAfter },
    })),
  ]
}

type JobOf = (provider: Provider, resource: Resource, peer: Peer, extra?: Partial<Row['job']>) => Row['job']

export const migrateRateLimitRows = (links: MigrateRateSizes, reps: number, job: JobOf): Row[] => {
  const l = MIGRATE_RATE_LIMIT
  return MIGRATE_RATE_CASES.map((c) => ({
    key: migrateRateKey(c),
    scenario: `Migration into a rate limit of ${l.requestsPerSecond} requests/s: WooshPay (${l.sourceLatencyMs} ms) -> ${label(c.target)} (${l.latencyMs} ms) payment links, ${links[c.target].toLocaleString('en-US')}`,
    label: `paymux applyMigration concurrency 8, ${c.retryAfter ? 'with' : 'without'} Retry-After`,
    sandbox: sourceName(c),
    target: { sandbox: targetName(c), provider: c.target },
    // About 45 s a run: one run, like the other long rows.
    reps,
    // No warm-up: it would migrate, and spend the bucket before the measurement.
    job: job('wooshpay', 'paymentLinks', 'migrate', { concurrency: 8, warmupObjects: 0, countThrottled: true }),
  }))
}
