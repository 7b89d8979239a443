// The sandbox's webhook endpoints and event log over real HTTP: endpoints in Stripe's shape (the
// secret shown once), one event per state change with the causing write's idempotency key,
// `GET /v1/events` paged newest first and `GET /v1/events/:id`. Deliveries: test/webhooks/delivery*.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { neutralEventType } from '@paymux/core'
import { startSandbox, SANDBOX_EVENT_TYPES, type WooshpaySandbox } from '@paymux/wooshpay/sandbox'
import type { WooshpayProvider } from '@paymux/wooshpay'
import { WOOSHPAY_EVENT_TYPES } from '../../packages/wooshpay/src/webhooks-types.ts'
import { basic, client, get, ids } from './support.ts'

const s = suite<{ sb: WooshpaySandbox; wp: WooshpayProvider }>('wooshpay/sandbox webhooks: endpoints and events')
s.before(async (ctx) => {
  ctx.sb = await startSandbox({ count: 5, seed: 16 })
  ctx.wp = client(ctx.sb)
})
s.after(async ({ sb }) => sb.close())

const send = async (sb: WooshpaySandbox, method: string, path: string, body?: unknown, key?: string) => {
  const r = await fetch(`${sb.baseUrl}${path}`, {
    method,
    headers: {
      authorization: basic(sb.apiKey),
      'content-type': 'application/json',
      ...(key === undefined ? {} : { 'idempotency-key': key }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return { status: r.status, headers: r.headers, json: (await r.json()) as Record<string, unknown> }
}

interface WireEvent {
  id: string
  object: string
  type: string
  created: number
  livemode: boolean
  data: { object: Record<string, unknown> }
  request: { id: string; idempotency_key: string | null }
}

/** The events since `after` (an event id, or null for all), oldest first. */
const eventsSince = async (sb: WooshpaySandbox, after: string | null): Promise<WireEvent[]> => {
  const r = await get(sb, `/v1/events?limit=100${after ? `&ending_before=${after}` : ''}`)
  assert.is(r.status, 200, r.text)
  return (r.json['data'] as WireEvent[]).slice().reverse()
}
const newest = async (sb: WooshpaySandbox): Promise<string | null> =>
  ((await get(sb, '/v1/events?limit=1')).json['data'] as WireEvent[])[0]?.id ?? null

s('every type the sandbox sends maps to a neutral type (none reads as unknown)', () => {
  for (const type of SANDBOX_EVENT_TYPES) assert.is.not(neutralEventType(WOOSHPAY_EVENT_TYPES, type), 'unknown', type)
})

s('webhook endpoints: created with a whsec_ secret shown once, listed, retrieved, updated, deleted', async ({ sb }) => {
  const made = await send(sb, 'POST', '/v1/webhook_endpoints', {
    url: 'http://127.0.0.1:9/hook',
    enabled_events: ['payment_intent.succeeded'],
  })
  assert.is(made.status, 200, JSON.stringify(made.json))
  const id = made.json['id'] as string
  assert.match(id, /^we_\d+$/)
  assert.match(made.json['secret'] as string, /^whsec_[0-9a-z]{32}$/)
  assert.equal(
    { object: made.json['object'], status: made.json['status'], events: made.json['enabled_events'] },
    { object: 'webhook_endpoint', status: 'enabled', events: ['payment_intent.succeeded'] },
  )
  const listed = await get(sb, '/v1/webhook_endpoints')
  assert.equal(ids(listed.json), [id])
  assert.not.ok(listed.text.includes('whsec_'), 'a listing shows no secret')
  const one = await get(sb, `/v1/webhook_endpoints/${id}`)
  assert.is(one.json['url'], 'http://127.0.0.1:9/hook')
  assert.not.ok('secret' in one.json)
  const off = await send(sb, 'POST', `/v1/webhook_endpoints/${id}`, { disabled: true })
  assert.is(off.json['status'], 'disabled')
  const gone = await send(sb, 'DELETE', `/v1/webhook_endpoints/${id}`)
  assert.equal(gone.json, { id, object: 'webhook_endpoint', deleted: true })
  assert.is((await get(sb, `/v1/webhook_endpoints/${id}`)).status, 404)
  assert.is((await send(sb, 'DELETE', `/v1/webhook_endpoints/${id}`)).status, 404)
  assert.equal(ids((await get(sb, '/v1/webhook_endpoints')).json), [])
})

s('webhook endpoints: a bad url or an unknown event type is a 400 naming the parameter', async ({ sb }) => {
  const noUrl = await send(sb, 'POST', '/v1/webhook_endpoints', {})
  assert.equal([noUrl.status, (noUrl.json['error'] as { param: string }).param], [400, 'url'])
  const ftp = await send(sb, 'POST', '/v1/webhook_endpoints', { url: 'ftp://example.com/x' })
  assert.equal([ftp.status, (ftp.json['error'] as { param: string }).param], [400, 'url'])
  const typo = await send(sb, 'POST', '/v1/webhook_endpoints', {
    url: 'http://127.0.0.1:9/',
    enabled_events: ['payment_intent.succeded'],
  })
  assert.is(typo.status, 400)
  assert.match((typo.json['error'] as { message: string }).message, /payment_intent\.succeded is not an event type/)
  // The same key and body is a replay: one endpoint, the first answer (its secret) again.
  const body = { url: 'http://127.0.0.1:9/replay' }
  const a = await send(sb, 'POST', '/v1/webhook_endpoints', body, 'we-key-1')
  const b = await send(sb, 'POST', '/v1/webhook_endpoints', body, 'we-key-1')
  assert.equal(b.json, a.json)
  assert.is(b.headers.get('idempotent-replayed'), 'true')
  assert.equal(ids((await get(sb, '/v1/webhook_endpoints')).json), [a.json['id']])
  await send(sb, 'DELETE', `/v1/webhook_endpoints/${a.json['id'] as string}`)
})

s('a confirmed intent: created then succeeded, carrying the write key; GET /v1/events/:id', async ({ sb, wp }) => {
  const before = await newest(sb)
  const pi = await wp.paymentIntents.create(
    { amount: { amount: 1200, currency: 'USD' } },
    { idempotencyKey: 'k-create' },
  )
  const confirm = await send(
    sb,
    'POST',
    `/v1/payment_intents/${pi.id}/confirm`,
    { payment_method: 'pm_card_visa' },
    'k-confirm',
  )
  const events = await eventsSince(sb, before)
  assert.equal(
    events.map((e) => [e.type, e.data.object['id'], e.data.object['status'], e.request.idempotency_key]),
    [
      ['payment_intent.created', pi.id, 'requires_payment_method', 'k-create'],
      ['payment_intent.succeeded', pi.id, 'succeeded', 'k-confirm'],
    ],
  )
  const succeeded = events[1] as WireEvent
  assert.match(succeeded.id, /^evt_\d+$/)
  assert.equal([succeeded.object, succeeded.livemode], ['event', false])
  // The answer of the causing write names the request the event names.
  assert.is(confirm.headers.get('request-id'), succeeded.request.id)
  const one = await get(sb, `/v1/events/${succeeded.id}`)
  assert.is(one.status, 200)
  assert.equal(one.json, succeeded as unknown as Record<string, unknown>)
  const missing = await get(sb, '/v1/events/evt_404')
  assert.equal([missing.status, (missing.json['error'] as { code: string }).code], [404, 'resource_missing'])
  // A replayed write changes nothing, so it emits nothing.
  await send(sb, 'POST', `/v1/payment_intents/${pi.id}/confirm`, { payment_method: 'pm_card_visa' }, 'k-confirm')
  assert.is(await newest(sb), succeeded.id)
})

s(
  'every state change has its event: capture, cancel, session complete and expire, refund, links',
  async ({ sb, wp }) => {
    const before = await newest(sb)
    const manual = await wp.paymentIntents.create({
      amount: { amount: 500, currency: 'EUR' },
      captureMethod: 'manual',
      confirm: true,
      paymentMethodId: 'pm_card_visa',
    })
    await wp.paymentIntents.capture(manual.id)
    const dropped = await wp.paymentIntents.create({ amount: { amount: 700, currency: 'EUR' } })
    await wp.paymentIntents.cancel(dropped.id)
    const line = { priceData: { currency: 'EUR', unitAmount: 900, productName: 'Tea' }, quantity: 1 }
    const paid = await wp.checkoutSessions.create({ lineItems: [line], successUrl: 'https://example.com/ok' })
    const done = await send(sb, 'POST', `/v1/test_helpers/checkout/sessions/${paid.id}/complete`)
    const left = await wp.checkoutSessions.create({ lineItems: [line], successUrl: 'https://example.com/ok' })
    await wp.checkoutSessions.expire(left.id)
    const refund = await wp.refunds.create({ paymentIntentId: manual.id, amount: { amount: 200, currency: 'EUR' } })
    const product = await wp.products.create({ name: 'Mug' })
    const price = await wp.prices.create({ productId: product.id, currency: 'EUR', unitAmount: 300 })
    const link = await wp.paymentLinks.create({ lineItems: [{ price: price.id, quantity: 1 }] })
    await wp.paymentLinks.update(link.id, { active: false })
    const events = await eventsSince(sb, before)
    const sessionPi = done.json['payment_intent'] as string
    assert.equal(
      events.map((e) => `${e.type} ${e.data.object['id'] as string}`),
      [
        `payment_intent.created ${manual.id}`,
        `payment_intent.amount_capturable_updated ${manual.id}`,
        `payment_intent.succeeded ${manual.id}`,
        `payment_intent.created ${dropped.id}`,
        `payment_intent.canceled ${dropped.id}`,
        `payment_intent.created ${sessionPi}`,
        `payment_intent.succeeded ${sessionPi}`,
        `checkout.session.completed ${paid.id}`,
        `checkout.session.expired ${left.id}`,
        `refund.created ${refund.id}`,
        `charge.refund.updated ${refund.id}`,
        `payment_link.created ${link.id}`,
        `payment_link.updated ${link.id}`,
      ],
    )
    // Each carries the object as that write left it, not as it is now.
    assert.is(events[1]?.data.object['status'], 'requires_capture')
    assert.is(events[2]?.data.object['status'], 'succeeded')
    assert.is(events[12]?.data.object['active'], false)
    assert.is(events[11]?.data.object['active'], true)
  },
)

s('GET /v1/events pages newest first with the cursors and filters by type and created', async ({ sb }) => {
  const all = (await get(sb, '/v1/events?limit=100')).json['data'] as WireEvent[]
  assert.ok(all.length >= 10)
  const walked: string[] = []
  let after: string | null = null
  for (;;) {
    const page = await get(sb, `/v1/events?limit=3${after ? `&starting_after=${after}` : ''}`)
    walked.push(...ids(page.json))
    if (page.json['has_more'] !== true) break
    after = walked.at(-1) as string
  }
  assert.equal(
    walked,
    all.map((e) => e.id),
  )
  assert.ok(
    all.every((e, i) => i === 0 || (all[i - 1] as WireEvent).created >= e.created),
    'newest first',
  )
  const created = (await get(sb, '/v1/events?type=payment_intent.created&limit=100')).json['data'] as WireEvent[]
  assert.ok(created.length >= 4)
  assert.ok(created.every((e) => e.type === 'payment_intent.created'))
  const t = (all[0] as WireEvent).created
  assert.is(ids((await get(sb, `/v1/events?created[gt]=${t}`)).json).length, 0)
  assert.is((await get(sb, '/v1/events?created[gte]=soon')).status, 400)
  assert.is((await get(sb, '/v1/events?colour=red')).status, 400)
})

s.run()
