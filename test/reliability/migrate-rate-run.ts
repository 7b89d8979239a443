/**
 * A migration against a rate-limited target, in the virtual time of rate-limit-run.ts: the
 * target sandbox's token bucket, both clients' pacing and the migration's own clock read one
 * clock, which moves only when no request of either client is on the wire. The source is not
 * limited. The target's answers are counted apart (statuses in order), so the share of 429s is
 * the target's alone.
 */
import {
  applyMigration,
  memoryJournal,
  planMigration,
  type ApplyOptions,
  type ApplyResult,
  type PaymentProvider,
} from '@paymux/core'
import type { ClientHooks } from '@paymux/core/adapter'
import { priceblocs } from '@paymux/priceblocs'
import { startSandbox as startPriceblocs } from '@paymux/priceblocs/sandbox'
import { wooshpay } from '@paymux/wooshpay'
import { startSandbox as startWooshpay } from '@paymux/wooshpay/sandbox'
import { linksByMarker, pbMarker, wpMarker } from '../migrate/helpers.ts'
import { virtualTime } from './rate-limit-run.ts'

export type TargetName = 'priceblocs' | 'wooshpay'

export interface LimitedMigration {
  /** Payment links at the (unlimited) WooshPay source. */
  readonly links: number
  readonly target: TargetName
  readonly rateLimit: { readonly requestsPerSecond: number; readonly burst?: number; readonly retryAfter?: boolean }
  /** Options of the target client (`maxRequestsPerSecond`). */
  readonly client?: { readonly maxRequestsPerSecond?: number }
  readonly apply?: Partial<ApplyOptions>
  readonly seed?: number
  /** Read the copies back through the target's listing (a target that throttles for good cannot be listed). @default true */
  readonly readBack?: boolean
}

export interface LimitedRun {
  readonly result: ApplyResult
  /** Migratable sources, as `planMigration` counts them. */
  readonly migratable: readonly string[]
  /** Target links by the marker they carry: marker -> ids (empty without `readBack`). */
  readonly byMarker: Map<string | null, string[]>
  /** Links a PriceBlocs target sandbox holds (null for WooshPay, whose sandbox does not count them). */
  readonly targetLinks: number | null
  /** Every answer of the target, in order. */
  readonly statuses: readonly number[]
  /** Virtual seconds the migration took. */
  readonly seconds: number
  /** The target client's send rate at the end (null: never limited). */
  readonly sendRate: number | null
}

export const SUCCESS_URL = 'https://shop.example/thanks'

/** The marker of a source link's copy. */
export const markerOf = (sourceId: string): string => `wooshpay:paymentLinks:${sourceId}`

/** The client's learned send rate, read through its listing source's counters (the transport's stats). */
const sendRateOf = (p: PaymentProvider): number | null => {
  const source = p.listingSource?.('paymentLinks', {})
  if (source === undefined || source === null || source instanceof Error) throw new Error('no listing source')
  // The counters are the transport's stats, which carry the rate (paging/types.ts types fewer).
  const stats = source.counters?.() as { readonly sendRate?: number | null } | undefined
  return stats?.sendRate ?? null
}

/** Runs `applyMigration` from a WooshPay source to a limited target, everything in one virtual time. */
export const migrateLimited = async (m: LimitedMigration): Promise<LimitedRun> => {
  const time = virtualTime()
  const seed = m.seed ?? 41
  const statuses: number[] = []
  // Source requests are on the wire too: the clock must not move under them either.
  const sourceHooks: ClientHooks = time.hooks
  const targetHooks: ClientHooks = {
    ...time.hooks,
    onResponse: (v) => {
      statuses.push(v.status)
      time.hooks.onResponse?.(v)
    },
  }
  const src = await startWooshpay({ count: m.links, seed })
  const rateLimit = { ...m.rateLimit, clock: time.clock }
  const dst =
    m.target === 'priceblocs'
      ? await startPriceblocs({ counts: { paymentLinks: 0, checkoutSessions: 0 }, seed, rateLimit })
      : await startWooshpay({ count: 0, seed, rateLimit })
  try {
    const from = wooshpay({ apiKey: src.apiKey, baseUrl: src.baseUrl, retry: time.retry, hooks: sourceHooks })
    const targetOptions = {
      apiKey: dst.apiKey,
      baseUrl: dst.baseUrl,
      retry: time.retry,
      hooks: targetHooks,
      ...m.client,
    }
    const to: PaymentProvider = m.target === 'priceblocs' ? priceblocs(targetOptions) : wooshpay(targetOptions)
    const plan = await planMigration(from, to, 'paymentLinks')
    const migratable = plan.objects.filter((e) => e.migratable).map((e) => e.id)
    if (dst.stats().requests !== 0) throw new Error('the plan must not write to the target')
    const t0 = time.clock()
    const result = await applyMigration(from, to, 'paymentLinks', {
      journal: memoryJournal(),
      concurrency: 8,
      successUrl: SUCCESS_URL,
      clock: { now: time.clock, sleep: time.sleep },
      ...m.apply,
    })
    const seconds = (time.clock() - t0) / 1000
    const migrationStatuses = [...statuses]
    const sendRate = sendRateOf(to)
    const byMarker =
      m.readBack === false ? new Map() : await linksByMarker(to, m.target === 'priceblocs' ? pbMarker : wpMarker)
    const targetLinks = 'count' in dst ? dst.count('paymentLinks') : null
    return { result, migratable, byMarker, targetLinks, statuses: migrationStatuses, seconds, sendRate }
  } finally {
    await Promise.all([src.close(), dst.close()])
  }
}

/** Share of 429s among `statuses` from index `from` on. */
export { throttledShare } from './rate-limit-run.ts'
