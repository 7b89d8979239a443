/**
 * PriceBlocs link writes over HTTP against the stateful sandbox: every operation, what it sends,
 * and every refusal made before any request (0 requests in `sandbox.stats()`).
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { startSandbox, type PriceblocsSandbox } from '@paymux/priceblocs/sandbox'
import { rejectsWith } from '../helpers/either.ts'
import { client } from './support.ts'

const s = suite<{ sb: PriceblocsSandbox }>('priceblocs/writes-ops')
s.before(async (ctx) => {
  ctx.sb = await startSandbox({ count: 30, seed: 5 })
})
s.after(async ({ sb }) => sb.close())
s.before.each(({ sb }) => sb.resetStats())

const raw = (o: { raw: unknown }) => o.raw as Record<string, unknown>

s('create with price ids: one POST, the link is listed first and retrievable', async ({ sb }) => {
  const p = client(sb)
  const before = sb.count('paymentLinks')
  const link = await p.paymentLinks.create({
    lineItems: [{ price: 'price_123', quantity: 2 }],
    title: 'Workshop',
    description: 'Two seats',
    successUrl: 'https://shop.example/thanks?x=1',
  })
  assert.is(sb.stats().byRoute['POST /v1/payment-links'], 1)
  assert.is(sb.count('paymentLinks'), before + 1)
  assert.is(link.title, 'Workshop')
  assert.is(link.description, 'Two seats')
  assert.is(link.status, 'active')
  assert.equal(
    link.lineItems?.map((li) => [li.price?.id, li.quantity]),
    [['price_123', 2]],
  )
  // The reference rides on success_url, the caller's own query kept.
  const success = new URL(String(raw(link)['success_url']))
  assert.is(success.searchParams.get('x'), '1')
  assert.match(success.searchParams.get('paymux_ref') ?? '', /^pmx_[0-9a-f]{32}$/)
  const [first] = await p.paymentLinks.list().toArray({ max: 1 })
  assert.is(first?.id, link.id)
  assert.is((await p.paymentLinks.retrieve(link.id)).title, 'Workshop')
})

s('create with ad-hoc prices sends price_data and infers subscription mode from recurrence', async ({ sb }) => {
  const p = client(sb)
  const link = await p.paymentLinks.create({
    lineItems: [
      {
        priceData: { currency: 'EUR', unitAmount: 1500, productName: 'Box', recurring: { interval: 'month' } },
        quantity: 1,
      },
    ],
  })
  assert.is(raw(link)['mode'], 'subscription')
  assert.is(link.currency, 'EUR')
  assert.is(link.lineItems?.length, 1)
  const oneOff = await p.paymentLinks.create({
    lineItems: [{ priceData: { currency: 'usd', unitAmount: 500, productName: 'Pin' }, quantity: 3 }],
  })
  assert.is(raw(oneOff)['mode'], 'payment')
  assert.is(sb.stats().byRoute['POST /v1/payment-links'], 2)
})

s('a repeated create makes a second link: PriceBlocs has no idempotency', async ({ sb }) => {
  const p = client(sb)
  const input = { lineItems: [{ price: 'price_same', quantity: 1 }], title: 'Twice' }
  const a = await p.paymentLinks.create(input)
  const b = await p.paymentLinks.create(input)
  assert.is.not(a.id, b.id)
  assert.is(sb.stats().byRoute['POST /v1/payment-links'], 2)
})

s('update sends one PUT of the given fields; status and active map to PriceBlocs status', async ({ sb }) => {
  const p = client(sb)
  const link = await p.paymentLinks.create({ lineItems: [{ price: 'price_u', quantity: 1 }], title: 'Old' })
  const updated = await p.paymentLinks.update(link.id, { title: 'New', status: 'archived' })
  assert.is(updated.title, 'New')
  assert.is(updated.status, 'archived')
  const inactive = await p.paymentLinks.update(link.id, { active: false })
  assert.is(inactive.status, 'inactive')
  assert.is(inactive.active, false)
  assert.is((await p.paymentLinks.retrieve(link.id)).status, 'inactive')
  assert.is(sb.stats().byRoute['PUT /v1/payment-links/:id'], 2)
})

s('delete removes the link: retrieve and a second delete are not_found, listings skip it', async ({ sb }) => {
  const p = client(sb)
  const link = await p.paymentLinks.create({ lineItems: [{ price: 'price_d', quantity: 1 }] })
  const count = sb.count('paymentLinks')
  await p.paymentLinks.delete(link.id)
  assert.is(sb.count('paymentLinks'), count - 1)
  await rejectsWith(p.paymentLinks.retrieve(link.id), 'not_found')
  // A first-attempt 404 is not_found: only a retry of the same call may have deleted it.
  await rejectsWith(p.paymentLinks.delete(link.id), 'not_found')
  const all = await p.paymentLinks.list().toArray({ max: 1000 })
  assert.is(all.length, sb.count('paymentLinks'))
  assert.not.ok(all.some((l) => l.id === link.id))
  assert.is(sb.stats().byRoute['DELETE /v1/payment-links/:id'], 2)
})

s('an update of a seeded link works, and an update of a missing one is not_found', async ({ sb }) => {
  const p = client(sb)
  const [id] = sb.ids('paymentLinks')
  assert.is((await p.paymentLinks.update(id as string, { description: 'changed' })).description, 'changed')
  await rejectsWith(p.paymentLinks.update('00000000-0000-4000-8000-000000000000', { title: 'x' }), 'not_found')
})

const refusals: [string, (p: ReturnType<typeof client>) => Promise<unknown>, string][] = [
  ['create without line items', (p) => p.paymentLinks.create({ lineItems: [] }), 'invalid_request'],
  [
    'create with metadata (links store none)',
    (p) => p.paymentLinks.create({ lineItems: [{ price: 'p', quantity: 1 }], metadata: { a: 'b' } }),
    'invalid_request',
  ],
  [
    'create inactive (no status on create)',
    (p) => p.paymentLinks.create({ lineItems: [{ price: 'p', quantity: 1 }], active: false }),
    'invalid_request',
  ],
  [
    'create with an unknown field',
    (p) => p.paymentLinks.create({ lineItems: [{ price: 'p', quantity: 1 }], mode: 'setup' } as never),
    'invalid_request',
  ],
  [
    'update of line items (cannot be updated)',
    (p) => p.paymentLinks.update('id', { lineItems: [{ price: 'p', quantity: 1 }] } as never),
    'invalid_request',
  ],
  [
    'update of the currency (cannot be updated)',
    (p) => p.paymentLinks.update('id', { currency: 'usd' } as never),
    'invalid_request',
  ],
  ['update with metadata', (p) => p.paymentLinks.update('id', { metadata: { a: 'b' } }), 'invalid_request'],
  ['update that changes nothing', (p) => p.paymentLinks.update('id', {}), 'invalid_request'],
  [
    'update with active and status that disagree',
    (p) => p.paymentLinks.update('id', { active: true, status: 'archived' }),
    'invalid_request',
  ],
  ['update of an empty id', (p) => p.paymentLinks.update(' ', { title: 'x' }), 'invalid_request'],
  ['delete of an empty id', (p) => p.paymentLinks.delete(''), 'invalid_request'],
  [
    'checkout session create',
    (p) => p.checkoutSessions.create({ lineItems: [{ price: 'p', quantity: 1 }], successUrl: 'https://a.example' }),
    'unsupported',
  ],
  ['checkout session expire', (p) => p.checkoutSessions.expire('cs_1'), 'unsupported'],
  [
    'payment intent create',
    (p) => p.paymentIntents.create({ amount: { amount: 100, currency: 'USD' } }),
    'unsupported',
  ],
  ['payment intent capture', (p) => p.paymentIntents.capture('pi_1'), 'unsupported'],
  ['refund create', (p) => p.refunds.create({ paymentIntentId: 'pi_1' }), 'unsupported'],
  ['product create', (p) => p.products.create({ name: 'x' }), 'unsupported'],
  ['price create', (p) => p.prices.create({ productId: 'prod_1', currency: 'USD', unitAmount: 1 }), 'unsupported'],
]
for (const [name, call, kind] of refusals) {
  s(`refused before any request: ${name} (${kind})`, async ({ sb }) => {
    await rejectsWith(call(client(sb)), kind as never)
    assert.is(sb.stats().requests, 0)
  })
}

s.run()
