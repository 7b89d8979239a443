import * as t from 'io-ts'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  createTransport,
  decodeWith,
  parseRetryAfter,
  backoffDelay,
  registerSecret,
  resolveRetryPolicy,
  type TransportConfig,
} from '@paymux/core/adapter'
import { assertLeft, assertRight } from '../helpers/either.ts'
import { json, startScriptServer, type ScriptServer } from '../helpers/http-server.ts'

const Thing = t.type({ id: t.string })
const decodeThing = decodeWith(Thing, 'thing', 'testpay')

/** A fake clock whose sleep advances time instantly and records every wait. */
const fakeTime = () => {
  let now = 1_700_000_000_000
  const sleeps: number[] = []
  return {
    sleeps,
    clock: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms)
      now += ms
    },
  }
}

const s = suite<{ server: ScriptServer }>('core/transport')
s.before(async (ctx) => {
  ctx.server = await startScriptServer()
})
s.after(async (ctx) => ctx.server.close())

const transport = (server: ScriptServer, extra: Partial<TransportConfig> = {}, time = fakeTime()) =>
  createTransport({
    provider: 'testpay',
    baseUrl: server.url,
    headers: { authorization: 'Bearer sk_test_secretsecret123' },
    readError: (status, body) => {
      const b = body as { error?: { code?: string; message?: string } }
      return status >= 400 && b?.error ? { code: b.error.code ?? null, message: b.error.message ?? '' } : null
    },
    ...extra,
    retry: { clock: time.clock, sleep: time.sleep, random: () => 0.5, ...extra.retry },
  })

s('decodes a successful JSON body', async ({ server }) => {
  server.script([json(200, { id: 'a' }, { 'request-id': 'req_1' })])
  const r = await transport(server).request({ path: '/v1/things', query: { limit: 3, skip: undefined } }, decodeThing)()
  assert.equal(assertRight(r), { id: 'a' })
  assert.is(server.requests[0]?.url, '/v1/things?limit=3')
})

s('retries 503 then succeeds, backing off with jitter', async ({ server }) => {
  const time = fakeTime()
  server.script([json(503, {}), json(503, {}), json(200, { id: 'b' })])
  const r = await transport(server, {}, time).request({ path: '/x' }, decodeThing)()
  assert.equal(assertRight(r), { id: 'b' })
  assert.is(server.requests.length, 3)
  assert.equal(time.sleeps, [125, 250]) // random 0.5 of 250 and 500
})

s('a body cut off mid-way is retried, whether the connection drops or the body ends early', async ({ server }) => {
  server.script([{ truncate: '{"id":"tr' }, json(200, { id: 'c' })])
  const r = await transport(server).request({ path: '/x' }, decodeThing)()
  assert.equal(assertRight(r), { id: 'c' })
  assert.is(server.requests.length, 2)
  // A complete response whose body stops in the middle of the JSON: the 2xx-not-JSON branch.
  server.script([{ status: 200, body: '{"id":"tr', headers: { 'content-type': 'application/json' } }])
  const e = assertLeft(
    await transport(server, { retry: { retries: 1 } }).request({ path: '/x' }, decodeThing)(),
    'server',
  )
  assert.match(e.message, /answered 200 with a body that is not JSON \(9 bytes\)/)
  assert.ok(e.retryable)
  assert.is(e.attempts, 2)
})

s('a reset connection is retried, then reported as connection with every attempt', async ({ server }) => {
  server.script([{ reset: true }])
  const r = await transport(server, { retry: { retries: 2 } }).request({ path: '/x' }, decodeThing)()
  const e = assertLeft(r, 'connection')
  assert.is(e.attempts, 3)
  assert.is(e.history.length, 3)
  assert.is(server.requests.length, 3)
})

s('an HTML error page is a typed server error, retried', async ({ server }) => {
  server.script([
    { status: 502, body: '<html><body>Bad gateway</body></html>', headers: { 'content-type': 'text/html' } },
  ])
  const e = assertLeft(
    await transport(server, { retry: { retries: 1 } }).request({ path: '/x' }, decodeThing)(),
    'server',
  )
  assert.match(e.message, /HTML/)
  assert.is(server.requests.length, 2)
})

s('a well-formed body that fails the codec is a decode error, not retried', async ({ server }) => {
  server.script([json(200, { id: 42 }, { 'request-id': 'req_9' })])
  const e = assertLeft(await transport(server).request({ path: '/x' }, decodeThing)(), 'decode')
  assert.is(server.requests.length, 1)
  assert.is(e.requestId, 'req_9')
  assert.match(e.message, /id: expected string, got 42/)
})

s('provider error bodies keep code and request id; 4xx is not retried', async ({ server }) => {
  server.script([
    json(404, { error: { code: 'resource_missing', message: 'No such thing' } }, { 'request-id': 'req_404' }),
  ])
  const e = assertLeft(await transport(server).request({ path: '/x' }, decodeThing)(), 'not_found')
  assert.is(e.code, 'resource_missing')
  assert.is(e.requestId, 'req_404')
  assert.is(e.status, 404)
  assert.is(server.requests.length, 1)
})

s('Retry-After: 2 waits 2000 ms and pauses the whole client', async ({ server }) => {
  const time = fakeTime()
  server.script([json(429, {}, { 'retry-after': '2' }), json(200, { id: 'd' })])
  const tr = transport(server, {}, time)
  assertRight(await tr.request({ path: '/x' }, decodeThing)())
  assert.equal(time.sleeps, [2000])
})

s('Retry-After as an HTTP date 3 s ahead waits about 3000 ms', () => {
  const now = Date.parse('2026-01-01T00:00:00Z')
  const wait = parseRetryAfter(new Date(now + 3000).toUTCString(), now)
  assert.ok(wait !== null && wait >= 2000 && wait <= 3000, String(wait))
  assert.is(parseRetryAfter('soon', now), null)
})

s('a Retry-After beyond the cap fails at once as rate_limited', async ({ server }) => {
  server.script([json(429, {}, { 'retry-after': '3600' })])
  const e = assertLeft(await transport(server).request({ path: '/x' }, decodeThing)(), 'rate_limited')
  assert.is(e.retryAfterMs, 3_600_000)
  assert.is(server.requests.length, 1)
})

s('jitter stays within [0, min(cap, base * 2^n))', () => {
  for (const r of [0, 0.25, 0.999999]) {
    const p = resolveRetryPolicy({ random: () => r, baseDelayMs: 100, maxDelayMs: 1000 })
    for (let n = 1; n <= 8; n++) {
      const d = backoffDelay(n, p)
      assert.ok(d >= 0 && d < Math.min(1000, 100 * 2 ** (n - 1)) + 1, `${n}: ${d}`)
    }
  }
})

s('the deadline stops retries', async ({ server }) => {
  const time = fakeTime()
  server.script([json(503, {})])
  const tr = transport(server, { retry: { retries: 10, deadlineMs: 1000, baseDelayMs: 400, random: () => 0.99 } }, time)
  const e = assertLeft(await tr.request({ path: '/x' }, decodeThing)(), 'server')
  assert.match(e.message, /deadline/)
  assert.ok(time.sleeps.reduce((a, b) => a + b, 0) <= 1000)
})

s(
  'a provider down for every attempt: retries are free until most attempts failed, then the budget ends them',
  async ({ server }) => {
    server.script([json(503, {})])
    const tr = transport(server, { retry: { retries: 20, budget: 3 } })
    const first = assertLeft(await tr.request({ path: '/x' }, decodeThing)(), 'server')
    // 10 failed attempts make "down" (more than half of at least 10), then 3 retries from the budget.
    assert.is(first.attempts, 13)
    assert.match(
      first.message,
      /the provider looks down: 13 of the client's last 13 attempts failed, and the retry budget of 3 is spent/,
    )
    const second = assertLeft(await tr.request({ path: '/x' }, decodeThing)(), 'server')
    assert.is(second.attempts, 1, 'no retry while the provider is down and the budget spent')
    assert.is(server.requests.length, 14)
  },
)

s('an answer brings the failures back under half and refills the budget', async ({ server }) => {
  const tr = transport(server, { retry: { retries: 20, budget: 0 } })
  server.script([json(503, {})])
  assert.is(assertLeft(await tr.request({ path: '/x' }, decodeThing)(), 'server').attempts, 10)
  // 20 good answers push the 10 failures out of the window of the last 20 attempts.
  server.script([json(200, { id: 'ok' })])
  for (let i = 0; i < 20; i++) assertRight(await tr.request({ path: '/x' }, decodeThing)())
  server.script([json(503, {}), json(200, { id: 'again' })])
  assert.equal(assertRight(await tr.request({ path: '/x' }, decodeThing)()), { id: 'again' })
})

s('429s spend neither retries nor budget: the call waits them out', async ({ server }) => {
  const time = fakeTime()
  const throttled = json(429, {}, { 'retry-after': '1' })
  server.script([throttled, throttled, throttled, throttled, throttled, json(200, { id: 'slow' })])
  const tr = transport(server, { retry: { retries: 0, budget: 0 } }, time)
  assert.equal(assertRight(await tr.request({ path: '/x' }, decodeThing)()), { id: 'slow' })
  assert.equal(time.sleeps, [1000, 1000, 1000, 1000, 1000])
  assert.is(tr.stats().retries, 5)
})

s('a 429 without Retry-After backs off, longer with each 429 in a row', async ({ server }) => {
  const time = fakeTime()
  server.script([json(429, {}), json(429, {}), json(429, {}), json(200, { id: 'e' })])
  const pauses: number[] = []
  const hooks = { onRetry: (v: { delayMs: number }) => void pauses.push(v.delayMs) }
  assertRight(await transport(server, { hooks }, time).request({ path: '/x' }, decodeThing)())
  // Half of the ceiling fixed, half jittered (random 0.5): 250 -> 187, 500 -> 375, 1000 -> 750.
  assert.equal(pauses, [187, 375, 750])
  // Each pause is followed by the wait for a slot of the send rate the 429s taught the client:
  // one request sent in the last second, cut to its floor of 1 request/s (send-rate.ts).
  assert.equal(time.sleeps, [187, 813, 375, 625, 750, 250])
})

s('a provider that only throttles ends at the call deadline', async ({ server }) => {
  const time = fakeTime()
  server.script([json(429, {}, { 'retry-after': '1' })])
  const tr = transport(server, { retry: { deadlineMs: 5000 } }, time)
  const e = assertLeft(await tr.request({ path: '/x' }, decodeThing)(), 'rate_limited')
  assert.match(e.message, /retry deadline of 5000 ms reached/)
  assert.is(server.requests.length, 6) // at 0, 1, ..., 5 s: a sixth pause would end past the deadline
})

s('a POST is retried only with an Idempotency-Key, the same on every attempt', async ({ server }) => {
  server.script([json(503, {}), json(200, { id: 'p' })])
  assertLeft(await transport(server).request({ method: 'POST', path: '/x', json: {} }, decodeThing)(), 'server')
  assert.is(server.requests.length, 1)
  server.script([json(503, {}), json(200, { id: 'p' })])
  assertRight(
    await transport(server).request({ method: 'POST', path: '/x', json: {}, idempotencyKey: 'idem-1' }, decodeThing)(),
  )
  assert.equal(
    server.requests.map((r) => r.headers['idempotency-key']),
    ['idem-1', 'idem-1'],
  )
})

s('a per-attempt timeout is a retryable timeout', async ({ server }) => {
  server.script([{ ...json(200, { id: 'slow' }), delayMs: 300 } as const, json(200, { id: 'fast' })])
  const r = await transport(server, { timeoutMs: 50 }).request({ path: '/x' }, decodeThing)()
  assert.equal(assertRight(r), { id: 'fast' })
})

s('an abort during backoff settles as aborted, without waiting out the backoff', async ({ server }) => {
  server.script([json(503, {}), json(200, { id: 'too-late' })])
  const controller = new AbortController()
  const tr = createTransport({
    provider: 'testpay',
    baseUrl: server.url,
    headers: {},
    readError: () => null,
    // The real timer sleep: the abort must cut it short. Were it ignored, the second attempt
    // (a 200) would end the call as a success after 2 s, so the test fails instead of hanging.
    retry: { retries: 1, baseDelayMs: 4000, random: () => 0.5 },
    hooks: { onRetry: () => queueMicrotask(() => controller.abort()) },
  })
  assertLeft(await tr.request({ path: '/x', signal: controller.signal }, decodeThing)(), 'aborted')
  assert.is(server.requests.length, 1)
})

s('a response larger than maxResponseBytes is refused', async ({ server }) => {
  server.script([json(200, { id: 'x'.repeat(5000) })])
  const e = assertLeft(
    await transport(server, { maxResponseBytes: 1000 }).request({ path: '/x' }, decodeThing)(),
    'decode',
  )
  assert.match(e.message, /maxResponseBytes/)
})

s('hooks see redacted views; a throwing hook changes nothing', async ({ server }) => {
  server.script([json(503, {}), json(200, { id: 'h' })])
  const seen: string[] = []
  const tr = transport(server, {
    hooks: {
      onRequest: (v) => {
        seen.push(`req ${v.attempt} ${JSON.stringify(v)}`)
        throw new Error('hook bug')
      },
      onRetry: (v) => seen.push(`retry ${v.reason}`),
      onResponse: (v) => seen.push(`res ${v.status}`),
    },
  })
  assert.equal(
    assertRight(await tr.request({ path: '/x', query: { api_key: 'sk_test_leakleakleak' } }, decodeThing)()),
    { id: 'h' },
  )
  assert.is(seen.filter((x) => x.startsWith('req')).length, 2)
  assert.ok(seen.includes('retry server'))
  assert.not.ok(seen.join(' ').includes('leakleakleak'))
  assert.not.ok(seen.join(' ').includes('secretsecret123'))
  assert.equal(tr.stats().requests, 2)
})

s('the request id in the onResponse view is redacted (a server can echo the key into it)', async ({ server }) => {
  registerSecret('sk_test_secretsecret123')
  server.script([json(200, { id: 'r' }, { 'request-id': 'req_sk_test_secretsecret123' })])
  const ids: (string | null)[] = []
  const tr = transport(server, { hooks: { onResponse: (v) => ids.push(v.requestId) } })
  assertRight(await tr.request({ path: '/x' }, decodeThing)())
  assert.equal(ids, ['req_[REDACTED]'])
})

s('a redirect is a typed error and never data, and is not followed', async ({ server }) => {
  const page = { id: 'a-page-from-elsewhere' }
  for (const status of [301, 302, 303, 307, 308]) {
    server.script([json(status, page, { location: `${server.url}/elsewhere` }), json(200, page)])
    const e = assertLeft(await transport(server).request({ path: '/x' }, decodeThing)(), 'invalid_request')
    assert.is(e.status, status)
    assert.is(e.attempts, 1)
    assert.match(e.message, /a redirect to .*\/elsewhere; redirects are not followed/)
    assert.is(server.requests.length, 1, `${status}: not followed`)
  }
})

s('errors never show the Authorization header value', async ({ server }) => {
  server.script([json(401, { error: { message: 'Invalid API Key provided: sk_test_secretsecret123' } })])
  const e = assertLeft(await transport(server).request({ path: '/x' }, decodeThing)(), 'authentication')
  assert.not.ok(JSON.stringify(e).includes('secretsecret123'))
  assert.not.ok(e.message.includes('secretsecret123'))
})

s.run()

const limiter = suite<{ server: ScriptServer }>('core/transport: shared limiter')
limiter.before(async (ctx) => {
  ctx.server = await startScriptServer()
})
limiter.after(async (ctx) => ctx.server.close())

limiter('a 429 pauses the other calls of the same client too', async ({ server }) => {
  const time = fakeTime()
  server.script([json(429, {}, { 'retry-after': '5' }), json(200, { id: 'a' })])
  let other: Promise<unknown> | undefined
  const tr = transport(
    server,
    {
      // Start a second, unrelated call while the first one is backing off from its 429.
      hooks: { onRetry: () => void (other = tr.request({ path: '/y' }, decodeThing)()) },
    },
    time,
  )
  assertRight(await tr.request({ path: '/x' }, decodeThing)())
  assertRight((await other) as never)
  // The first call slept its Retry-After, and the second waited out the same pause before sending,
  // then its slot of the send rate learned from the 429 (the floor, 1 request/s).
  assert.equal(time.sleeps, [5000, 5000, 1000])
  assert.is(tr.stats().waitedMs, 11_000)
  assert.is(tr.stats().retries, 1)
})

limiter('an instant injected sleep never spins on a pause (regression)', async ({ server }) => {
  server.script([json(429, {}, { 'retry-after': '1' }), json(200, { id: 'b' })])
  let sleeps = 0
  const tr = transport(server, {
    retry: {
      sleep: async () => {
        sleeps += 1
      },
    },
  })
  assertRight(await tr.request({ path: '/x' }, decodeThing)())
  assertRight(await tr.request({ path: '/x' }, decodeThing)())
  // Retry-After, then per send at most one wait for the pause and one for a send-rate slot.
  assert.ok(sleeps <= 5, `slept ${sleeps} times`)
})

limiter.run()
