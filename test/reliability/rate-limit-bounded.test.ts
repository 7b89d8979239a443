/**
 * A provider that answers 429 to everything still ends every call, with a typed error and a
 * bounded number of requests: throttling costs neither `retries` nor the budget, so what ends a
 * throttled call is its deadline (120 s by default) or a `Retry-After` beyond `maxRetryAfterMs`.
 * The sandbox's bucket holds one token that is never refilled in the run (1 request per 10,000 s):
 * the first request is served, every later one is a 429. Virtual time (rate-limit-run.ts).
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { rejectsWith } from '../helpers/either.ts'
import { startLimited } from './rate-limit-run.ts'

const NEVER = { requestsPerSecond: 0.0001, burst: 1 }
/** The default deadline of one call. */
const DEADLINE_MS = 120_000

const s = suite('reliability/rate-limit: a provider that throttles everything')

const start = (retryAfter: boolean) => startLimited({ count: 5000, seed: 35, rateLimit: { ...NEVER, retryAfter } })

s(
  'without Retry-After: a listing ends at the call deadline as rate_limited, in a bounded number of requests',
  async () => {
    const { time, sb, wp } = await start(false)
    try {
      const t0 = time.clock()
      const e = await rejectsWith(wp.paymentIntents.list().toArray({ max: 100_000 }), 'rate_limited')
      assert.match(e.message, /retry deadline of 120000 ms reached/)
      assert.ok(time.clock() - t0 <= 2 * DEADLINE_MS, `${time.clock() - t0} ms virtual`)
      // Page 1 served, then one call of 429s: pauses doubling from 125-250 ms up to 4-8 s (the
      // 8 s ceiling), so at least ~14 attempts fit in 120 s and at most 6 + 120 / 4 = 36.
      const { requests, rateLimited } = sb.stats()
      assert.is(requests, rateLimited + 1)
      assert.ok(rateLimited >= 10 && rateLimited <= 36, `${rateLimited} 429s`)
    } finally {
      await sb.close()
    }
  },
)

s('without Retry-After: the 8-window export ends as rate_limited; 8 windows cost at most 8 calls of 429s', async () => {
  const { sb, wp } = await start(false)
  try {
    const e = await rejectsWith(
      wp.paymentIntents.list({ partitions: 8, order: 'any' }).toArray({ max: 100_000 }),
      'rate_limited',
    )
    assert.match(e.message, /retry deadline/)
    const { rateLimited } = sb.stats()
    assert.ok(rateLimited <= 8 * 36, `${rateLimited} 429s`)
  } finally {
    await sb.close()
  }
})

s('with a Retry-After beyond maxRetryAfterMs: the call fails at its first 429', async () => {
  const { sb, wp } = await start(true)
  try {
    const e = await rejectsWith(wp.paymentIntents.list().toArray({ max: 100_000 }), 'rate_limited')
    assert.match(e.message, /Retry-After of 10000000 ms exceeds maxRetryAfterMs/)
    assert.is(e.retryAfterMs, 10_000_000)
    assert.equal(sb.stats().requests, 2)
  } finally {
    await sb.close()
  }
})

s('a write meets the same end: rate_limited at its deadline, never outcome_unknown (a 429 did nothing)', async () => {
  const { sb, wp } = await start(false)
  try {
    await wp.paymentIntents.list({ pageSize: 1 }).toArray({ max: 1 }) // spends the one token
    const e = await rejectsWith(wp.products.create({ name: 'box' }), 'rate_limited')
    assert.match(e.message, /retry deadline/)
    assert.is(sb.stats().byRoute['POST /v1/products'], sb.stats().rateLimited)
  } finally {
    await sb.close()
  }
})

s.run()
