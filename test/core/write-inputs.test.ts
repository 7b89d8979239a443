import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  CheckoutSessionCreate,
  PaymentIntentCapture,
  PaymentIntentCreate,
  PaymentLinkCreate,
  PaymentLinkUpdate,
  PriceCreate,
  RefundCreate,
  checkInput,
  type PaymuxError,
} from '@paymux/core'

const w = suite('core/write inputs')

const refusal = <A, O>(codec: t.Type<A, O, unknown>, input: unknown): PaymuxError => {
  const r = checkInput(codec, 'input', 'acme')(input)
  if (E.isRight(r)) throw new Error(`expected a refusal of ${JSON.stringify(input)}`)
  return r.left
}

const link = { lineItems: [{ priceData: { currency: 'usd', unitAmount: 1099, productName: 'Tee' }, quantity: 2 }] }

w('a valid payment link input passes unchanged', () => {
  const r = checkInput(
    PaymentLinkCreate,
    'payment link',
  )({ ...link, title: 'Summer', successUrl: 'https://shop.test/ok' })
  assert.ok(E.isRight(r))
  if (E.isRight(r)) assert.equal(r.right.lineItems, link.lineItems)
})

w('bad input is invalid_request naming the field, before anything is sent', () => {
  const cases: [unknown, string][] = [
    [{ lineItems: [] }, 'lineItems'],
    [{ lineItems: [{ price: 'price_1', quantity: 0 }] }, 'lineItems'],
    [{ ...link, successUrl: '/relative' }, 'successUrl'],
    [{ lineItems: [{ priceData: { currency: 'dollars', unitAmount: 1, productName: 'x' }, quantity: 1 }] }, 'currency'],
    [
      { lineItems: [{ priceData: { currency: 'usd', unitAmount: 10.5, productName: 'x' }, quantity: 1 }] },
      'unitAmount',
    ],
    [{ lineItems: [{ priceData: { currency: 'usd', unitAmount: 1, productName: ' ' }, quantity: 1 }] }, 'productName'],
  ]
  for (const [input, field] of cases) {
    const e = refusal(PaymentLinkCreate, input)
    assert.is(e.kind, 'invalid_request')
    assert.is(e.provider, 'acme')
    assert.ok(e.message.includes(field), `${e.message} names ${field}`)
  }
})

w('an unknown field is refused, never silently dropped (a misspelt successUrl)', () => {
  const e = refusal(PaymentLinkCreate, { ...link, sucessUrl: 'https://shop.test/ok' })
  assert.ok(e.message.includes('sucessUrl'), e.message)
  const nested = refusal(PaymentLinkCreate, {
    lineItems: [{ priceData: { currency: 'usd', unitAmount: 1, productName: 'x', tax: 1 }, quantity: 1 }],
  })
  assert.ok(nested.message.includes('tax'), nested.message)
})

w('a field given as undefined counts as not given', () => {
  const r = checkInput(PaymentLinkUpdate, 'update')({ title: undefined, active: false })
  assert.ok(E.isRight(r))
  if (E.isRight(r)) assert.equal(Object.keys(r.right), ['active'])
})

w('money inputs must be positive safe integers of minor units', () => {
  assert.is(refusal(PaymentIntentCreate, { amount: { amount: 0, currency: 'USD' } }).kind, 'invalid_request')
  assert.is(refusal(PaymentIntentCreate, { amount: { amount: 2 ** 53, currency: 'USD' } }).kind, 'invalid_request')
  assert.is(refusal(PaymentIntentCapture, { amount: { amount: -5, currency: 'USD' } }).kind, 'invalid_request')
  assert.is(refusal(RefundCreate, { paymentIntentId: '' }).kind, 'invalid_request')
  assert.ok(
    E.isRight(
      checkInput(PaymentIntentCreate, 'intent')({ amount: { amount: 500, currency: 'JPY' }, captureMethod: 'manual' }),
    ),
  )
})

w('sessions need a success URL; prices a product, currency and whole amount', () => {
  assert.ok(refusal(CheckoutSessionCreate, { lineItems: link.lineItems }).message.includes('successUrl'))
  const ok = checkInput(
    CheckoutSessionCreate,
    's',
  )({ lineItems: link.lineItems, successUrl: 'https://x.test', expiresAt: new Date(0) })
  assert.ok(E.isRight(ok))
  assert.ok(
    refusal(PriceCreate, {
      productId: 'prod_1',
      currency: 'usd',
      unitAmount: 1,
      recurring: { interval: 'fortnight' },
    }).message.includes('interval'),
  )
})

w.run()
