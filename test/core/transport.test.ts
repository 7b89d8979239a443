import * as t from 'io-ts'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  createTransport,
  decodeWith,
  parseRetryAfter,
  backoffDelay,
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
    retry: { clock: time.clock, sleep: time.sleep, random: () => 0.5, ...extra.retry },
    ...extra,
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

s('a truncated body is retried like a 503', async ({ server }) => {
  server.script([{ truncate: '{"id":"tr' }, json(200, { id: 'c' })])
  const r = await transport(server).request({ path: '/x' }, decodeThing)()
  assert.equal(assertRight(r), { id: 'c' })
  assert.is(server.requests.length, 2)
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

s('the retry budget stops a retry storm across calls', async ({ server }) => {
  server.script([json(503, {})])
  const tr = transport(server, { retry: { retries: 5, budget: 3 } })
  const first = assertLeft(await tr.request({ path: '/x' }, decodeThing)(), 'server')
  assert.is(first.attempts, 4) // 3 retries spent the budget
  const second = assertLeft(await tr.request({ path: '/x' }, decodeThing)(), 'server')
  assert.is(second.attempts, 1)
  assert.match(second.message, /budget/)
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

s('an abort during backoff settles promptly as aborted', async ({ server }) => {
  server.script([json(503, {})])
  const controller = new AbortController()
  const tr = createTransport({
    provider: 'testpay',
    baseUrl: server.url,
    headers: {},
    readError: () => null,
    retry: { baseDelayMs: 10_000, random: () => 0.99 },
  })
  const started = Date.now()
  setTimeout(() => controller.abort(), 30)
  assertLeft(await tr.request({ path: '/x', signal: controller.signal }, decodeThing)(), 'aborted')
  assert.ok(Date.now() - started < 2000)
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
  // The first call slept its Retry-After, and the second waited out the same pause before sending.
  assert.equal(time.sleeps, [5000, 5000])
  assert.is(tr.stats().waitedMs, 10_000)
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
  assert.ok(sleeps <= 3, `slept ${sleeps} times`)
})

limiter.run()
