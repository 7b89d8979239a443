import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { CheckoutSession, LineItem, PaymentIntent, PaymentLink, decodeWith } from '@paymux/core/adapter'
import type * as t from 'io-ts'
import * as _ from '@paymux/wooshpay/internal'
import { wire } from '@paymux/wooshpay/internal'
import { assertLeft, assertRight } from '../helpers/either.ts'
import { fixture, withFields, type Json } from '../fixtures/wooshpay/load.ts'

const s = suite('wooshpay/normalize')
const ctx = { livemode: false }

const read = <A>(codec: t.Type<A, A, unknown>, u: unknown): A =>
  assertRight(decodeWith(codec, 'a fixture', 'wooshpay')(u))
const link = (u: Json) => _.normalizePaymentLink(read(wire.PaymentLink, u), ctx)
const session = (u: Json) => _.normalizeCheckoutSession(read(wire.CheckoutSession, u), ctx)
const intent = (u: Json) => _.normalizePaymentIntent(read(wire.PaymentIntent, u), ctx)
const withoutRaw = (o: object): unknown =>
  JSON.parse(JSON.stringify(o, (k, v: unknown) => (k === 'raw' ? undefined : v)))

s('a payment link normalizes to the neutral object, embedded line items included', () => {
  const input = fixture('payment-link')
  const pl = link(input)
  assert.equal(withoutRaw(pl), {
    provider: 'wooshpay',
    id: 'pl_1580071142008291328',
    object: 'payment_link',
    livemode: false,
    createdAt: '2022-10-12T05:41:31.000Z',
    metadata: { campaign: '春のセール', note: 'Grüße aus Köln' },
    url: 'https://checkouttest.wooshpay.com/link/Aygh6wbuCBSMgKJg',
    active: true,
    status: 'active',
    currency: 'JPY',
    title: null,
    description: null,
    lineItems: [
      {
        provider: 'wooshpay',
        id: 'li_1580071142847152128',
        object: 'line_item',
        livemode: false,
        createdAt: '2022-10-12T05:40:00.000Z',
        metadata: {},
        description: 'Matcha latte 抹茶',
        quantity: 2,
        price: {
          id: 'price_1580071142859735040',
          productId: 'prod_1580071142880706560',
          currency: 'JPY',
          unitAmount: 1500,
          type: 'one_time',
          recurring: null,
          active: true,
        },
        amountSubtotal: { amount: 3000, currency: 'JPY' },
        amountTotal: { amount: 3000, currency: 'JPY' },
      },
    ],
    updatedAt: null,
  })
  assert.is(pl.raw, input, 'raw is the wire object itself')
  assert.ok(PaymentLink.is(pl) || PaymentLink.decode(JSON.parse(JSON.stringify(pl)))._tag === 'Right')
})

s('the quirky and the clean form of each object normalize to the same neutral object', () => {
  assert.equal(withoutRaw(link(fixture('payment-link-quirky'))), withoutRaw(link(fixture('payment-link'))))
  assert.equal(
    withoutRaw(session(fixture('checkout-session-quirky'))),
    withoutRaw(session(fixture('checkout-session'))),
  )
  assert.equal(withoutRaw(intent(fixture('payment-intent-quirky'))), withoutRaw(intent(fixture('payment-intent'))))
})

s('extra unknown fields are kept in raw, untouched', () => {
  const pi = intent(fixture('payment-intent-quirky'))
  assert.is((pi.raw as Json)['statement_descriptor'], 'WOOSHPAY*SHOP')
  assert.is((pi.raw as Json)['payment_method_types'], '["card","alipay","wechat_pay"]')
  assert.equal((link(fixture('payment-link-quirky')).raw as Json)['undocumented_field'], { kept: 'in raw' })
})

s('a checkout session: checkout.session becomes checkout_session, amounts become Money', () => {
  const cs = session(fixture('checkout-session'))
  assert.is(cs.object, 'checkout_session')
  assert.is(cs.status, 'complete')
  assert.is(cs.paymentStatus, 'paid')
  assert.equal(cs.amountTotal, { amount: 4500, currency: 'USD' })
  assert.is(cs.customerId, 'cus_1580071142880706561')
  assert.is(cs.paymentIntentId, 'pi_1583366366029676544')
  assert.is(cs.paymentLinkId, 'pl_1580071142008291328')
  assert.is(cs.expiresAt?.toISOString(), '2022-10-13T05:41:31.000Z')
  assert.is(cs.url, null)
  assert.ok(CheckoutSession.decode(JSON.parse(JSON.stringify(cs)))._tag === 'Right')
})

s('a payment intent in a three-decimal currency keeps minor units; fields map one to one', () => {
  const pi = intent(fixture('payment-intent'))
  assert.equal(pi.amount, { amount: 12500, currency: 'KWD' })
  assert.equal(pi.amountReceived, { amount: 0, currency: 'KWD' })
  assert.is(pi.status, 'canceled')
  assert.is(pi.captureMethod, 'manual')
  assert.equal(pi.paymentMethodTypes, ['card', 'alipay', 'wechat_pay'])
  assert.is(pi.canceledAt?.toISOString(), '2022-10-12T06:41:31.000Z')
  assert.is(pi.cancellationReason, 'requested_by_customer')
  assert.is(pi.paymentMethodId, 'pm_1693466278808780800')
  assert.is(pi.merchantOrderId, 'ORD-2024-000042')
  assert.is(pi.customerId, null)
  assert.equal(pi.metadata, { order_ref: 'ORD-2024-000042', région: 'Île-de-France' })
  assert.ok(PaymentIntent.decode(JSON.parse(JSON.stringify(pi)))._tag === 'Right')
})

s('unknown enum values map to unknown, never to a guess', () => {
  const pi = intent(withFields('payment-intent', { status: 'failed', capture_method: 'later' }))
  assert.is(pi.status, 'unknown')
  assert.is(pi.captureMethod, 'unknown')
  const cs = session(withFields('checkout-session', { status: 'canceled', payment_status: 'refunded' }))
  assert.is(cs.status, 'unknown')
  assert.is(cs.paymentStatus, 'unknown')
})

s('absent values become null or the documented default', () => {
  const pi = intent({ id: 'pi_1', amount: '100', currency: 'jpy', created: '1665553291' })
  assert.equal(pi.amount, { amount: 100, currency: 'JPY' })
  assert.is(pi.captureMethod, 'automatic')
  assert.equal(pi.paymentMethodTypes, [])
  assert.equal(pi.metadata, {})
  assert.is(pi.livemode, false)
  assert.is(
    _.normalizePaymentIntent(read(wire.PaymentIntent, { ...(pi.raw as Json) }), { livemode: true }).livemode,
    true,
  )
  const cs = session({ id: 'cs_1', created: 1 })
  assert.is(cs.currency, null)
  assert.is(cs.amountTotal, null)
  assert.is(cs.status, 'unknown')
})

s('quirk 7: a 13-digit timestamp is milliseconds, a 10-digit one seconds', () => {
  assert.is(intent(withFields('payment-intent', { created: 1665553291 })).createdAt.getTime(), 1665553291000)
  assert.is(intent(withFields('payment-intent', { created: 1665553291123 })).createdAt.getTime(), 1665553291123)
})

s('metadata numbers and booleans become strings; nulls are dropped', () => {
  const pi = intent(withFields('payment-intent', { metadata: { n: 3, b: false, gone: null, s: 'ß' } }))
  assert.equal(pi.metadata, { n: '3', b: 'false', s: 'ß' })
})

s('line items: string amounts, recurring prices, missing prices, currency fallback', () => {
  const page = read(wire.LineItemList, fixture('line-items-page'))
  const [first, second] = page.data.map((li) => _.normalizeLineItem(li, ctx))
  assert.ok(first && second)
  assert.is(first.quantity, 5)
  assert.equal(first.amountSubtotal, { amount: 12500, currency: 'KWD' })
  assert.equal(first.amountTotal, { amount: 11250, currency: 'KWD' })
  assert.equal(first.price?.recurring, { interval: 'month', intervalCount: 3 })
  assert.is(first.price?.type, 'recurring')
  assert.is(first.createdAt.toISOString(), '2022-10-12T05:40:00.000Z')
  assert.is(second.price, null)
  assert.is(second.description, null)
  assert.equal(second.amountTotal, { amount: 990, currency: 'KWD' })
  assert.is(second.createdAt.getTime(), 0, 'no created anywhere: the epoch, documented')
  for (const li of [first, second]) assert.ok(LineItem.decode(JSON.parse(JSON.stringify(li)))._tag === 'Right')
})

s('a payment link whose embedded line items are partial (has_more) or absent has lineItems null', () => {
  const partial = fixture('payment-link')
  ;(partial['line_items'] as Json)['has_more'] = true
  assert.is(link(partial).lineItems, null)
  assert.is(link(withFields('payment-link', { line_items: {} })).lineItems, null)
  assert.is(link(withFields('payment-link', { line_items: '' })).lineItems, null)
  const inactive = link(withFields('payment-link', { active: 'false' }))
  assert.is(inactive.active, false)
  assert.is(inactive.status, 'inactive')
})

s('an unrepresentable recurring interval gives recurring null, the price kept', () => {
  const li = read(wire.LineItem, {
    id: 'li_1',
    currency: 'usd',
    price: { id: 'price_1', currency: 'usd', recurring: { interval: 'fortnight' }, unit_amount: 5 },
  })
  const out = _.normalizeLineItem(li, ctx)
  assert.is(out.price?.recurring, null)
  assert.is(out.price?.unitAmount, 5)
  assert.is(out.quantity, 1)
})

/** An array that passes the codec (`Array.isArray`, `every`) but breaks the normalizer's `map`. */
const throwingArray = <A>(items: A[]): A[] =>
  Object.defineProperty(items, 'map', {
    value: () => {
      throw new Error('normalizer blew up')
    },
  })

s('a normalizer that throws is a decode error of the decoder, never an exception', () => {
  const input = fixture('payment-link')
  const embedded = input['line_items'] as Json
  embedded['data'] = throwingArray(embedded['data'] as unknown[])
  const one = _.decodeInto(wire.PaymentLink, 'a payment link', (w) => _.normalizePaymentLink(w, ctx))
  const page = _.decodeInto(wire.PaymentLinkList, 'a list of payment links', (l) =>
    l.data.map((w) => _.normalizePaymentLink(w, ctx)),
  )
  for (const e of [
    assertLeft(one(input), 'decode'),
    assertLeft(page({ object: 'list', has_more: false, data: [input] }), 'decode'),
  ]) {
    assert.match(e.message, /could not normalize a (payment link|list of payment links)/)
    assert.is(e.provider, 'wooshpay')
    assert.is(e.retryable, false)
  }
})

s('a codec that throws (a hostile getter) is a decode error too', () => {
  const input = fixture('payment-intent')
  Object.defineProperty(input, 'metadata', {
    enumerable: true,
    get: () => {
      throw new Error('getter blew up')
    },
  })
  const decode = _.decodeInto(wire.PaymentIntent, 'a payment intent', (w) => _.normalizePaymentIntent(w, ctx))
  assert.match(assertLeft(decode(input), 'decode').message, 'could not read a payment intent')
})

s.run()
