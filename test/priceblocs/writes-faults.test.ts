/**
 * PriceBlocs writes when answers are lost, through a misbehaving hop in front of the sandbox
 * (write-proxy.ts: every request reaches the sandbox for real). No idempotency keys, so:
 * a create is sent once and an ambiguous failure is outcome_unknown (settle finds the link);
 * updates and deletes are retried, and a retried delete answered 404 is a success.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { isPaymuxError, type PaymuxError } from '@paymux/core/adapter'
import { priceblocs } from '@paymux/priceblocs'
import { startSandbox, type PriceblocsSandbox } from '@paymux/priceblocs/sandbox'
import { rejectsWith } from '../helpers/either.ts'
import { json, startScriptServer } from '../helpers/http-server.ts'
import { client, noWait } from './support.ts'
import { startWriteProxy, type Misstep } from './write-proxy.ts'

const s = suite<{ sb: PriceblocsSandbox }>('priceblocs/writes-faults')
s.before(async (ctx) => {
  ctx.sb = await startSandbox({ count: 10, seed: 9 })
})
s.after(async ({ sb }) => sb.close())

/** A client through a proxy that answers the n-th request of a method as `plan` says. */
const through = async (sb: PriceblocsSandbox, plan: (method: string, n: number) => Misstep) => {
  const proxy = await startWriteProxy(sb.baseUrl, plan)
  const p = priceblocs({ apiKey: sb.apiKey, baseUrl: proxy.url, retry: noWait, timeoutMs: 300 })
  return { proxy, p }
}

const caught = async (p: Promise<unknown>): Promise<PaymuxError> => {
  try {
    await p
  } catch (e) {
    if (isPaymuxError(e)) return e
    throw e
  }
  throw new Error('expected a rejection')
}

s('a POST that times out once: exactly one POST, outcome_unknown, and settle finds the link', async ({ sb }) => {
  const { proxy, p } = await through(sb, (m, n) => (m === 'POST' && n === 1 ? 'hang' : 'pass'))
  try {
    const before = sb.count('paymentLinks')
    const e = await caught(
      p.paymentLinks.create({ lineItems: [{ price: 'price_t', quantity: 1 }], successUrl: 'https://a.example/ok' }),
    )
    assert.is(e.kind, 'outcome_unknown', e.message)
    assert.is(e.retryable, false)
    assert.match(e.message, /paymentLinks\.settle/)
    assert.equal(
      proxy.seen.filter((r) => r.startsWith('POST')),
      ['POST /v1/payment-links'],
    )
    assert.is(sb.count('paymentLinks'), before + 1) // the sandbox did carry it out
    const settled = await p.paymentLinks.settle(e)
    assert.is(settled.outcome, 'created')
    assert.is(settled.outcome === 'created' ? settled.link.id : null, sb.ids('paymentLinks')[0])
    assert.equal(proxy.seen.filter((r) => r.startsWith('POST')).length, 1) // settle only reads
  } finally {
    await proxy.close()
  }
})

s('a POST answered 503 without reaching PriceBlocs: outcome_unknown that settles as not created', async ({ sb }) => {
  const { proxy, p } = await through(sb, (m) => (m === 'POST' ? '503' : 'pass'))
  try {
    const before = sb.count('paymentLinks')
    const e = await caught(p.paymentLinks.create({ lineItems: [{ price: 'price_n', quantity: 1 }], title: 'Never' }))
    assert.is(e.kind, 'outcome_unknown')
    // No reference on such a link: the message offers none (a search by it would prove nothing).
    assert.not.match(e.message, /pmx_/)
    assert.is(proxy.seen.filter((r) => r.startsWith('POST')).length, 1)
    assert.is(sb.count('paymentLinks'), before)
    // No successUrl: settled by the link's fields among links created since the call.
    assert.equal(await p.paymentLinks.settle(e), { outcome: 'not_created' })
  } finally {
    await proxy.close()
  }
})

s('settle by reference and since, as from a log line', async ({ sb }) => {
  const { proxy, p } = await through(sb, (m, n) => (m === 'POST' && n === 1 ? 'drop' : 'pass'))
  try {
    const e = await caught(
      p.paymentLinks.create({ lineItems: [{ price: 'price_r', quantity: 1 }], successUrl: 'https://a.example/r' }),
    )
    assert.is(e.kind, 'outcome_unknown')
    const ref = /settle\("(pmx_[0-9a-f]{32})", \{ since: new Date\("([^"]+)"\)/.exec(e.message)
    assert.ok(ref, e.message)
    const fresh = client(sb)
    const settled = await fresh.paymentLinks.settle(ref[1] as string, { since: new Date(ref[2] as string) })
    assert.is(settled.outcome, 'created')
    assert.equal(
      await fresh.paymentLinks.settle('pmx_00000000000000000000000000000000', { since: new Date(ref[2] as string) }),
      { outcome: 'not_created' },
    )
    await rejectsWith(fresh.paymentLinks.settle(ref[1] as string), 'invalid_request')
    // An error of another client carries no ticket here.
    await rejectsWith(fresh.paymentLinks.settle(e), 'invalid_request')
  } finally {
    await proxy.close()
  }
})

for (const misstep of ['drop', 'hang', '503'] as const) {
  s(`a PUT that fails once (${misstep}): two PUTs and success`, async ({ sb }) => {
    const { proxy, p } = await through(sb, (m, n) => (m === 'PUT' && n === 1 ? misstep : 'pass'))
    try {
      const [id] = sb.ids('paymentLinks')
      const link = await p.paymentLinks.update(id as string, { title: `Retried ${misstep}` })
      assert.is(link.title, `Retried ${misstep}`)
      assert.equal(proxy.seen.filter((r) => r.startsWith('PUT')).length, 2)
    } finally {
      await proxy.close()
    }
  })
}

s('a DELETE whose answer is lost, retried and answered 404: success', async ({ sb }) => {
  const { proxy, p } = await through(sb, (m, n) => (m === 'DELETE' && n === 1 ? 'drop' : 'pass'))
  try {
    const link = await p.paymentLinks.create({ lineItems: [{ price: 'price_x', quantity: 1 }] })
    await p.paymentLinks.delete(link.id)
    assert.equal(proxy.seen.filter((r) => r.startsWith('DELETE')).length, 2)
    await rejectsWith(p.paymentLinks.retrieve(link.id), 'not_found')
  } finally {
    await proxy.close()
  }
})

s(
  'a first-attempt DELETE 404 is not_found; after a 5xx attempt (which may have deleted it) a 404 is done',
  async ({ sb }) => {
    const { proxy, p } = await through(sb, (m, n) => (m === 'DELETE' && n === 1 ? '503' : 'pass'))
    try {
      // A 5xx may come after PriceBlocs carried the delete out, so the call cannot tell a retry's
      // 404 from its own success: it counts as done (packages/priceblocs/README.md#writes).
      await rejectsWith(client(sb).paymentLinks.delete('00000000-0000-4000-8000-000000000000'), 'not_found')
      await p.paymentLinks.delete('00000000-0000-4000-8000-000000000001')
      assert.is(proxy.seen.filter((r) => r.startsWith('DELETE')).length, 2)
    } finally {
      await proxy.close()
    }
  },
)

s('a DELETE whose connection is refused is retried and ends as connection, never as success', async () => {
  const p = priceblocs({ apiKey: 'PB_sk_test_x', baseUrl: 'http://127.0.0.1:9', retry: { ...noWait, retries: 1 } })
  const e = await caught(p.paymentLinks.delete('00000000-0000-4000-8000-000000000000'))
  assert.is(e.kind, 'connection')
  assert.is(e.attempts, 2) // retried: a delete is repeatable
})

s(
  'a create answered with another link (no reference of this call) is integrity_mismatch, not success',
  async ({ sb }) => {
    const [id] = sb.ids('paymentLinks')
    const other = (await client(sb).paymentLinks.retrieve(id as string)).raw
    const server = await startScriptServer()
    try {
      server.script([json(200, other)])
      const p = priceblocs({ apiKey: sb.apiKey, baseUrl: server.url, retry: noWait })
      const items = (other as { line_items?: unknown[] }).line_items ?? []
      const e = await rejectsWith(
        p.paymentLinks.create({
          lineItems: items.map(() => ({ price: 'price_z', quantity: 1 })),
          successUrl: 'https://a.example/ok',
        }),
        'integrity_mismatch',
      )
      assert.match(e.message, /successUrl reference/)
      assert.is(server.requests.length, 1)
    } finally {
      await server.close()
    }
  },
)

s.run()
