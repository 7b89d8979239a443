/**
 * The client's send rate (packages/core/src/http/send-rate.ts) and the sandbox's token bucket
 * (packages/core/src/sandbox-kit/rate-limit.ts), as pure state machines on an injected clock,
 * and the checks of their options (`maxRequestsPerSecond`, the sandboxes' `rateLimit`).
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { priceblocs } from '@paymux/priceblocs'
import { startSandbox as startPriceblocs } from '@paymux/priceblocs/sandbox'
import { wooshpay } from '@paymux/wooshpay'
import { startSandbox as startWooshpay } from '@paymux/wooshpay/sandbox'
import { BETA, CUBIC_C, MIN_RATE, SendRate } from '../../packages/core/src/http/send-rate.ts'
import { createTokenBucket, retryAfterSeconds } from '../../packages/core/src/sandbox-kit/rate-limit.ts'
import { rejectsWith, throwsWith } from '../helpers/either.ts'

const manualClock = () => {
  let now = 1_700_000_000_000
  return { clock: () => now, advance: (ms: number) => void (now += ms) }
}

/** `n` sends at the current time; their tickets. */
const sendAll = (rate: SendRate, at: number, n: number) => Array.from({ length: n }, () => rate.sent(at))

const s = suite('core/send-rate')

s('nothing is paced until the first 429', () => {
  const t = manualClock()
  const rate = new SendRate(null, t.clock)
  for (let i = 0; i < 1000; i++) assert.is(rate.reserve(), 0)
  assert.equal(rate.view(), { requestsPerSecond: null, cuts: 0 })
})

s('maxRequestsPerSecond: concurrent callers get slots 1/rate apart, exactly their turn', () => {
  const t = manualClock()
  const rate = new SendRate(10, t.clock)
  assert.equal(
    Array.from({ length: 4 }, () => rate.reserve()),
    [0, 100, 200, 300],
  )
  t.advance(1000) // the debt of 3 is paid after 300 ms; then the bucket saves up one second at most
  assert.equal(
    Array.from({ length: 8 }, () => rate.reserve()),
    [0, 0, 0, 0, 0, 0, 0, 100],
  )
})

s('8 requests in flight answered 429 are one throttling event: one cut, to BETA of the sending rate', () => {
  const t = manualClock()
  const rate = new SendRate(null, t.clock)
  const tickets = sendAll(rate, t.clock(), 20)
  const fresh = tickets.slice(12).map((ticket) => rate.throttled(ticket))
  assert.equal(fresh, [true, false, false, false, false, false, false, false])
  assert.equal(rate.view(), { requestsPerSecond: 20 * BETA, cuts: 1 })
  // A request sent after the cut and throttled too: the slower rate was still too fast.
  t.advance(100)
  const later = rate.sent(t.clock())
  assert.ok(rate.throttled(later))
  assert.is(rate.view().cuts, 2)
  assert.ok(Math.abs((rate.view().requestsPerSecond ?? 0) - 14 * BETA) < 1e-9, String(rate.view().requestsPerSecond))
})

s('the rate grows back along the cubic: at K seconds it is back where it was cut, then probes past it', () => {
  const t = manualClock()
  const rate = new SendRate(null, t.clock)
  const sendAt = (perSecond: number, ms: number) => {
    for (let elapsed = 0; elapsed < ms; elapsed += 1000 / perSecond) {
      t.advance(1000 / perSecond)
      rate.sent(t.clock())
      rate.answered()
    }
  }
  sendAt(25, 1000)
  assert.ok(rate.throttled(rate.sent(t.clock())))
  const wMax = 26 // the 25 of the last second and the throttled one
  assert.ok(Math.abs((rate.view().requestsPerSecond ?? 0) - wMax * BETA) < 1e-9)
  const k = Math.cbrt((wMax * (1 - BETA)) / CUBIC_C)
  // Keep sending at 30/s (so twice the sending rate never caps the growth).
  sendAt(30, k * 1000 * 0.5)
  const halfway = rate.view().requestsPerSecond ?? 0
  assert.ok(halfway > wMax * BETA && halfway < wMax, `halfway: ${halfway}`)
  sendAt(30, k * 1000 * 0.5)
  const atK = rate.view().requestsPerSecond ?? 0
  assert.ok(Math.abs(atK - wMax) < 0.5, `at K: ${atK}`)
  sendAt(30, 2000)
  assert.ok((rate.view().requestsPerSecond ?? 0) > wMax + 1, 'probes past the old limit')
})

s('growth never goes past twice what the client sends, nor past maxRequestsPerSecond', () => {
  const t = manualClock()
  const rate = new SendRate(null, t.clock)
  assert.ok(rate.throttled(rate.sent(t.clock()))) // sending 1/s: the rate is at its floor
  assert.is(rate.view().requestsPerSecond, MIN_RATE)
  for (let i = 0; i < 60; i++) {
    t.advance(1000)
    rate.sent(t.clock())
    rate.answered()
  }
  assert.is(rate.view().requestsPerSecond, 2, 'a client sending 1/s learns at most 2/s')

  const capped = new SendRate(5, t.clock)
  sendAll(capped, t.clock(), 5)
  assert.ok(capped.throttled(capped.sent(t.clock())))
  for (let i = 0; i < 600; i++) {
    t.advance(100)
    capped.sent(t.clock())
    capped.answered()
  }
  assert.is(capped.view().requestsPerSecond, 5)
})

s('repeated throttling never cuts below the floor', () => {
  const t = manualClock()
  const rate = new SendRate(null, t.clock)
  for (let i = 0; i < 30; i++) {
    t.advance(10)
    assert.ok(rate.throttled(rate.sent(t.clock())))
  }
  assert.is(rate.view().requestsPerSecond, MIN_RATE)
})

s.run()

const b = suite('core/sandbox-kit: rate-limit bucket')

b('a full bucket of `burst`, refilled at requestsPerSecond; a refusal takes no token', () => {
  const t = manualClock()
  const bucket = createTokenBucket({ requestsPerSecond: 2, burst: 3, retryAfter: true, clock: t.clock })
  assert.equal(
    Array.from({ length: 5 }, () => bucket.take().ok),
    [true, true, true, false, false],
  )
  const refused = bucket.take()
  assert.ok(!refused.ok && refused.waitMs === 500)
  t.advance(499)
  assert.not.ok(bucket.take().ok)
  t.advance(1)
  assert.ok(bucket.take().ok)
  t.advance(10_000) // a long idle refills to `burst`, not beyond
  assert.equal(
    Array.from({ length: 4 }, () => bucket.take().ok),
    [true, true, true, false],
  )
})

b('pacing exactly at the rate is never refused (float sums of refills)', () => {
  for (const [perSecond, everyMs] of [
    [25, 40],
    [3, 1000 / 3],
    [0.3, 1000 / 0.3],
  ] as const) {
    const t = manualClock()
    const bucket = createTokenBucket({ requestsPerSecond: perSecond, burst: 1, retryAfter: false, clock: t.clock })
    for (let i = 0; i < 3000; i++) {
      assert.ok(bucket.take().ok, `${perSecond}/s, request ${i}`)
      t.advance(everyMs)
    }
  }
})

b('a clock that goes back refills nothing', () => {
  const t = manualClock()
  const bucket = createTokenBucket({ requestsPerSecond: 1, burst: 1, retryAfter: false, clock: t.clock })
  assert.ok(bucket.take().ok)
  t.advance(-5000)
  assert.not.ok(bucket.take().ok)
  t.advance(5999)
  assert.not.ok(bucket.take().ok)
  t.advance(1)
  assert.ok(bucket.take().ok)
})

b('Retry-After is whole seconds, at least 1', () => {
  assert.is(retryAfterSeconds(1), '1')
  assert.is(retryAfterSeconds(1000), '1')
  assert.is(retryAfterSeconds(1001), '2')
  assert.is(retryAfterSeconds(0), '1')
})

b.run()

const o = suite('core/options: maxRequestsPerSecond and the sandboxes rateLimit')

const ADAPTERS = [
  { name: 'wooshpay', make: (x: object) => wooshpay({ apiKey: 'sk_test_abc', ...x } as never) },
  { name: 'priceblocs', make: (x: object) => priceblocs({ apiKey: 'PB_sk_test_abc', ...x } as never) },
]

for (const a of ADAPTERS) {
  o(`${a.name}: maxRequestsPerSecond must be a number > 0`, () => {
    for (const v of [0, -1, NaN, Infinity, null, '25', {}]) {
      const e = throwsWith(() => a.make({ maxRequestsPerSecond: v }), 'config')
      assert.match(e.message, /maxRequestsPerSecond must be a number > 0/)
    }
    const typo = throwsWith(() => a.make({ maxRequestPerSecond: 5 }), 'config')
    assert.match(typo.message, /did you mean maxRequestsPerSecond\?/)
    a.make({ maxRequestsPerSecond: 0.5 })
    a.make({ maxRequestsPerSecond: 100 })
  })
}

const SANDBOXES = [
  { name: 'wooshpay', start: startWooshpay },
  { name: 'priceblocs', start: startPriceblocs },
]

const BAD_LIMITS: readonly [unknown, RegExp][] = [
  [null, /rateLimit must be an object/],
  [{}, /requestsPerSecond must be a number > 0/],
  [{ requestsPerSecond: 0 }, /requestsPerSecond must be a number > 0/],
  [{ requestsPerSecond: NaN }, /requestsPerSecond must be a number > 0/],
  [{ requestsPerSecond: 25, burst: 0.5 }, /burst must be a number >= 1/],
  [{ requestsPerSecond: 25, burst: null }, /burst must be a number >= 1/],
  [{ requestsPerSecond: 25, retryAfter: 'yes' }, /retryAfter must be a boolean/],
  [{ requestsPerSecond: 25, clock: 5 }, /clock must be a function/],
  [{ requestsPerSecond: 25, rps: 3 }, /unknown option rateLimit\.rps/],
]

for (const sb of SANDBOXES) {
  o(`${sb.name} sandbox: a bad rateLimit is a config error before the server listens`, async () => {
    for (const [rateLimit, message] of BAD_LIMITS) {
      const started = sb.start({ rateLimit: rateLimit as never })
      // A sandbox that starts by mistake is closed, so the failure is reported, not a hung process.
      void started.then(
        (running) => running.close(),
        () => undefined,
      )
      const e = await rejectsWith(started, 'config')
      assert.match(e.message, message, JSON.stringify(rateLimit))
    }
  })
}

o.run()
