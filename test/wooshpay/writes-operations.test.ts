import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { startSandbox, type WooshpaySandbox } from '@paymux/wooshpay/sandbox'
import type { WooshpayProvider } from '@paymux/wooshpay'
import { rejectsWith } from '../helpers/either.ts'
import { basic, client } from './support.ts'

const s = suite<{ sb: WooshpaySandbox; wp: WooshpayProvider }>('wooshpay/writes-operations')
s.before(async (ctx) => {
  ctx.sb = await startSandbox({ count: 20, seed: 7 })
  ctx.wp = client(ctx.sb)
})
s.after(async ({ sb }) => sb.close())

const TEE = { currency: 'EUR', unitAmount: 1500, productName: 'Tee' }

s('products and prices: create, retrieve, list (newest first)', async ({ wp }) => {
  const product = await wp.products.create({ name: 'Mug', description: 'Blue', metadata: { sku: 'm-1' } })
  assert.is(product.object, 'product')
  assert.is(product.name, 'Mug')
  assert.equal(product.metadata, { sku: 'm-1' })
  assert.is((await wp.products.retrieve(product.id)).id, product.id)
  const price = await wp.prices.create({
    productId: product.id,
    currency: 'usd',
    unitAmount: 990,
    recurring: { interval: 'month', intervalCount: 3 },
  })
  assert.equal(
    { productId: price.productId, currency: price.currency, unitAmount: price.unitAmount, type: price.type },
    { productId: product.id, currency: 'USD', unitAmount: 990, type: 'recurring' },
  )
  assert.equal(price.recurring, { interval: 'month', intervalCount: 3 })
  assert.is((await wp.prices.retrieve(price.id)).unitAmount, 990)
  const second = await wp.products.create({ name: 'Plate' })
  const listed = await wp.products.list().toArray({ max: 10_000 })
  assert.equal(
    listed.slice(0, 2).map((p) => p.id),
    [second.id, product.id],
  )
  assert.ok((await wp.prices.list().toArray({ max: 10_000 })).some((p) => p.id === price.id))
})

s('payment links from priceData make product -> price -> link; update and deactivate', async ({ sb, wp }) => {
  const link = await wp.paymentLinks.create({
    lineItems: [{ priceData: TEE, quantity: 2 }],
    metadata: { campaign: 'x' },
  })
  assert.is(link.active, true)
  assert.is(link.lineItems?.length, 1)
  assert.is(link.lineItems?.[0]?.amountTotal?.amount, 3000)
  assert.is(link.lineItems?.[0]?.description, 'Tee')
  const first = await wp.paymentLinks.list().firstPage()
  assert.is(first.items[0]?.id, link.id, 'a created link heads the listing')
  const off = await wp.paymentLinks.update(link.id, { active: false, successUrl: 'https://shop.example/thanks' })
  assert.is(off.active, false)
  assert.equal((off.raw as { after_completion: unknown }).after_completion, {
    type: 'redirect',
    redirect: { url: 'https://shop.example/thanks' },
    hosted_confirmation: null,
  })
  assert.is((await wp.paymentLinks.retrieve(link.id)).active, false)
  const on = await wp.paymentLinks.update(link.id, { status: 'active', metadata: { more: 'y' } })
  assert.is(on.active, true)
  assert.equal(on.metadata, { campaign: 'x', more: 'y' })
  // A seeded link changes too, and its listing shows the change.
  const seeded = sb.ids('paymentLinks')[3] as string
  await wp.paymentLinks.update(seeded, { active: false })
  assert.is((await wp.paymentLinks.retrieve(seeded)).active, false)
  const all = await wp.paymentLinks.list().toArray({ max: 10_000 })
  assert.is(all.find((l) => l.id === seeded)?.active, false)
})

s('a link from an existing price; an unknown price is not_found', async ({ wp }) => {
  const product = await wp.products.create({ name: 'Cap' })
  const price = await wp.prices.create({ productId: product.id, currency: 'GBP', unitAmount: 700 })
  const link = await wp.paymentLinks.create({ lineItems: [{ price: price.id, quantity: 1 }] })
  assert.is(link.lineItems?.[0]?.price?.id, price.id)
  await rejectsWith(wp.paymentLinks.create({ lineItems: [{ price: 'price_nope', quantity: 1 }] }), 'not_found')
})

s('checkout sessions: create (price and priceData), expire, expire again is invalid_state', async ({ wp }) => {
  const product = await wp.products.create({ name: 'Hat' })
  const price = await wp.prices.create({ productId: product.id, currency: 'EUR', unitAmount: 250 })
  const cs = await wp.checkoutSessions.create({
    lineItems: [
      { priceData: TEE, quantity: 1 },
      { price: price.id, quantity: 2 },
    ],
    successUrl: 'https://shop.example/ok',
    clientReferenceId: 'cart-1',
  })
  assert.is(cs.status, 'open')
  assert.is(cs.amountTotal?.amount, 2000)
  assert.is(cs.clientReferenceId, 'cart-1')
  assert.is((await wp.checkoutSessions.list().firstPage()).items[0]?.id, cs.id)
  const expired = await wp.checkoutSessions.expire(cs.id)
  assert.is(expired.status, 'expired')
  const e = await rejectsWith(wp.checkoutSessions.expire(cs.id), 'invalid_state')
  assert.is(e.code, 'checkout_session_unexpected_state')
})

s('sandbox-only completion pays a session and makes its intent, succeeded', async ({ sb, wp }) => {
  const cs = await wp.checkoutSessions.create({
    lineItems: [{ priceData: TEE, quantity: 1 }],
    successUrl: 'https://shop.example/ok',
  })
  const r = await fetch(`${sb.baseUrl}/v1/test_helpers/checkout/sessions/${cs.id}/complete`, {
    method: 'POST',
    headers: { authorization: basic(sb.apiKey), 'content-type': 'application/json' },
    body: '{}',
  })
  assert.is(r.status, 200)
  const done = await wp.checkoutSessions.retrieve(cs.id)
  assert.equal([done.status, done.paymentStatus], ['complete', 'paid'])
  const pi = await wp.paymentIntents.retrieve(done.paymentIntentId as string)
  assert.equal([pi.status, pi.amountReceived.amount], ['succeeded', 1500])
  assert.is(
    (await rejectsWith(wp.checkoutSessions.expire(cs.id), 'invalid_state')).code,
    'checkout_session_unexpected_state',
  )
})

s('payment intents: automatic and manual lifecycles, cancel, state errors', async ({ wp }) => {
  const auto = await wp.paymentIntents.create({ amount: { amount: 1200, currency: 'USD' } })
  assert.is(auto.status, 'requires_payment_method')
  assert.is((await wp.paymentIntents.confirm(auto.id, { paymentMethodId: 'pm_card_visa' })).status, 'succeeded')
  const late = await rejectsWith(wp.paymentIntents.cancel(auto.id, { reason: 'abandoned' }), 'invalid_state')
  assert.is(late.code, 'payment_intent_unexpected_state')

  const manual = await wp.paymentIntents.create({
    amount: { amount: 5000, currency: 'USD' },
    captureMethod: 'manual',
    paymentMethodId: 'pm_card_visa',
  })
  assert.is(manual.status, 'requires_confirmation')
  assert.is(
    (await rejectsWith(wp.paymentIntents.capture(manual.id), 'invalid_state')).code,
    'payment_intent_unexpected_state',
  )
  const held = await wp.paymentIntents.confirm(manual.id)
  assert.equal([held.status, held.amountCapturable.amount], ['requires_capture', 5000])
  const captured = await wp.paymentIntents.capture(manual.id, { amount: { amount: 3000, currency: 'USD' } })
  assert.equal([captured.status, captured.amountReceived.amount], ['succeeded', 3000])

  const gone = await wp.paymentIntents.create({
    amount: { amount: 800, currency: 'JPY' },
    captureMethod: 'manual',
    confirm: true,
    paymentMethodId: 'pm_card_visa',
  })
  assert.is(gone.status, 'requires_capture')
  const canceled = await wp.paymentIntents.cancel(gone.id, { reason: 'requested_by_customer' })
  assert.equal([canceled.status, canceled.cancellationReason], ['canceled', 'requested_by_customer'])
  assert.is((await wp.paymentIntents.list().firstPage()).items[0]?.id, gone.id)
})

s('refunds: partial, full rest, never above what was captured', async ({ wp }) => {
  const pi = await wp.paymentIntents.create({
    amount: { amount: 4000, currency: 'EUR' },
    captureMethod: 'manual',
    confirm: true,
    paymentMethodId: 'pm_card_visa',
  })
  await wp.paymentIntents.capture(pi.id, { amount: { amount: 2500, currency: 'EUR' } })
  const part = await wp.refunds.create({
    paymentIntentId: pi.id,
    amount: { amount: 1000, currency: 'EUR' },
    reason: 'requested_by_customer',
  })
  assert.equal(
    [part.amount, part.status, part.paymentIntentId],
    [{ amount: 1000, currency: 'EUR' }, 'succeeded', pi.id],
  )
  const tooMuch = await rejectsWith(
    wp.refunds.create({ paymentIntentId: pi.id, amount: { amount: 1501, currency: 'EUR' } }),
    'invalid_request',
  )
  assert.is(tooMuch.code, 'amount_too_large')
  const rest = await wp.refunds.create({ paymentIntentId: pi.id })
  assert.is(rest.amount.amount, 1500)
  assert.is((await wp.refunds.retrieve(rest.id)).amount.amount, 1500)
  await rejectsWith(
    wp.refunds.create({ paymentIntentId: pi.id, amount: { amount: 1, currency: 'EUR' } }),
    'invalid_request',
  )
  const open = await wp.paymentIntents.create({ amount: { amount: 100, currency: 'EUR' } })
  assert.is(
    (await rejectsWith(wp.refunds.create({ paymentIntentId: open.id }), 'invalid_state')).code,
    'payment_intent_unexpected_state',
  )
})

s('refusals before any request: unsupported ops, bad input, unstorable fields, archive', async ({ sb, wp }) => {
  const before = sb.stats().requests
  const link = sb.ids('paymentLinks')[0] as string
  await rejectsWith(wp.paymentLinks.delete(link), 'unsupported')
  await rejectsWith(wp.paymentLinks.create({ lineItems: [] }), 'invalid_request')
  await rejectsWith(wp.paymentLinks.create({ lineItems: [{ priceData: TEE, quantity: 0 }] }), 'invalid_request')
  await rejectsWith(
    wp.paymentLinks.create({ lineItems: [{ priceData: TEE, quantity: 1 }], title: 'T' }),
    'invalid_request',
  )
  await rejectsWith(wp.paymentLinks.update(link, { description: 'D' }), 'invalid_request')
  await rejectsWith(wp.paymentLinks.update(link, { status: 'archived' }), 'invalid_request')
  await rejectsWith(wp.paymentIntents.create({ amount: { amount: -1, currency: 'USD' } }), 'invalid_request')
  await rejectsWith(
    wp.paymentIntents.create({ amount: { amount: 1, currency: 'USD' }, bogus: 1 } as never),
    'invalid_request',
  )
  await rejectsWith(wp.refunds.create({ paymentIntentId: '' }), 'invalid_request')
  await rejectsWith(wp.prices.create({ productId: 'prod_1', currency: 'EURO', unitAmount: 1 }), 'invalid_request')
  await rejectsWith(
    wp.checkoutSessions.create({
      lineItems: [{ priceData: { ...TEE, recurring: { interval: 'month' } }, quantity: 1 }],
      successUrl: 'https://a.example',
    }),
    'invalid_request',
  )
  await rejectsWith(
    wp.paymentIntents.create({ amount: { amount: 1, currency: 'USD' } }, { idempotencyKey: 'has space' }),
    'invalid_request',
  )
  assert.is(sb.stats().requests, before, 'no request was sent')
})

s(
  'idempotent replay: same key and input -> the same object; other input -> idempotency_conflict',
  async ({ sb, wp }) => {
    const key = 'order-42-intent'
    const a = await wp.paymentIntents.create({ amount: { amount: 700, currency: 'USD' } }, { idempotencyKey: key })
    const b = await wp.paymentIntents.create({ amount: { amount: 700, currency: 'USD' } }, { idempotencyKey: key })
    assert.is(b.id, a.id)
    const e = await rejectsWith(
      wp.paymentIntents.create({ amount: { amount: 701, currency: 'USD' } }, { idempotencyKey: key }),
      'idempotency_conflict',
    )
    assert.is(e.idempotencyKey, key)
    // A link from priceData replays every step: no second product or price.
    const products = (await wp.products.list().toArray({ max: 10_000 })).length
    const prices = (await wp.prices.list().toArray({ max: 10_000 })).length
    const l1 = await wp.paymentLinks.create(
      { lineItems: [{ priceData: TEE, quantity: 1 }] },
      { idempotencyKey: 'link-7' },
    )
    const l2 = await wp.paymentLinks.create(
      { lineItems: [{ priceData: TEE, quantity: 1 }] },
      { idempotencyKey: 'link-7' },
    )
    assert.is(l2.id, l1.id)
    assert.is((await wp.products.list().toArray({ max: 10_000 })).length, products + 1)
    assert.is((await wp.prices.list().toArray({ max: 10_000 })).length, prices + 1)
    // Raw: the replay is the stored reply, status and body.
    const post = (amount: number) =>
      fetch(`${sb.baseUrl}/v1/payment_intents`, {
        method: 'POST',
        headers: { authorization: basic(sb.apiKey), 'content-type': 'application/json', 'idempotency-key': 'raw-1' },
        body: JSON.stringify({ amount, currency: 'USD' }),
      })
    const r1 = await post(0)
    const r2 = await post(0)
    assert.equal([r1.status, await r1.text()], [r2.status, await r2.text()])
    const r3 = await post(5)
    assert.is(r3.status, 400)
    assert.is(((await r3.json()) as { error: { type: string } }).error.type, 'idempotency_error')
  },
)

s.run()
