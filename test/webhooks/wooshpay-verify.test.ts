import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { EVENT_TYPES, isPaymuxError, type PaymentIntent, type Refund } from '@paymux/core'
import { wooshpay } from '@paymux/wooshpay'
import { priceblocs } from '@paymux/priceblocs'
import { startScriptServer } from '../helpers/http-server.ts'
import { vector } from './vectors.ts'

const test = suite('webhooks/wooshpay: verify, normalize, sign')
const wp = wooshpay({ apiKey: 'sk_test_webhookverify1' })
const SECRET = 'whsec_wooshpay_test'
const T = 1700000000
const now = new Date(T * 1000)

const deliver = (body: unknown, headerName = 'Wooshpay-Signature') => {
  const rawBody = typeof body === 'string' ? body : JSON.stringify(body)
  return wp.webhooks.verify({
    rawBody,
    headers: { [headerName]: wp.webhooks.sign({ payload: rawBody, secret: SECRET, timestamp: T }) },
    secrets: [SECRET],
    now,
  })
}

const event = (type: string, object: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id: 'evt_1593219809108033536',
  object: 'event',
  type,
  created: 1670482499000, // milliseconds, as WooshPay's own examples send (quirk 7)
  livemode: false,
  data: { object },
  ...extra,
})

const intent = {
  id: 'pi_1583366366029676544',
  object: 'payment_intent',
  amount: '1000', // integer as a string (quirk 4/5)
  currency: 'USD',
  status: 'succeeded',
  created: 1665553291000,
  description: '', // "" for null (quirk 10)
}

test('vector W verifies under Wooshpay-Signature (the doc example lacks `created`: a decode error, past the signature)', () => {
  const w = vector('W')
  try {
    wp.webhooks.verify({
      rawBody: w.body,
      headers: { 'Wooshpay-Signature': `t=${w.t},v1=${w.v1}` },
      secrets: [w.secret],
      now: new Date(w.t * 1000),
    })
    assert.unreachable()
  } catch (e) {
    assert.ok(isPaymuxError(e))
    assert.is(e.kind, 'decode')
    assert.match(e.message, /webhook event/)
  }
  // The stripped-prefix secret (W2) fails at the signature.
  try {
    wp.webhooks.verify({
      rawBody: w.body,
      headers: { 'Wooshpay-Signature': `t=${w.t},v1=${w.v1}` },
      secrets: ['wooshpay_test'],
      now: new Date(w.t * 1000),
    })
    assert.unreachable()
  } catch (e) {
    assert.ok(isPaymuxError(e) && e.kind === 'invalid_signature' && e.code === 'no_matching_signature')
  }
})

test('a payment_intent.succeeded event, normalized by the adapter (ms timestamps, string ints, "" as null)', () => {
  const ev = deliver(
    event('payment_intent.succeeded', intent, { request: { id: 'req_1', idempotency_key: 'order-42' } }),
  )
  assert.is(ev.provider, 'wooshpay')
  assert.is(ev.id, 'evt_1593219809108033536')
  assert.is(ev.type, 'payment_intent.succeeded')
  assert.is(ev.rawType, 'payment_intent.succeeded')
  assert.is(ev.createdAt.toISOString(), '2022-12-08T06:54:59.000Z')
  assert.is(ev.livemode, false)
  assert.equal(ev.objectRef, { resource: 'paymentIntents', id: 'pi_1583366366029676544' })
  assert.is(ev.idempotencyKey, 'order-42')
  const pi = ev.data as PaymentIntent
  assert.equal(pi.amount, { amount: 1000, currency: 'USD' })
  assert.is(pi.description, null)
  assert.is(pi.createdAt.toISOString(), '2022-10-12T05:41:31.000Z')
  assert.is((ev.raw as { id: string }).id, ev.id)
})

test('checkout session, payment link and refund objects go through their normalizers', () => {
  const cs = deliver(
    event('checkout.session.completed', {
      id: 'cs_1580071142008291328',
      object: 'checkout.session',
      created: 1665553291,
      status: 'complete',
      payment_status: 'paid',
      currency: 'usd',
      amount_total: 500,
    }),
  )
  assert.is(cs.type, 'checkout_session.completed')
  assert.equal(cs.objectRef, { resource: 'checkoutSessions', id: 'cs_1580071142008291328' })
  assert.is((cs.data as { object: string }).object, 'checkout_session')

  const re = deliver(
    event('charge.refund.updated', {
      id: 're_1',
      object: 'refund',
      amount: 300,
      currency: 'usd',
      created: 1670482499000,
      status: 'succeeded',
      payment_intent: 'pi_1583366366029676544',
      reason: '',
    }),
  )
  assert.is(re.type, 'refund.updated')
  assert.equal(re.objectRef, { resource: 'refunds', id: 're_1' })
  const refund = re.data as Refund
  assert.equal(refund.amount, { amount: 300, currency: 'USD' })
  assert.is(refund.status, 'succeeded')
  assert.is(refund.reason, null)
  assert.is(refund.paymentIntentId, 'pi_1583366366029676544')

  const link = deliver(
    event('payment_link.updated', { id: 'pl_1', object: 'payment_link', active: false, created: 1665553291 }),
  )
  assert.is(link.type, 'payment_link.updated')
  assert.equal(link.objectRef, { resource: 'paymentLinks', id: 'pl_1' })
})

test('unknown types read as unknown, never as a success; unknown objects carry no data', () => {
  for (const raw of [
    'payment_link.paid',
    'checkout.session.canceled',
    'charge.dispute.updated',
    'product.created',
    'payment_intent.succeeded.v2',
    'constructor',
    '__proto__',
  ]) {
    const ev = deliver(event(raw, { id: 'prod_1', object: 'product' }))
    assert.is(ev.type, 'unknown', raw)
    assert.is(ev.rawType, raw)
    assert.is(ev.data, null)
    assert.equal(ev.objectRef, { resource: null, id: 'prod_1' })
    assert.is(ev.idempotencyKey, null)
  }
  assert.ok(EVENT_TYPES.includes('unknown'))
})

test('idempotency key: absent, "" and the old string `request` all read as null', () => {
  assert.is(
    deliver(event('payment_intent.created', intent, { request: { id: 'req_1', idempotency_key: '' } })).idempotencyKey,
    null,
  )
  assert.is(deliver(event('payment_intent.created', intent, { request: 'req_1' })).idempotencyKey, null)
  assert.is(deliver(event('payment_intent.created', intent, { request: null })).idempotencyKey, null)
})

test('x-wooshpay-signature is accepted; other names are not', () => {
  assert.is(deliver(event('payment_intent.created', intent), 'x-wooshpay-signature').type, 'payment_intent.created')
  assert.is(deliver(event('payment_intent.created', intent), 'WOOSHPAY-SIGNATURE').type, 'payment_intent.created')
  try {
    deliver(event('payment_intent.created', intent), 'Signature')
    assert.unreachable()
  } catch (e) {
    assert.ok(isPaymuxError(e) && e.code === 'missing_header')
  }
})

test('a verified body that is not an event is a decode error, not an event', () => {
  for (const body of [
    'not json',
    '{"id":"evt_1"}',
    JSON.stringify(event('payment_intent.succeeded', { ...intent, amount: 'lots' })),
  ]) {
    try {
      deliver(body)
      assert.unreachable()
    } catch (e) {
      assert.ok(isPaymuxError(e) && e.kind === 'decode', body)
    }
  }
})

test('the WooshPay manifest declares webhooks.verify supported', () => {
  assert.equal(wp.capabilities.webhooks, { verify: 'supported' })
})

test('PriceBlocs: webhooks.verify is unsupported in the manifest and refuses with 0 requests', async () => {
  const server = await startScriptServer()
  try {
    const pb = priceblocs({ apiKey: 'PB_sk_test_abc123', baseUrl: server.url })
    assert.equal(pb.capabilities.webhooks, { verify: 'unsupported' })
    for (const call of [
      () => pb.webhooks?.verify({ rawBody: '{}', headers: {}, secrets: ['whsec_x'] }),
      () => pb.webhooks?.sign({ payload: '{}', secret: 'whsec_x' }),
    ]) {
      try {
        call()
        assert.unreachable()
      } catch (e) {
        assert.ok(isPaymuxError(e) && e.kind === 'unsupported' && e.provider === 'priceblocs')
      }
    }
    assert.is(server.requests.length, 0)
  } finally {
    await server.close()
  }
})

test.run()
