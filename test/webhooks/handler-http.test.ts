// The handler over a real node:http server on 127.0.0.1 (examples/webhooks-node-http.ts),
// receiving real signed POSTs: a delivery sent twice is handled once; a handler that throws
// answers 500 and releases the claim, so the provider's retry runs it again.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { createWebhookHandler, memoryEventStore, type PaymuxEvent } from '@paymux/core'
import { wooshpay } from '@paymux/wooshpay'
import { startWebhookServer } from '../../examples/webhooks-node-http.ts'

const test = suite('webhooks/handler: once per event over node:http')
const SECRET = 'whsec_handler_test_secret'
const wp = wooshpay({ apiKey: 'sk_test_handler1' })

const body = (id: string, type = 'payment_intent.succeeded'): string =>
  JSON.stringify({
    id,
    object: 'event',
    type,
    created: Math.floor(Date.now() / 1000),
    data: {
      object: {
        id: 'pi_1',
        object: 'payment_intent',
        amount: 1000,
        currency: 'usd',
        status: 'succeeded',
        created: 1665553291,
      },
    },
  })

const post = async (url: string, raw: string, signature: string): Promise<{ status: number; text: string }> => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'Wooshpay-Signature': signature },
    body: raw,
    signal: AbortSignal.timeout(5000),
  })
  return { status: res.status, text: await res.text() }
}

test('a delivery sent twice is handled once', async () => {
  const seen: PaymuxEvent[] = []
  const lines: string[] = []
  const { server, url } = await startWebhookServer({
    secrets: [SECRET],
    onEvent: (e) => seen.push(e),
    log: (l) => lines.push(l),
  })
  try {
    const raw = body('evt_twice')
    const sig = wp.webhooks.sign({ payload: raw, secret: SECRET })
    assert.equal(await post(url, raw, sig), { status: 200, text: 'handled' })
    assert.equal(await post(url, raw, sig), { status: 200, text: 'duplicate' })
    assert.is(seen.length, 1)
    assert.is(seen[0]?.type, 'payment_intent.succeeded')
    // A forged signature and a re-serialised body are refused with 400 and never handled.
    assert.is((await post(url, body('evt_forged'), sig)).status, 400)
    assert.is((await post(url, JSON.stringify(JSON.parse(raw), null, 2), sig)).status, 400)
    assert.is(seen.length, 1)
    assert.equal(lines.slice(0, 2), [
      '200 handled evt_twice payment_intent.succeeded',
      '200 duplicate evt_twice payment_intent.succeeded',
    ])
    assert.ok(lines.every((l) => !l.includes(SECRET)))
  } finally {
    server.close()
  }
})

test('a throwing handler answers 500 and the retry runs it again', async () => {
  let calls = 0
  const handled: string[] = []
  const { server, url } = await startWebhookServer({
    secrets: [SECRET],
    log: () => undefined,
    onEvent: (e) => {
      calls += 1
      if (calls === 1) throw new Error('database down')
      handled.push(e.id)
    },
  })
  try {
    const raw = body('evt_retry')
    const sig = wp.webhooks.sign({ payload: raw, secret: SECRET })
    assert.equal(await post(url, raw, sig), { status: 500, text: 'failed' })
    assert.equal(await post(url, raw, sig), { status: 200, text: 'handled' })
    assert.equal(await post(url, raw, sig), { status: 200, text: 'duplicate' })
    assert.is(calls, 2)
    assert.equal(handled, ['evt_retry'])
  } finally {
    server.close()
  }
})

test('refetch replaces the payload with the current state before the user function', async () => {
  const got: unknown[] = []
  const handle = createWebhookHandler({
    verify: (d) => wp.webhooks.verify({ ...d, secrets: [SECRET] }),
    store: memoryEventStore(),
    refetch: (e) => ({ ...e, data: { refetched: e.objectRef.id } }),
    onEvent: (e) => got.push(e.data),
  })
  const raw = body('evt_refetch')
  const r = await handle({
    rawBody: raw,
    headers: { 'wooshpay-signature': wp.webhooks.sign({ payload: raw, secret: SECRET }) },
  })
  assert.is(r.outcome, 'handled')
  assert.equal(got, [{ refetched: 'pi_1' }])
  // A refetch that fails releases the claim too.
  const failing = createWebhookHandler({
    verify: (d) => wp.webhooks.verify({ ...d, secrets: [SECRET] }),
    store: memoryEventStore(),
    refetch: () => Promise.reject(new Error('provider down')),
    onEvent: () => undefined,
  })
  const headers = { 'wooshpay-signature': wp.webhooks.sign({ payload: raw, secret: SECRET }) }
  assert.is((await failing({ rawBody: raw, headers })).outcome, 'failed')
  assert.is((await failing({ rawBody: raw, headers })).outcome, 'failed')
})

test('an unknown event type is handled as unknown, not as a success', async () => {
  const types: string[] = []
  const handle = createWebhookHandler({
    verify: (d) => wp.webhooks.verify({ ...d, secrets: [SECRET] }),
    store: memoryEventStore(),
    onEvent: (e) => types.push(`${e.type}/${e.rawType}`),
  })
  const raw = body('evt_unknown', 'payment_link.paid')
  await handle({ rawBody: raw, headers: { 'Wooshpay-Signature': wp.webhooks.sign({ payload: raw, secret: SECRET }) } })
  assert.equal(types, ['unknown/payment_link.paid'])
})

test.run()
