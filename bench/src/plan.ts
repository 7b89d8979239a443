/**
 * What `pnpm bench` measures: the sandboxes the server starts and the rows of the table, each a
 * peer on a scenario, run `reps` times in fresh client processes. Sizes follow issue 8.
 */
import { migrateRateLimitRows, migrateRateLimitSandboxes } from './migrate-rate-plan.ts'
import type { Job, Peer, Provider, Resource, SandboxSpec } from './protocol.ts'

export interface Options {
  /** Runs per row for CPU-bound rows (0 ms latency) and ratio rows. */
  readonly reps: number
  /** Runs per row for the long latency-bound sequential rows (50,000 objects at 20 ms). */
  readonly slowReps: number
  /** Divide every size by 10 (a smoke run; RESULTS.md is not written). */
  readonly quick: boolean
}

export interface Row {
  /** Unique key, used by the target checks. */
  readonly key: string
  readonly scenario: string
  readonly label: string
  readonly sandbox: string
  readonly reps: number
  readonly job: Omit<Job, 'baseUrl' | 'apiKey'>
  /** A migration's target: a `fresh` sandbox, started anew before every run. */
  readonly target?: { readonly sandbox: string; readonly provider: Provider }
}

export const RESOURCES: readonly Resource[] = ['paymentLinks', 'paymentIntents', 'checkoutSessions']

export const RESOURCE_NAMES: Readonly<Record<Resource, string>> = {
  paymentLinks: 'payment links',
  paymentIntents: 'payment intents',
  checkoutSessions: 'checkout sessions',
}

const PEER_NAMES: Readonly<Record<Peer, string>> = {
  raw: 'raw fetch',
  stripe: 'stripe-node',
  paymux: 'paymux',
  migrate: 'paymux applyMigration',
}

export const sizes = (o: Options) => {
  const d = o.quick ? 10 : 1
  return {
    wooshpay: 50_000 / d,
    priceblocs: 20_000 / d,
    /** Target 2 (consumer work): a prefix of the 20 ms listing. */
    consumer: 20_000 / d,
    memorySmall: 100_000 / d,
    memoryLarge: 1_000_000 / d,
    /** Issue 17: payment links migrated between the sandboxes. */
    migration: 2_000 / d,
    /** Issue 18, target 2: the default export against a rate limit. */
    rateLimited: 50_000 / d,
    /**
     * Issue 18, target 3: payment links migrated into a rate-limited target, about 45 s a run each:
     * a PriceBlocs copy costs its target ~1.2 requests, a WooshPay one ~4.4 (product, price, link).
     */
    migrationRateLimited: { priceblocs: 1_000 / d, wooshpay: 300 / d },
  }
}

/** Issue 18, target 2: Stripe's test-mode limit, at a latency where the limit, not the round trip, bounds an export. */
export const RATE_LIMIT = { requestsPerSecond: 25, latencyMs: 200 } as const

export const sandboxes = (o: Options): SandboxSpec[] => {
  const n = sizes(o)
  return [
    { name: 'wp-0', provider: 'wooshpay', count: n.wooshpay, latencyMs: 0, seed: 1, replay: true },
    { name: 'wp-20', provider: 'wooshpay', count: n.wooshpay, latencyMs: 20, seed: 1, replay: true },
    { name: 'pb-0', provider: 'priceblocs', count: n.priceblocs, latencyMs: 0, seed: 1, replay: true },
    { name: 'pb-20', provider: 'priceblocs', count: n.priceblocs, latencyMs: 20, seed: 1, replay: true },
    // A million objects are built lazily by the sandbox and never recorded (memory target only).
    { name: 'wp-big', provider: 'wooshpay', count: n.memoryLarge, latencyMs: 0, seed: 2, replay: false },
    // A migration reads the source and writes the target, both at 20 ms; the target starts empty every run.
    { name: 'mig-src-20', provider: 'wooshpay', count: n.migration, latencyMs: 20, seed: 1, replay: false },
    { name: 'mig-dst-20', provider: 'priceblocs', count: 0, latencyMs: 20, seed: 1, replay: false, fresh: true },
    // One front (one token bucket, rate-limit-gate.ts) per Retry-After setting, over the replayed pages.
    ...[true, false].map((retryAfter): SandboxSpec => ({
      name: `wp-rl-${retryAfter ? 'ra' : 'nora'}`,
      provider: 'wooshpay',
      count: n.rateLimited,
      latencyMs: RATE_LIMIT.latencyMs,
      seed: 1,
      replay: true,
      rateLimit: { requestsPerSecond: RATE_LIMIT.requestsPerSecond, retryAfter },
    })),
    ...migrateRateLimitSandboxes(n.migrationRateLimited),
  ]
}

const job = (provider: Provider, resource: Resource, peer: Peer, extra: Partial<Row['job']> = {}): Row['job'] => ({
  peer,
  provider,
  resource,
  pageSize: 100,
  maxObjects: null,
  prefetch: 0,
  concurrency: 1,
  partitions: 0,
  consumerMsPerPage: 0,
  collectIds: true,
  warmupObjects: 500,
  ...extra,
})

export const plan = (o: Options): Row[] => {
  const n = sizes(o)
  const rows: Row[] = []
  const k = (n: number) => `${n / 1000}k`

  for (const r of RESOURCES) {
    const scenario = `WooshPay ${RESOURCE_NAMES[r]}, ${k(n.wooshpay)}, 0 ms`
    for (const peer of ['raw', 'stripe', 'paymux'] as const) {
      rows.push({
        key: `wp0.${r}.${peer}`,
        scenario,
        label: PEER_NAMES[peer],
        sandbox: 'wp-0',
        reps: o.reps,
        job: job('wooshpay', r, peer),
      })
    }
    // Issue 18, target 1 names prefetching by default as an option to measure: this row is it.
    rows.push({
      key: `wp0.${r}.paymuxPrefetch1`,
      scenario,
      label: 'paymux prefetch 1',
      sandbox: 'wp-0',
      reps: o.reps,
      job: job('wooshpay', r, 'paymux', { prefetch: 1 }),
    })
  }
  for (const r of RESOURCES) {
    const scenario = `WooshPay ${RESOURCE_NAMES[r]}, ${k(n.wooshpay)}, 20 ms`
    for (const peer of ['raw', 'stripe', 'paymux'] as const) {
      rows.push({
        key: `wp20.${r}.${peer}`,
        scenario,
        label: PEER_NAMES[peer],
        sandbox: 'wp-20',
        reps: o.slowReps,
        job: job('wooshpay', r, peer),
      })
    }
    if (r !== 'paymentLinks') {
      rows.push({
        key: `wp20.${r}.partitions8`,
        scenario,
        label: 'paymux partitions 8',
        sandbox: 'wp-20',
        reps: o.reps,
        job: job('wooshpay', r, 'paymux', { partitions: 8 }),
      })
    }
  }

  const consumer = `WooshPay payment links, ${k(n.consumer)}, 20 ms, consumer 20 ms/page`
  for (const prefetch of [0, 1]) {
    rows.push({
      key: `consumer.prefetch${prefetch}`,
      scenario: consumer,
      label: `paymux prefetch ${prefetch}`,
      sandbox: 'wp-20',
      reps: o.reps,
      job: job('wooshpay', 'paymentLinks', 'paymux', { maxObjects: n.consumer, prefetch, consumerMsPerPage: 20 }),
    })
  }
  rows.push({
    key: 'consumer.stripe',
    scenario: consumer,
    label: 'stripe-node',
    sandbox: 'wp-20',
    reps: o.slowReps,
    job: job('wooshpay', 'paymentLinks', 'stripe', { maxObjects: n.consumer, consumerMsPerPage: 20 }),
  })

  for (const latency of [0, 20]) {
    const scenario = `PriceBlocs payment links, ${k(n.priceblocs)}, ${latency} ms (20/page)`
    const sandbox = `pb-${latency}`
    const reps = latency === 0 ? o.reps : o.slowReps
    const pb = (peer: Peer, extra: Partial<Row['job']> = {}) => job('priceblocs', 'paymentLinks', peer, extra)
    rows.push({ key: `pb${latency}.raw`, scenario, label: 'raw fetch', sandbox, reps, job: pb('raw') })
    rows.push({ key: `pb${latency}.paymux`, scenario, label: 'paymux', sandbox, reps, job: pb('paymux') })
    rows.push({
      key: `pb${latency}.concurrency4`,
      scenario,
      label: 'paymux concurrency 4',
      sandbox,
      reps: o.reps,
      job: pb('paymux', { concurrency: 4 }),
    })
  }

  const memory = (size: number) => `Memory: WooshPay payment links, ${k(size)}, 0 ms`
  for (const size of [n.memorySmall, n.memoryLarge]) {
    for (const peer of ['raw', 'paymux'] as const) {
      rows.push({
        key: `memory.${size === n.memoryLarge ? 'large' : 'small'}.${peer}`,
        scenario: memory(size),
        label: PEER_NAMES[peer],
        sandbox: 'wp-big',
        // Peak RSS of one long run is noisy (GC timing): paymux's is a median like the others.
        reps: size === n.memoryLarge && peer === 'raw' ? o.slowReps : o.reps,
        job: job('wooshpay', 'paymentLinks', peer, { maxObjects: size, collectIds: false, warmupObjects: 0 }),
      })
    }
  }

  // Objects/s are copies made per second of the whole run (read, plan, product/price/link writes,
  // journal fsyncs); "Ids" checks that the sources copied are every source link exactly.
  const migration = `Migration: WooshPay -> PriceBlocs payment links, ${k(n.migration)}, 20 ms`
  for (const concurrency of [1, 8]) {
    rows.push({
      key: `migrate20.concurrency${concurrency}`,
      scenario: migration,
      label: `paymux applyMigration concurrency ${concurrency}`,
      sandbox: 'mig-src-20',
      target: { sandbox: 'mig-dst-20', provider: 'priceblocs' },
      // Concurrency 1 is latency-bound (about 2 minutes): one run, as the other long rows.
      reps: concurrency === 1 ? o.slowReps : o.reps,
      job: job('wooshpay', 'paymentLinks', 'migrate', { concurrency, warmupObjects: 0 }),
    })
  }

  // Issue 18, target 2: what `paymux export payment-intents` does by default (8 created windows,
  // any order), a fresh client that learns the limit from its 429s; no warm-up, which would spend
  // the bucket before the measurement.
  const limited = `Rate limit ${RATE_LIMIT.requestsPerSecond} requests/s: WooshPay payment intents, ${k(n.rateLimited)}, ${RATE_LIMIT.latencyMs} ms`
  for (const retryAfter of [true, false]) {
    rows.push({
      key: `ratelimit.${retryAfter ? 'retryAfter' : 'noRetryAfter'}.partitions8`,
      scenario: limited,
      label: `paymux export (partitions 8), ${retryAfter ? 'with' : 'without'} Retry-After`,
      sandbox: `wp-rl-${retryAfter ? 'ra' : 'nora'}`,
      reps: o.slowReps,
      job: job('wooshpay', 'paymentIntents', 'paymux', { partitions: 8, warmupObjects: 0, countThrottled: true }),
    })
  }
  rows.push(...migrateRateLimitRows(n.migrationRateLimited, o.slowReps, job))
  return rows
}
