import type * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { CheckoutSession, PaymentLink, type PaymuxError } from '@paymux/core/adapter'
import { wire } from '@paymux/priceblocs/internal'
import * as _ from '@paymux/priceblocs/internal'
import { assertLeft, assertRight } from '../helpers/either.ts'
import { checkout, listPage, paymentLink, seedPage } from '../fixtures/priceblocs/factories.ts'

const CREATED = new Date('2021-08-06T07:19:26.000Z') // 1628234366 s

const seedLink = () => assertRight(wire.PaymentLinkPage.decode(seedPage())).data[0] as wire.PaymentLink

const s = suite('priceblocs/normalize')

s('normalizes the seed payment link into the neutral PaymentLink', () => {
  const link = seedLink()
  const { raw, lineItems, ...rest } = _.normalizePaymentLink(link)
  assert.equal(rest, {
    provider: 'priceblocs',
    id: '00000000-0000-0000-0000-000000000000',
    object: 'payment_link',
    livemode: false,
    createdAt: CREATED,
    metadata: {},
    url: 'https://priceblocs.com/test/links/short_id',
    active: true,
    status: 'active',
    currency: 'USD',
    title: 'My first payment link',
    description: 'Each link will start a new checkout session when clicked',
    updatedAt: CREATED,
  })
  assert.ok(raw === link, 'raw is the wire object itself')
  assert.equal(lineItems, [
    {
      provider: 'priceblocs',
      id: '00000000-0000-0000-0000-000000000000:0',
      object: 'line_item',
      livemode: false,
      createdAt: CREATED,
      metadata: {},
      description: null,
      quantity: 1,
      price: {
        id: 'p_A_1',
        productId: 'p_A',
        currency: 'USD',
        unitAmount: null,
        type: 'recurring',
        recurring: { interval: 'month', intervalCount: 1 },
        active: null,
      },
      amountSubtotal: null,
      amountTotal: null,
      raw: link.line_items?.[0],
    },
  ])
})

s('the result is a valid neutral PaymentLink after a JSON round trip', () => {
  const json = JSON.parse(JSON.stringify(_.normalizePaymentLink(seedLink()))) as unknown
  assert.ok(PaymentLink.decode(json)._tag === 'Right')
})

s('maps an unknown link status to unknown and inactive, keeping the wire value in raw', () => {
  const link = _.normalizePaymentLink(paymentLink({ status: 'paused' }))
  assert.is(link.status, 'unknown')
  assert.is(link.active, false)
  assert.is((link.raw as wire.PaymentLink).status, 'paused')
  assert.is(_.normalizePaymentLink(paymentLink({ status: 'archived' })).status, 'archived')
})

s('setup-mode links without line items have lineItems null; empty strings become null', () => {
  const { line_items: _li, ...setup } = paymentLink({ title: '', description: null })
  const link = _.normalizePaymentLink(setup)
  assert.is(link.lineItems, null)
  assert.is(link.title, null)
  assert.is(link.description, null)
  assert.equal(_.normalizeLinkLineItems(setup), [])
})

s('a line item without a currency takes its link`s; a one-time one has no recurring', () => {
  const link = paymentLink({ currency: 'jpy', line_items: [{ price: 'p1', product: null, quantity: '2' }] })
  const [li] = _.normalizeLinkLineItems(link)
  assert.equal(li?.price, {
    id: 'p1',
    productId: null,
    currency: 'JPY',
    unitAmount: null,
    type: 'one_time',
    recurring: null,
    active: null,
  })
  assert.is(li?.quantity, 2)
})

s('reads seconds as seconds, and a 13-digit value as milliseconds', () => {
  assert.equal(_.fromSeconds(1628234366), CREATED)
  assert.equal(_.fromSeconds(1628234366000), CREATED)
})

s('an optional timestamp no Date can hold is a decode error, never null or an invalid Date', () => {
  assertLeft(_.decodePaymentLink(paymentLink({ updated: 1e300 })), 'decode')
  assertLeft(_.decodeCheckout(checkout({ expires_at: -1e300 })), 'decode')
  assert.equal(assertRight(_.decodeCheckout(checkout({ expires_at: 1628234366 }))).expiresAt, CREATED)
})

/** An array that passes the codec (`Array.isArray`, `every`) but breaks the normalizer's `map`. */
const throwingArray = <A>(items: A[]): A[] =>
  Object.defineProperty(items, 'map', {
    value: () => {
      throw new Error('normalizer blew up')
    },
  })

/** A record that passes the codec (a plain object) but throws when the normalizer reads a value. */
const throwingRecord = (): Record<string, unknown> =>
  Object.defineProperty({}, 'order', {
    enumerable: true,
    get: () => {
      throw new Error('normalizer blew up')
    },
  })

s('a normalizer that throws is a decode error of every decoder, never an exception', () => {
  const items = () => throwingArray([{ price: 'p', quantity: 1 }])
  const link = paymentLink({ line_items: items(), metadata: throwingRecord() })
  const co = checkout({ line_items: items(), metadata: throwingRecord() })
  const cases: (() => E.Either<PaymuxError, unknown>)[] = [
    () => _.decodePaymentLinkPage(listPage([link])),
    () => _.decodePaymentLink(link),
    () => _.decodePaymentLinkLineItems(link),
    () => _.decodeCheckoutPage(listPage([co])),
    () => _.decodeCheckout(co),
    () => _.decodeCheckoutLineItems(co),
  ]
  for (const run of cases) {
    const e = assertLeft(run(), 'decode')
    assert.match(e.message, /could not normalize a PriceBlocs/)
    assert.is(e.provider, 'priceblocs')
    assert.is(e.retryable, false)
  }
})

s('normalizes the documented checkout into the neutral CheckoutSession', () => {
  const co = assertRight(wire.Checkout.decode(checkout()))
  const { raw, ...rest } = _.normalizeCheckout(co)
  assert.equal(rest, {
    provider: 'priceblocs',
    id: '07c432bf-cf5e-4900-a230-4e6de93d2bda',
    object: 'checkout_session',
    livemode: false,
    createdAt: CREATED,
    metadata: { order: '1234', priority: '2' },
    status: 'open',
    paymentStatus: 'unpaid',
    // The documented example's totals do not add up (quirk 31): they are passed on as given.
    amountSubtotal: { amount: 7500, currency: 'USD' },
    amountTotal: { amount: 4750, currency: 'USD' },
    currency: 'USD',
    customerId: 'cus_123',
    customerEmail: 'someone@gmail.com',
    paymentIntentId: 'pi_123',
    paymentLinkId: '00000000-0000-0000-0000-000000000000',
    clientReferenceId: 'ref_123',
    url: null,
    successUrl: null,
    cancelUrl: null,
    expiresAt: null,
  })
  assert.ok(raw === co)
  assert.is(CheckoutSession.decode(JSON.parse(JSON.stringify(_.normalizeCheckout(co))))._tag, 'Right')
})

s('maps checkout statuses: started -> open, completed -> complete, anything else -> unknown', () => {
  const status = (v: string | null) => _.normalizeCheckout(checkout({ status: v })).status
  assert.is(status('started'), 'open')
  assert.is(status('completed'), 'complete')
  assert.is(status('abandoned'), 'unknown')
  assert.is(status('toString'), 'unknown')
  assert.is(status(null), 'unknown')
  assert.is(_.normalizeCheckout(checkout({ payment_status: 'refunded' })).paymentStatus, 'unknown')
  assert.is(_.normalizeCheckout(checkout({ payment_status: 'paid' })).paymentStatus, 'paid')
})

s('amounts that are not safe integers, or have no currency, are null rather than wrong', () => {
  const co = _.normalizeCheckout(checkout({ amount_total: 47.5, currency: null }))
  assert.is(co.amountTotal, null)
  assert.is(co.amountSubtotal, null)
  assert.is(co.currency, null)
})

s('checkout line items read `recurring` as an object or a flag, and string quantities', () => {
  const co = checkout({
    line_items: [
      { price: 'a', currency: 'eur', quantity: '3', recurring: { interval: 'year', interval_count: 2 } },
      { price: 'b', quantity: 1, recurring: true },
      { price: 'c', quantity: 1, recurring: null, amount_total: 500 },
    ],
  })
  const [a, b, c] = _.normalizeCheckoutLineItems(co)
  assert.equal(a?.price?.recurring, { interval: 'year', intervalCount: 2 })
  assert.is(a?.price?.currency, 'EUR')
  assert.is(a?.quantity, 3)
  assert.is(b?.price?.type, 'recurring')
  assert.is(b?.price?.recurring, null)
  assert.is(c?.price?.type, 'one_time')
  assert.equal(c?.amountTotal, { amount: 500, currency: 'USD' })
  assert.is(c?.id, '07c432bf-cf5e-4900-a230-4e6de93d2bda:2')
})

s.run()
