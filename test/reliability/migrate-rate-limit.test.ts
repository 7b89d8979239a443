/**
 * Issue 18, target 3: `applyMigration` with concurrency 8 rides a target's rate limit. Over real
 * HTTP against a target sandbox limited to 25 requests/s (a bucket of 25), in virtual time shared
 * by the sandboxes, both clients and the migration's clock (migrate-rate-run.ts), WooshPay ->
 * PriceBlocs (no idempotency keys) and WooshPay -> WooshPay (keys, a catalogue of products and
 * prices), with and without `Retry-After`:
 * - the exact set: one copy per migratable source (planMigration's count), found by its marker,
 *   none twice, nothing failed or `outcome_unknown`: a 429 is refused before any work, so the
 *   target client sends a create again even without a key (regression: PriceBlocs creates
 *   answered 429 used to end as `failed`, their sources not copied);
 * - after the first 50 answers (the learning phase) under 5% of the target's answers are 429s,
 *   and the target serves >= 90% of the limit's requests per second (virtual time: exact and
 *   machine-independent), at the rate the target client learned (it ends near the limit);
 * - a cap at the limit, as the target client's `maxRequestsPerSecond` or the migration's own
 *   `requestsPerSecond`, meets not one 429; a `requestsPerSecond` above the limit does not fight
 *   the learned rate: the learned rate holds the limit under it;
 * - a target that throttles for good ends each create as `failed` (`rate_limited`) at its
 *   deadline, never `outcome_unknown`: the target holds only what was served.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { priceblocs } from '@paymux/priceblocs'
import { startSandbox as startPriceblocs } from '@paymux/priceblocs/sandbox'
import { markerOf, migrateLimited, throttledShare, type LimitedRun, type TargetName } from './migrate-rate-run.ts'
import { virtualTime } from './rate-limit-run.ts'

const RPS = 25
const LEARNING = 50
/** Links per target: PriceBlocs takes about 1.2 requests a link, WooshPay about 4.4 (product, price, link, update). */
const LINKS: Readonly<Record<TargetName, number>> = { priceblocs: 300, wooshpay: 120 }

const summary = (r: LimitedRun): string => {
  const throttled = r.statuses.filter((x) => x === 429).length
  return (
    `${JSON.stringify(r.result.totals)}; ${r.statuses.length} target requests, ${throttled} 429s ` +
    `(${(throttledShare(r.statuses, LEARNING) * 100).toFixed(1)}% after ${LEARNING}) in ${r.seconds.toFixed(1)} s virtual ` +
    `(${(r.statuses.length / r.seconds).toFixed(1)} requests/s); send rate ${r.sendRate?.toFixed(1) ?? 'none'}`
  )
}

/** Every migratable source has exactly one copy, and the target holds nothing else. */
const assertExactSet = (r: LimitedRun, note: string): void => {
  const t = r.result.totals
  assert.ok(r.migratable.length > 0, 'the seed gives links to migrate')
  assert.is(t.created, r.migratable.length, note)
  assert.is(t.failed + t.outcomeUnknown, 0, note)
  assert.ok(r.result.done, note)
  for (const id of r.migratable) assert.is(r.byMarker.get(markerOf(id))?.length, 1, `${id}: ${note}`)
  assert.is([...r.byMarker.values()].flat().length, r.migratable.length, `nothing else at the target: ${note}`)
  assert.ok(!r.result.results.some((x) => x.outcome === 'outcome_unknown'), note)
}

const s = suite('reliability/migrate-rate: applyMigration rides a 25 requests/s target')

for (const target of ['priceblocs', 'wooshpay'] as const) {
  for (const retryAfter of [true, false]) {
    s(
      `WooshPay -> ${target}, concurrency 8, ${retryAfter ? 'with' : 'without'} Retry-After: exact set, few 429s`,
      async () => {
        const r = await migrateLimited({
          links: LINKS[target],
          target,
          rateLimit: { requestsPerSecond: RPS, retryAfter },
        })
        const note = summary(r)
        assertExactSet(r, note)
        const throttled = r.statuses.filter((x) => x === 429).length
        assert.ok(throttled > 0, `the limit was met: ${note}`)
        assert.ok(throttledShare(r.statuses, LEARNING) < 0.05, note)
        assert.ok(r.statuses.length / r.seconds >= 0.9 * RPS, note)
        // Learned, not crawling, not ignored: near the limit at the end.
        assert.ok(r.sendRate !== null && r.sendRate >= 0.5 * RPS && r.sendRate <= 2 * RPS, note)
      },
    )
  }
}

for (const target of ['priceblocs', 'wooshpay'] as const) {
  s(`WooshPay -> ${target}: the target client's maxRequestsPerSecond at the limit meets not one 429`, async () => {
    const r = await migrateLimited({
      links: LINKS[target] / 2,
      target,
      rateLimit: { requestsPerSecond: RPS },
      client: { maxRequestsPerSecond: RPS },
    })
    const note = summary(r)
    assertExactSet(r, note)
    assert.is(r.statuses.filter((x) => x === 429).length, 0, note)
    assert.ok(r.statuses.length / r.seconds >= 0.9 * RPS, `paced, not stalled: ${note}`)
  })
}

s(
  "the migration's requestsPerSecond at the limit meets not one 429 (every target request is a paced write)",
  async () => {
    const r = await migrateLimited({
      links: LINKS.wooshpay / 2,
      target: 'wooshpay',
      rateLimit: { requestsPerSecond: RPS },
      apply: { requestsPerSecond: RPS },
    })
    const note = summary(r)
    assertExactSet(r, note)
    assert.is(r.statuses.filter((x) => x === 429).length, 0, note)
    assert.is(r.sendRate, null, `the target client never had to learn a rate: ${note}`)
  },
)

s(
  'a requestsPerSecond above the limit does not fight the learned rate: it holds the limit under the pace',
  async () => {
    const r = await migrateLimited({
      links: LINKS.priceblocs,
      target: 'priceblocs',
      rateLimit: { requestsPerSecond: RPS },
      apply: { requestsPerSecond: 2 * RPS },
    })
    const note = summary(r)
    assertExactSet(r, note)
    assert.ok(
      r.statuses.some((x) => x === 429),
      `the pace alone would overrun the limit: ${note}`,
    )
    assert.ok(throttledShare(r.statuses, LEARNING) < 0.05, note)
    assert.ok(r.statuses.length / r.seconds >= 0.9 * RPS, note)
  },
)

s(
  'a target that throttles for good: its creates end failed as rate_limited at their deadline, never outcome_unknown',
  async () => {
    // One token, refilled once in 1,000 s: the first create is served, every later one refused
    // (without Retry-After: one of 1,000 s would end each create at once, past maxRetryAfterMs).
    const r = await migrateLimited({
      links: 10,
      target: 'priceblocs',
      rateLimit: { requestsPerSecond: 0.001, burst: 1, retryAfter: false },
      apply: { detail: 100 },
      readBack: false,
    })
    const t = r.result.totals
    const note = JSON.stringify(t)
    // The one served request is the first create (an inactive copy's update is then refused:
    // `failed`, its copy kept for a rerun to set inactive).
    assert.ok(t.created <= 1, note)
    assert.is(t.created + t.failed, r.migratable.length, note)
    assert.is(t.outcomeUnknown, 0, note)
    for (const x of r.result.results.filter((y) => y.outcome === 'failed')) assert.is(x.errorKind, 'rate_limited')
    // A 429 did nothing: the target holds the one copy served, and a rerun may send the rest again.
    assert.is(r.targetLinks, 1, note)
  },
)

s('a create without an idempotency key answered 429 is sent again and made once (a 429 did nothing)', async () => {
  for (const retryAfter of [true, false]) {
    const time = virtualTime()
    const sb = await startPriceblocs({
      counts: { paymentLinks: 0, checkoutSessions: 0 },
      rateLimit: { requestsPerSecond: 1, burst: 1, retryAfter, clock: time.clock },
    })
    try {
      const pb = priceblocs({ apiKey: sb.apiKey, baseUrl: sb.baseUrl, retry: time.retry, hooks: time.hooks })
      await pb.paymentLinks.list().toArray({ max: 1 }) // spends the one token
      const link = await pb.paymentLinks.create({
        lineItems: [{ priceData: { currency: 'usd', unitAmount: 500, productName: 'Box' }, quantity: 1 }],
      })
      const stats = sb.stats()
      assert.is(sb.count('paymentLinks'), 1)
      assert.equal(
        (await pb.paymentLinks.list().toArray({ max: 10 })).map((l) => l.id),
        [link.id],
      )
      // The listing's 200, the create's 429s (one with Retry-After; without, backoffs until the
      // bucket has a token), then its 200: every POST but the last was refused.
      const refused = stats.rateLimited
      assert.ok(refused >= 1, `Retry-After ${retryAfter}`)
      if (retryAfter) assert.is(refused, 1)
      assert.is(stats.byRoute['POST /v1/payment-links'], refused + 1)
    } finally {
      await sb.close()
    }
  }
})

s.run()
