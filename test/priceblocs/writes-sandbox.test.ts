/** The sandbox's link write routes, spoken to directly over HTTP: PriceBlocs' rules, not the adapter's. */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { startSandbox, type PriceblocsSandbox } from '@paymux/priceblocs/sandbox'

const s = suite<{ sb: PriceblocsSandbox }>('priceblocs/writes-sandbox')
s.before(async (ctx) => {
  ctx.sb = await startSandbox({ count: 3, seed: 2, now: () => 1_800_000_000_000 })
})
s.after(async ({ sb }) => sb.close())

const call = async (sb: PriceblocsSandbox, method: string, path: string, body?: unknown) => {
  const res = await fetch(`${sb.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${sb.apiKey}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

s('POST twice with the same body makes two links, stamped by the clock, newest first', async ({ sb }) => {
  const body = { line_items: [{ price: 'price_1', quantity: 1 }], title: 'Same' }
  const a = await call(sb, 'POST', '/v1/payment-links', body)
  const b = await call(sb, 'POST', '/v1/payment-links', body)
  assert.is(a.status, 200)
  assert.is.not(a.body['id'], b.body['id'])
  assert.is(a.body['created'], 1_800_000_000)
  assert.is(b.body['created'], 1_800_000_001) // strictly newer, whatever the clock says
  const list = await call(sb, 'GET', '/v1/payment-links')
  const data = list.body['data'] as { id: string }[]
  assert.equal(
    data.slice(0, 2).map((l) => l.id),
    [b.body['id'], a.body['id']],
  )
})

s('create refuses unknown parameters, bad items and no items; mode is inferred', async ({ sb }) => {
  assert.is(
    (await call(sb, 'POST', '/v1/payment-links', { line_items: [{ price: 'p', quantity: 1 }], metadata: {} })).status,
    400,
  )
  assert.is((await call(sb, 'POST', '/v1/payment-links', { line_items: [{ price: 'p', quantity: 0 }] })).status, 400)
  assert.is((await call(sb, 'POST', '/v1/payment-links', {})).status, 400)
  assert.is((await call(sb, 'POST', '/v1/payment-links', '{not json')).status, 400)
  const sub = await call(sb, 'POST', '/v1/payment-links', {
    price_data: [
      {
        currency: 'usd',
        unit_amount: 900,
        product_data: { name: 'Box' },
        recurring: { interval: 'year' },
        quantity: 1,
      },
    ],
  })
  assert.is(sub.body['mode'], 'subscription')
  assert.is((sub.body['line_items'] as { interval: string }[])[0]?.interval, 'year')
})

s('PUT changes only what it is given; line items, price data and mode cannot be updated', async ({ sb }) => {
  const a = await call(sb, 'POST', '/v1/payment-links', { line_items: [{ price: 'p', quantity: 1 }], title: 'T' })
  const path = `/v1/payment-links/${String(a.body['id'])}`
  const u = await call(sb, 'PUT', path, { status: 'archived' })
  assert.is(u.body['status'], 'archived')
  assert.is(u.body['title'], 'T')
  for (const frozen of [{ line_items: [] }, { price_data: [] }, { mode: 'payment' }]) {
    const r = await call(sb, 'PUT', path, frozen)
    assert.is(r.status, 400)
    assert.match(String(r.body['message']), /cannot be updated/)
  }
  assert.is((await call(sb, 'PUT', path, { status: 'paused' })).status, 400)
})

s('DELETE, then retrieve, update and delete are 404', async ({ sb }) => {
  const a = await call(sb, 'POST', '/v1/payment-links', { line_items: [{ price: 'p', quantity: 1 }] })
  const path = `/v1/payment-links/${String(a.body['id'])}`
  assert.is((await call(sb, 'DELETE', path)).status, 200)
  assert.is((await call(sb, 'GET', path)).status, 404)
  assert.is((await call(sb, 'PUT', path, { title: 'x' })).status, 404)
  assert.is((await call(sb, 'DELETE', path)).status, 404)
})

s('checkouts take no writes', async ({ sb }) => {
  assert.is((await call(sb, 'POST', '/v1/checkouts', {})).status, 405)
})

s.run()
