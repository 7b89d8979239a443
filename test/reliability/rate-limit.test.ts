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
import { wooshpay } from '@paymux/wooshpay'
import { startSandbox } from '@paymux/wooshpay/sandbox'
import { allIds, throttledShare, virtualTime } from './rate-limit-run.ts'

const COUNT = 20_000
const RPS = 25
const EXPORT_QUERY = { partitions: 8, order: 'any' } as const
const LEARNING = 100

const sorted = (ids: readonly string[]): string[] => [...ids].sort()

const s = suite('reliability/rate-limit: the export rides a 25 requests/s limit')

for (const retryAfter of [true, false]) {
  s(`partitioned export of ${COUNT}, ${retryAfter ? 'with' : 'without'} Retry-After: exact set, few 429s`, async () => {
    const r = virtualTime()
    const sb = await startSandbox({
      count: COUNT,
      seed: 31,
      rateLimit: { requestsPerSecond: RPS, retryAfter, clock: r.clock },
    })
    try {
      const wp = wooshpay({ apiKey: sb.apiKey, baseUrl: sb.baseUrl, retry: r.retry, hooks: r.hooks })
      const t0 = r.clock()
      const ids = await allIds(wp, EXPORT_QUERY)
      const seconds = (r.clock() - t0) / 1000
      assert.equal(sorted(ids), sorted(sb.ids('paymentIntents')))
      const stats = sb.stats()
      const served = stats.requests - stats.rateLimited
      const share = throttledShare(r.statuses, LEARNING)
      const note = `${stats.requests} requests, ${stats.rateLimited} 429s (${(throttledShare(r.statuses) * 100).toFixed(1)}%, ${(share * 100).toFixed(1)}% after ${LEARNING}), ${served} served in ${seconds.toFixed(1)} s virtual (${(served / seconds).toFixed(1)}/s)`
      console.log(note)
      // The sandbox counts what the client saw.
      assert.is(stats.rateLimited, r.statuses.filter((x) => x === 429).length, note)
      assert.ok(stats.rateLimited > 0, `the limit was met: ${note}`)
      assert.ok(share < 0.05, note)
      assert.ok(served / seconds >= 0.8 * RPS, note)
    } finally {
      await sb.close()
    }
  })
}

s(`maxRequestsPerSecond at the limit: the same export meets not one 429`, async () => {
  const r = virtualTime()
  const sb = await startSandbox({ count: COUNT, seed: 32, rateLimit: { requestsPerSecond: RPS, clock: r.clock } })
  try {
    const wp = wooshpay({
      apiKey: sb.apiKey,
      baseUrl: sb.baseUrl,
      retry: r.retry,
      hooks: r.hooks,
      maxRequestsPerSecond: RPS,
    })
    const t0 = r.clock()
    const ids = await allIds(wp, EXPORT_QUERY)
    assert.equal(sorted(ids), sorted(sb.ids('paymentIntents')))
    const stats = sb.stats()
    assert.is(stats.rateLimited, 0)
    // Paced, not stalled: one second of requests up front (a full bucket), then the limit.
    const seconds = (r.clock() - t0) / 1000
    assert.ok(stats.requests / seconds >= 0.9 * RPS, `${stats.requests} requests in ${seconds} s virtual`)
  } finally {
    await sb.close()
  }
})

s(
  'writes and listings share one rate: a listing and writes at once under maxRequestsPerSecond meet no 429',
  async () => {
    // Each kind alone stays under the limit; only one budget for both keeps the sum under it.
    const r = virtualTime()
    const sb = await startSandbox({
      count: 5000,
      seed: 33,
      rateLimit: { requestsPerSecond: 10, burst: 10, clock: r.clock },
    })
    try {
      const wp = wooshpay({
        apiKey: sb.apiKey,
        baseUrl: sb.baseUrl,
        retry: r.retry,
        hooks: r.hooks,
        maxRequestsPerSecond: 10,
      })
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
  const r = virtualTime()
  const sb = await startSandbox({ count: COUNT, seed: 34, rateLimit: { requestsPerSecond: RPS, clock: r.clock } })
  try {
    const wp = wooshpay({ apiKey: sb.apiKey, baseUrl: sb.baseUrl, retry: r.retry, hooks: r.hooks })
    await allIds(wp, EXPORT_QUERY)
    assert.ok(sb.stats().rateLimited > 0, 'the listing was throttled')
    sb.resetStats()
    // 60 writes at once, a burst the learned rate spreads out: without it, 60 requests would
    // meet a bucket of 25 and 35 of them would be 429s.
    const t0 = r.clock()
    await Promise.all(Array.from({ length: 60 }, (_, i) => wp.products.create({ name: `box ${i}` })))
    const stats = sb.stats()
    assert.is(stats.byRoute['POST /v1/products'], 60 + stats.rateLimited)
    assert.ok(stats.rateLimited <= 3, `${stats.rateLimited} 429s`)
    assert.ok(r.clock() - t0 >= 1000, 'the writes were paced')
  } finally {
    await sb.close()
  }
})

s.run()
