import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { decodeWith } from '@paymux/core/adapter'
import * as pb from '@paymux/priceblocs/internal'
import { wire } from '@paymux/priceblocs/internal'
import { assertLeft, assertRight } from '../helpers/either.ts'
import { checkout, fixture, listPage, paymentLink, seedPage } from '../fixtures/priceblocs/factories.ts'

const decodeLinks = decodeWith(wire.PaymentLinkPage, 'links page', 'priceblocs')
const decodeCheckouts = decodeWith(wire.CheckoutPage, 'checkouts page', 'priceblocs')

const s = suite('priceblocs/codecs')

s('decodes the seed page, whose `data` is a single object, into a one-item array', () => {
  const page = assertRight(decodeLinks(seedPage()))
  assert.is(page.data.length, 1)
  assert.is(page.data[0]?.id, '00000000-0000-0000-0000-000000000000')
  assert.is(page.total, 198)
  assert.is(page.has_more, true)
})

s('reads the string page numbers of `links` as numbers (quirk 27)', () => {
  const page = assertRight(decodeLinks(seedPage()))
  assert.is(page.links?.next?.page, 2)
  assert.is(page.links?.last?.page, 10)
  assert.is(page.links?.self?.page, 1)
})

s('decodes `data` as an array too, and an empty array', () => {
  const two = assertRight(decodeLinks(listPage([paymentLink(), paymentLink({ id: 'b' })])))
  assert.equal(
    two.data.map((l) => l.id),
    ['00000000-0000-0000-0000-000000000000', 'b'],
  )
  assert.equal(assertRight(decodeLinks(listPage([]))).data, [])
})

s('keeps the wire object itself: extra fields and all, no copy', () => {
  const seed = seedPage()
  const page = assertRight(decodeLinks(seed))
  assert.ok(page.data[0] === seed.data, 'the decoded link is the very object parsed')
  assert.equal((page.data[0] as Record<string, unknown>)['shipping_worldwide'], false)
})

s('accepts SDK-style string quantities and a checkout`s boolean/string tax fields (quirks 30, 32)', () => {
  const co = checkout({ line_items: [{ price: 'p', quantity: '3' }] })
  const page = assertRight(decodeCheckouts(listPage(co)))
  assert.is(page.data[0]?.line_items?.[0]?.quantity, '3')
  assert.is((page.data[0] as Record<string, unknown>)['tax_rates'], 'txr_123')
})

s('refuses a link without an id, with the path in the message', () => {
  const { id: _id, ...noId } = paymentLink()
  const e = assertLeft(decodeLinks(listPage(noId)), 'decode')
  assert.match(e.message, /data\.0\.id|data\.id|id: expected string/)
})

s('refuses a page number that is not a positive integer', () => {
  for (const bad of ['0', '-1', '1.5', 'two', '', 0]) {
    const page = listPage([], { links: { next: { page: bad, rel: 'next', url: 'x' } } })
    assertLeft(decodeLinks(page), 'decode')
  }
})

s('refuses a wrong type in a decoded field, and `has_more` missing', () => {
  assertLeft(decodeLinks(listPage([paymentLink({ created: '1628234366' as unknown as number })])), 'decode')
  assertLeft(decodeLinks(listPage([paymentLink({ currency: 12 as unknown as string })])), 'decode')
  const { has_more: _h, ...noMore } = listPage([])
  assertLeft(decodeLinks(noMore), 'decode')
})

s('refuses a `created` no Date can hold, rather than produce an invalid createdAt', () => {
  for (const created of [Number.MAX_VALUE, 1e20, -1e16]) {
    assertLeft(decodeLinks(listPage([paymentLink({ created })])), 'decode')
  }
  assert.ok(E.isRight(wire.PaymentLink.decode(paymentLink({ created: 1628234366000 }))), 'milliseconds fit')
})

s('accepts null for optional fields and ignores fields it does not read', () => {
  const link = paymentLink({ title: null, line_items: null, updated: null, automatic_tax: 'weird' })
  assert.ok(E.isRight(wire.PaymentLink.decode(link)))
})

s('decodes the documented checkout and the error body', () => {
  const co = assertRight(wire.Checkout.decode(checkout()))
  assert.is(co.amount_total, 4750)
  const err = assertRight(wire.ErrorBody.decode(fixture('error-not-found.json')))
  assert.is(err.statusCode, 404)
  assert.is(err.type, 'invalid_request_error')
})

// Guarantee 11: numbers that are not safe integers are `decode`, as in WooshPay, never null.
// The bodies are JSON text, parsed as the transport parses them (`1e400` becomes Infinity).
const body = (value: unknown, text: string) =>
  JSON.parse(JSON.stringify(listPage([value])).replace('"__N__"', text)) as unknown

s('amounts that are not safe integers (12.5, 2^53+1, 1e400) are decode errors, never null', () => {
  for (const text of ['12.5', String(2 ** 53 + 1), '1e400', '-1e400']) {
    const top = body(checkout({ amount_total: '__N__' as never }), text)
    const e = assertLeft(pb.decodeCheckoutPage(top), 'decode')
    assert.match(e.message, 'data.0.amount_total', text)
    const nested = body(checkout({ line_items: [{ price: 'p', amount_subtotal: '__N__' as never }] }), text)
    assert.match(assertLeft(pb.decodeCheckoutPage(nested), 'decode').message, 'data.0.line_items.0.amount_subtotal')
  }
  assert.equal(assertRight(pb.decodeCheckoutPage(listPage([checkout()]))).data[0]?.amountTotal, {
    amount: 4750,
    currency: 'USD',
  })
})

s('a quantity that is not a count ("abc", -3, 1.5, "1.5", "") is a decode error, never 1', () => {
  for (const quantity of ['abc', -3, '-3', 1.5, '1.5', '', ' 3', 2 ** 53]) {
    const link = paymentLink({ line_items: [{ price: 'p', quantity: quantity as never }] })
    const e = assertLeft(pb.decodePaymentLinkPage(listPage([link])), 'decode')
    assert.match(e.message, 'data.0.line_items.0.quantity', String(quantity))
    const co = checkout({ line_items: [{ price: 'p', quantity: quantity as never }] })
    assertLeft(pb.decodeCheckoutLineItems(co), 'decode')
  }
  const ok = paymentLink({ line_items: [{ price: 'p', quantity: '3' }, { price: 'q', quantity: 0 }, { price: 'r' }] })
  assert.equal(
    assertRight(pb.decodePaymentLinkLineItems(ok)).map((li) => li.quantity),
    [3, 0, 1],
  )
})

s('timestamps, page numbers and totals that are not safe integers are decode errors', () => {
  for (const text of ['1628234366.5', '1e400', '-1']) {
    assertLeft(pb.decodePaymentLinkPage(body(paymentLink({ created: '__N__' as never }), text)), 'decode')
    assertLeft(pb.decodePaymentLinkPage(body(paymentLink({ updated: '__N__' as never }), text)), 'decode')
  }
  for (const over of [{ page: 1.5 }, { page_size: 0 }, { total: -1 }, { total: Infinity }, { total: 2 ** 53 + 1 }]) {
    assertLeft(pb.decodePaymentLinkPage(listPage([], over)), 'decode')
  }
})

s.run()
