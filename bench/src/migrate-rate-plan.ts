/**
 * Issue 18, target 3, as the bench runs it: `applyMigration` with concurrency 8 copies WooshPay
 * payment links into a PriceBlocs sandbox that answers at 200 ms and allows 25 requests/s (its
 * own token bucket, a bucket of 25; `Retry-After` on every 429 or never), started empty for
 * every run. The target client has default options: it learns the limit from its 429s.
 *
 * The source answers at 20 ms, not 200: each link costs the source one request (its line items)
 * besides the target's, and at 200 ms on both sides 8 links in work keep fewer than the 5
 * target requests in flight that 25 requests/s at 200 ms need (Little's law: 8 x 0.24 s of
 * target time in 0.44 s per link), so the row would measure the concurrency, not the limit.
 */
import type { Row } from './plan.ts'
import type { Peer, Provider, Resource, SandboxSpec } from './protocol.ts'

/** The target's limit and latency, and the source's latency. */
export const MIGRATE_RATE_LIMIT = { requestsPerSecond: 25, latencyMs: 200, sourceLatencyMs: 20 } as const

export const MIGRATE_RATE_VARIANTS = ['retryAfter', 'noRetryAfter'] as const
export type MigrateRateVariant = (typeof MIGRATE_RATE_VARIANTS)[number]

/** Row keys (`pnpm bench -- --only migraterl`). */
export const migrateRateKey = (v: MigrateRateVariant): string => `migraterl.${v}.concurrency8`

const SOURCE = 'mig-rl-src'
const targetName = (v: MigrateRateVariant): string => `mig-rl-dst-${v === 'retryAfter' ? 'ra' : 'nora'}`

export const migrateRateLimitSandboxes = (links: number): SandboxSpec[] => [
  {
    name: SOURCE,
    provider: 'wooshpay',
    count: links,
    latencyMs: MIGRATE_RATE_LIMIT.sourceLatencyMs,
    seed: 1,
    replay: false,
  },
  // Not replayed, so the sandbox enforces the limit itself (server.ts): writes cost it little.
  ...MIGRATE_RATE_VARIANTS.map(
    (v): SandboxSpec => ({
      name: targetName(v),
      provider: 'priceblocs',
      count: 0,
      latencyMs: MIGRATE_RATE_LIMIT.latencyMs,
      seed: 1,
      replay: false,
      fresh: true,
      rateLimit: { requestsPerSecond: MIGRATE_RATE_LIMIT.requestsPerSecond, retryAfter: v === 'retryAfter' },
    }),
  ),
]

type JobOf = (provider: Provider, resource: Resource, peer: Peer, extra?: Partial<Row['job']>) => Row['job']

export const migrateRateLimitRows = (links: number, reps: number, job: JobOf): Row[] => {
  const l = MIGRATE_RATE_LIMIT
  const scenario = `Migration into a rate limit of ${l.requestsPerSecond} requests/s: WooshPay (${l.sourceLatencyMs} ms) -> PriceBlocs (${l.latencyMs} ms) payment links, ${links / 1000}k`
  return MIGRATE_RATE_VARIANTS.map((v) => ({
    key: migrateRateKey(v),
    scenario,
    label: `paymux applyMigration concurrency 8, ${v === 'retryAfter' ? 'with' : 'without'} Retry-After`,
    sandbox: SOURCE,
    target: { sandbox: targetName(v), provider: 'priceblocs' },
    // About 40-50 s a run: one run, like the other long rows.
    reps,
    // No warm-up: it would migrate, and spend the bucket before the measurement.
    job: job('wooshpay', 'paymentLinks', 'migrate', { concurrency: 8, warmupObjects: 0, countThrottled: true }),
  }))
}
