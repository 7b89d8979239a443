import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { FaultKind, PaymuxError } from '@paymux/core/adapter'
import { startSandbox, type PriceblocsSandbox } from '@paymux/priceblocs/sandbox'
import { readError } from '@paymux/priceblocs/internal'
import { rejectsWith } from '../helpers/either.ts'
import { fixture } from '../fixtures/priceblocs/factories.ts'
import { client, ids } from './support.ts'

// --- readError, the body reader -------------------------------------------------------------

const r = suite('priceblocs/errors: readError')

r('reads the SDK-shaped error body: statusCode, type as code, error and message', () => {
  assert.equal(readError(404, fixture('error-not-found.json')), {
    status: 404,
    code: 'invalid_request_error',
    message: 'Not Found: No such payment link: 00000000-0000-0000-0000-000000000001',
  })
})

r('reads an error body sent with HTTP 200, taking its statusCode as the status', () => {
  const reading = readError(200, { statusCode: 429, error: 'Too Many Requests', message: 'slow down' })
  assert.equal(reading, { status: 429, code: 'Too Many Requests', message: 'Too Many Requests: slow down' })
})

r('is null for data, including data with a statusCode of 200', () => {
  assert.is(readError(200, { object: 'list', data: [] }), null)
  assert.is(readError(200, [1, 2]), null)
  assert.is(readError(200, null), null)
  assert.is(readError(200, { statusCode: 200, message: 'ok' }), null)
})

r('a failed status without a PriceBlocs body still reads as an error, keeping a message', () => {
  assert.equal(readError(500, { message: 'boom' }), { message: 'boom' })
  assert.equal(readError(502, 'text'), {})
  assert.equal(readError(500, { statusCode: 'x' }), {})
  assert.equal(readError(503, { statusCode: 200 }), { status: 503, code: null })
})

r.run()

// --- over HTTP ----------------------------------------------------------------------------------

const h = suite<{ sb: PriceblocsSandbox; with200: PriceblocsSandbox }>('priceblocs/errors: over HTTP')

h.before(async (ctx) => {
  ctx.sb = await startSandbox({ count: 45, seed: 3 })
  ctx.with200 = await startSandbox({ count: 45, seed: 3, errorsWith200: ['GET /v1/payment-links/:id'] })
})
h.after(async (ctx) => {
  await ctx.sb.close()
  await ctx.with200.close()
})

h('an unknown id is not_found with the provider`s code and status', async ({ sb }) => {
  const e = await rejectsWith(client(sb).paymentLinks.retrieve('nope'), 'not_found')
  assert.is(e.status, 404)
  assert.is(e.provider, 'priceblocs')
  assert.is(e.code, 'invalid_request_error')
  assert.match(e.message, /No such object: nope/)
  assert.is(e.retryable, false)
})

h('an error body with HTTP 200 is still an error: not_found, status from the body', async ({ with200 }) => {
  const p = client(with200)
  const e = await rejectsWith(p.paymentLinks.retrieve('nope'), 'not_found')
  assert.is(e.status, 404)
  // The same sandbox serves other routes normally.
  const [first] = await p.paymentLinks.list().toArray({ max: 1 })
  assert.is(first?.id, with200.ids('paymentLinks')[0])
})

h('a wrong key with HTTP 200 is an authentication error', async () => {
  const sb = await startSandbox({ count: 5, errorsWith200: true })
  try {
    const p = client({ ...sb, apiKey: `${sb.apiKey}x` } as PriceblocsSandbox)
    const e = await rejectsWith(p.checkoutSessions.list().firstPage(), 'authentication')
    assert.is(e.status, 401)
  } finally {
    await sb.close()
  }
})

h('an empty id is refused without a request', async ({ sb }) => {
  const before = sb.stats().requests
  await rejectsWith(client(sb).paymentLinks.retrieve(''), 'invalid_request')
  await rejectsWith(client(sb).checkoutSessions.lineItems('  ').toArray({ max: 5 }), 'invalid_request')
  assert.is(sb.stats().requests, before)
})

const EXPECTED: Readonly<Record<FaultKind, PaymuxError['kind']>> = {
  '429': 'rate_limited',
  '500': 'server',
  '502': 'server',
  '503': 'server',
  reset: 'connection',
  truncate: 'connection',
  html: 'server',
  commit_then_drop: 'connection',
}

h('every fault kind maps to its kind, is retried, and reports every attempt', async () => {
  for (const kind of Object.keys(EXPECTED) as FaultKind[]) {
    for (const errorsWith200 of kind === '429' || kind === '503' ? [false, true] : [false]) {
      const sb = await startSandbox({ count: 5, faults: { rate: 1, kinds: [kind] }, errorsWith200 })
      try {
        // 429s do not spend `retries`: throttling is waited out until the deadline (virtual time).
        let now = 0
        const retry = {
          retries: 2,
          maxRetryAfterMs: 5000,
          deadlineMs: 10_000,
          clock: () => now,
          sleep: async (ms: number) => void (now += ms),
        }
        const p = client(sb, { retry })
        const e = await rejectsWith(p.paymentLinks.list().firstPage(), EXPECTED[kind])
        const attempts = kind === '429' ? 11 : 3 // 429: at 0, 1, ..., 10 s of virtual time, then the deadline
        assert.is(e.attempts, attempts, `${kind}: attempts`)
        assert.is(sb.stats().requests, attempts, `${kind}: requests`)
        assert.is(sb.stats().faultsByKind[kind], attempts)
        assert.ok(e.checkpoint, `${kind}: a failed listing says where to resume`)
        if (kind === '429') {
          assert.is(e.retryAfterMs, 1000)
          assert.match(e.message, /retry deadline of 10000 ms reached/)
        }
      } finally {
        await sb.close()
      }
    }
  }
})

h('a listing survives 30% faults of every kind, each id exactly once and in order', async () => {
  const sb = await startSandbox({ count: 200, seed: 11, faults: { rate: 0.3 } })
  try {
    const p = client(sb, { retry: { retries: 10, sleep: async () => {}, budget: 1000 } })
    const got = ids(await p.paymentLinks.list({ concurrency: 4 }).toArray({ max: 1000 }))
    assert.equal(got, sb.ids('paymentLinks'))
    assert.ok(sb.stats().faults > 0, 'faults were injected')
  } finally {
    await sb.close()
  }
})

h('a failure on page 2 fails the listing with a checkpoint that resumes at page 2', async ({ sb }) => {
  const failPage2: typeof fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input)
    if (/[?&]page=2(&|$)/.test(url)) {
      const body = JSON.stringify({ statusCode: 503, error: 'Service Unavailable', message: 'down' })
      return Promise.resolve(new Response(body, { status: 200, headers: { 'content-type': 'application/json' } }))
    }
    return fetch(input, init)
  }
  const p = client(sb, { fetch: failPage2, retry: { retries: 1, sleep: async () => {} } })
  const seen: string[] = []
  let error: PaymuxError | null = null
  try {
    for await (const link of p.paymentLinks.list()) seen.push(link.id)
  } catch (e) {
    error = e as PaymuxError
  }
  assert.is(error?.kind, 'server')
  assert.is(error?.status, 503)
  assert.is(seen.length, 20, 'page 1 was delivered, nothing after it')
  const rest = await client(sb)
    .paymentLinks.list({ resumeFrom: error?.checkpoint as string })
    .toArray({ max: 100 })
  assert.equal([...seen, ...ids(rest)], sb.ids('paymentLinks'))
})

h.run()
