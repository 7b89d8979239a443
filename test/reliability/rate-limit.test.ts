/**
 * Issue 18, target 2: a client rides a provider's rate limit. Over real HTTP against the WooshPay
 * sandbox with `rateLimit` on (25 requests/s, a bucket of 25), in virtual time shared by the
 * sandbox and the client (rate-limit-run.ts):
 * - the partitioned default listing (`paymux export payment-intents`: 8 windows, any order) of
 *   5,000 intents yields the exact set, with and without `Retry-After`; after the first 100
 *   answers (the learning phase) under 5% of answers are 429s, and the listing runs at >= 80% of
 *   the limit's rate (virtual time, so exact and machine-independent);
 * - with `maxRequestsPerSecond` at the limit, not one 429;
 * - listings and writes of one client share one rate: the maximum holds for their sum, and
 *   writes after a throttled listing start at the rate the listing learned.
 * A provider that throttles everything: rate-limit-bounded.test.ts.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { allIds, startLimited, throttledShare } from './rate-limit-run.ts'

const COUNT = 20_000
const RPS = 25
const EXPORT_QUERY = { partitions: 8, order: 'any' } as const
const LEARNING = 100

const sorted = (ids: readonly string[]): string[] => [...ids].sort()

const s = suite('reliability/rate-limit: the export rides a 25 requests/s limit')

for (const retryAfter of [true, false]) {
  s(`partitioned export of ${COUNT}, ${retryAfter ? 'with' : 'without'} Retry-After: exact set, few 429s`, async () => {
    const { time, sb, wp } = await startLimited({
      count: COUNT,
      seed: 31,
      rateLimit: { requestsPerSecond: RPS, retryAfter },
    })
    try {
      const t0 = time.clock()
      const ids = await allIds(wp, EXPORT_QUERY)
      const seconds = (time.clock() - t0) / 1000
      assert.equal(sorted(ids), sorted(sb.ids('paymentIntents')))
      const stats = sb.stats()
      const served = stats.requests - stats.rateLimited
      const share = throttledShare(time.statuses, LEARNING)
      const note = `${stats.requests} requests, ${stats.rateLimited} 429s (${(throttledShare(time.statuses) * 100).toFixed(1)}%, ${(share * 100).toFixed(1)}% after ${LEARNING}), ${served} served in ${seconds.toFixed(1)} s virtual (${(served / seconds).toFixed(1)}/s)`
      console.log(note)
      // The sandbox counts what the client saw.
      assert.is(stats.rateLimited, time.statuses.filter((x) => x === 429).length, note)
      assert.ok(stats.rateLimited > 0, `the limit was met: ${note}`)
      assert.ok(share < 0.05, note)
      assert.ok(served / seconds >= 0.8 * RPS, note)
    } finally {
      await sb.close()
    }
  })
}

s(`maxRequestsPerSecond at the limit: the same export meets not one 429`, async () => {
  const limited = { count: COUNT / 2, seed: 32, rateLimit: { requestsPerSecond: RPS } }
  const { time, sb, wp } = await startLimited(limited, { maxRequestsPerSecond: RPS })
  try {
    const t0 = time.clock()
    const ids = await allIds(wp, EXPORT_QUERY)
    assert.equal(sorted(ids), sorted(sb.ids('paymentIntents')))
    const stats = sb.stats()
    assert.is(stats.rateLimited, 0)
    // Paced, not stalled: one second of requests up front (a full bucket), then the limit.
    const seconds = (time.clock() - t0) / 1000
    assert.ok(stats.requests / seconds >= 0.9 * RPS, `${stats.requests} requests in ${seconds} s virtual`)
  } finally {
    await sb.close()
  }
})

s(
  'writes and listings share one rate: a listing and writes at once under maxRequestsPerSecond meet no 429',
  async () => {
    // Each kind alone stays under the limit; only one budget for both keeps the sum under it.
    const limited = { count: 5000, seed: 33, rateLimit: { requestsPerSecond: 10, burst: 10 } }
    const { sb, wp } = await startLimited(limited, { maxRequestsPerSecond: 10 })
    try {
      const writes = async () => {
        for (let i = 0; i < 40; i++) await wp.products.create({ name: `box ${i}` })
      }
      const [ids] = await Promise.all([allIds(wp, EXPORT_QUERY), writes(), writes()])
      assert.equal(sorted(ids), sorted(sb.ids('paymentIntents')))
      const stats = sb.stats()
      assert.is(stats.byRoute['POST /v1/products'], 80)
      assert.is(stats.rateLimited, 0)
    } finally {
      await sb.close()
    }
  },
)

s('writes and listings share the learned rate: writes after a throttled listing start slow', async () => {
  const { time, sb, wp } = await startLimited({ count: COUNT / 2, seed: 34, rateLimit: { requestsPerSecond: RPS } })
  try {
    await allIds(wp, EXPORT_QUERY)
    assert.ok(sb.stats().rateLimited > 0, 'the listing was throttled')
    sb.resetStats()
    // 60 writes at once, a burst the learned rate spreads out: a client that has not learned it
    // meets the bucket of 25 with 60 requests, and 35 or more of them are 429s.
    const t0 = time.clock()
    await Promise.all(Array.from({ length: 60 }, (_, i) => wp.products.create({ name: `box ${i}` })))
    const stats = sb.stats()
    assert.is(stats.byRoute['POST /v1/products'], 60 + stats.rateLimited)
    assert.ok(stats.rateLimited <= 3, `${stats.rateLimited} 429s`)
    assert.ok(time.clock() - t0 >= 1000, 'the writes were paced')
  } finally {
    await sb.close()
  }
})

s.run()
