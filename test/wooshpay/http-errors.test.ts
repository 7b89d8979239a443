import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { isPaymuxError, type FaultKind, type PaymuxError } from '@paymux/core/adapter'
import { wooshpay } from '@paymux/wooshpay'
import { startSandbox, type WooshpaySandbox } from '@paymux/wooshpay/sandbox'
import { rejectsWith } from '../helpers/either.ts'
import { NO_SLEEP, client, noSleep } from './support.ts'

const s = suite('wooshpay/http-errors')

const withSandbox = async (o: Parameters<typeof startSandbox>[0], f: (sb: WooshpaySandbox) => Promise<void>) => {
  const sb = await startSandbox({ count: 12, seed: 5, ...o })
  try {
    await f(sb)
  } finally {
    await sb.close()
  }
}

/** Everything an error exposes, as text. */
const exposed = (e: PaymuxError): string =>
  [
    e.message,
    JSON.stringify(e),
    String(e.stack),
    String((e.cause as Error | undefined)?.message),
    e.checkpoint ?? '',
  ].join('\n')

const EXPECTED: readonly [status: number, kind: string, code: string, retryable: boolean][] = [
  [400, 'invalid_request', 'parameter_missing', false],
  [402, 'invalid_request', 'card_declined', false],
  [403, 'permission', 'permission_denied', false],
  [404, 'not_found', 'resource_missing', false],
  [409, 'idempotency_conflict', 'idempotency_key_in_use', false],
  [429, 'rate_limited', 'rate_limit', true],
  [500, 'server', 'api_error', true],
  [502, 'server', 'bad_gateway', true],
  [503, 'server', 'service_unavailable', true],
  [504, 'server', 'gateway_timeout', true],
]

s('every error status maps to its kind, in both body shapes, keeping code and request id', async () => {
  for (const shape of ['nested', 'flat'] as const) {
    for (const [status, kind, code, retryable] of EXPECTED) {
      await withSandbox({ forceError: { status, shape } }, async (sb) => {
        const p = wooshpay({ apiKey: sb.apiKey, baseUrl: sb.baseUrl, retry: { ...NO_SLEEP, retries: 0 } })
        const e = await rejectsWith(p.paymentIntents.list().firstPage(), kind as never)
        assert.is(e.status, status)
        assert.is(e.code, code, `${shape} ${status}`)
        assert.is(e.provider, 'wooshpay')
        assert.is(e.retryable, retryable, `${status} retryable`)
        assert.ok(e.requestId?.startsWith('req_'), 'request id kept')
        assert.ok(e.checkpoint, 'a failed listing says where to resume')
        if (status === 429) assert.is(e.retryAfterMs, 1000)
      })
    }
  }
})

s('401: a wrong key is an authentication error naming no key', async () => {
  await withSandbox({}, async (sb) => {
    const bad = `${sb.apiKey.slice(0, -6)}QQQQQQ`
    const p = wooshpay({ apiKey: bad, baseUrl: sb.baseUrl, retry: { retries: 0 } })
    for (const call of [() => p.paymentLinks.list().firstPage(), () => p.paymentIntents.retrieve('pi_1')]) {
      const e = await rejectsWith(call(), 'authentication')
      assert.is(e.status, 401)
      assert.is(e.code, 'api_key_invalid')
      const text = exposed(e)
      assert.not.ok(text.includes(bad))
      assert.not.ok(text.includes(Buffer.from(`${bad}:`).toString('base64')))
    }
  })
})

s('a forced error can target one route only', async () => {
  await withSandbox({ forceError: { status: 503, route: 'GET /v1/payment_intents/:id' } }, async (sb) => {
    const p = wooshpay({ apiKey: sb.apiKey, baseUrl: sb.baseUrl, retry: { ...NO_SLEEP, retries: 1 } })
    const listed = await p.paymentIntents.list().toArray({ max: 100 })
    assert.is(listed.length, 12)
    const e = await rejectsWith(p.paymentIntents.retrieve(listed[0]?.id as string), 'server')
    assert.is(e.attempts, 2, 'retried once, then gave up')
  })
})

const SOCKET_FAULTS: readonly [FaultKind, string][] = [
  ['html', 'server'],
  ['truncate', 'connection'],
  ['reset', 'connection'],
]

s('an HTML page, a truncated body and a reset connection are still typed errors', async () => {
  for (const [fault, kind] of SOCKET_FAULTS) {
    await withSandbox({ faults: { rate: 1, kinds: [fault] } }, async (sb) => {
      const p = wooshpay({ apiKey: sb.apiKey, baseUrl: sb.baseUrl, retry: { ...NO_SLEEP, retries: 0 } })
      const e = await rejectsWith(p.paymentLinks.list().firstPage(), kind as never)
      assert.ok(e.retryable, `${fault} is retryable`)
      if (fault === 'html') assert.match(e.message, 'HTML')
    })
  }
})

s('with retries, a listing through 30% faults of every kind is still exact', async () => {
  await withSandbox({ count: 120, faults: { rate: 0.3 } }, async (sb) => {
    const p = client(sb, { ...noSleep(), retries: 8, budget: 1000 })
    for (const r of ['paymentLinks', 'checkoutSessions', 'paymentIntents'] as const) {
      const got = await p[r].list({ pageSize: 10 }).toArray({ max: 1000 })
      assert.equal(
        got.map((o) => o.id),
        [...sb.ids(r)],
        r,
      )
    }
    const st = sb.stats()
    assert.ok(st.faults > 5, `${st.faults} faults served`)
    assert.ok((st.faultsByKind['429'] ?? 0) > 0, 'some 429s, waited out on the virtual clock')
    assert.ok(Object.keys(st.faultsByKind).length >= 5, JSON.stringify(st.faultsByKind))
  })
})

s('a listing that fails mid-way resumes from the error checkpoint without loss', async () => {
  await withSandbox({ count: 30 }, async (sb) => {
    const p = client(sb)
    const seen: string[] = []
    let checkpoint: string | null = null
    try {
      let pages = 0
      for await (const page of p.paymentIntents.list({ pageSize: 4 }).pages()) {
        seen.push(...page.items.map((o) => o.id))
        if (++pages === 3) await sb.close() // the server goes away
      }
    } catch (e) {
      assert.ok(isPaymuxError(e))
      assert.is(e.kind, 'connection')
      checkpoint = e.checkpoint
    }
    assert.ok(checkpoint)
    const again = await startSandbox({ count: 30, seed: 5 })
    try {
      const q = wooshpay({ apiKey: again.apiKey, baseUrl: again.baseUrl, retry: NO_SLEEP })
      const rest = await q.paymentIntents.list({ pageSize: 4, resumeFrom: checkpoint }).toArray({ max: 100 })
      assert.equal([...seen, ...rest.map((o) => o.id)], [...again.ids('paymentIntents')])
    } finally {
      await again.close()
    }
  })
})

s('credentials never appear in any error, whatever the failure', async () => {
  await withSandbox({ faults: { rate: 1, kinds: ['500'] } }, async (sb) => {
    const p = wooshpay({ apiKey: sb.apiKey, baseUrl: sb.baseUrl, retry: { ...NO_SLEEP, retries: 2 } })
    const basic = Buffer.from(`${sb.apiKey}:`).toString('base64')
    const errors = [
      await rejectsWith(p.paymentLinks.list().firstPage(), 'server'),
      await rejectsWith(p.checkoutSessions.retrieve('cs_1'), 'server'),
    ]
    const dead = wooshpay({ apiKey: sb.apiKey, baseUrl: 'http://127.0.0.1:1', retry: { ...NO_SLEEP, retries: 0 } })
    errors.push(await rejectsWith(dead.paymentIntents.list().firstPage(), 'connection'))
    for (const e of errors) {
      const text = exposed(e)
      assert.not.ok(text.includes(sb.apiKey), e.kind)
      assert.not.ok(text.includes(basic), e.kind)
      assert.not.ok(text.includes(sb.apiKey.slice(8)), `${e.kind}: secret part`)
    }
  })
})

s.run()
