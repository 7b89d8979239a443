import type * as t from 'io-ts'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { decodeWith } from '@paymux/core/adapter'
import { wooshpay } from '@paymux/wooshpay'
import * as _ from '@paymux/wooshpay/internal'
import { wire } from '@paymux/wooshpay/internal'
import { assertLeft, assertRight } from '../helpers/either.ts'
import { fixture, withFields } from '../fixtures/wooshpay/load.ts'

const s = suite('wooshpay/codecs')

const decode = <A>(codec: t.Decoder<unknown, A>, u: unknown) => decodeWith(codec, 'a fixture', 'wooshpay')(u)

s('decodes the clean and the quirky form of every fixture, returning the very same object', () => {
  const cases = [
    [wire.PaymentLink, 'payment-link'],
    [wire.PaymentLink, 'payment-link-quirky'],
    [wire.CheckoutSession, 'checkout-session'],
    [wire.CheckoutSession, 'checkout-session-quirky'],
    [wire.PaymentIntent, 'payment-intent'],
    [wire.PaymentIntent, 'payment-intent-quirky'],
    [wire.LineItemList, 'line-items-page'],
    [wire.PaymentIntentList, 'list-envelope-quirky'],
  ] as const
  for (const [codec, name] of cases) {
    const input = fixture(name)
    const out = assertRight(decode(codec as never, input))
    assert.is(out, input, `${name}: decoding must not copy (raw is the wire object)`)
  }
})

s('quirk 4: integers as strings are strict; "12.5", "abc", "1e3" and "" are decode errors', () => {
  const page = fixture('line-items-page')
  const item = (page['data'] as Record<string, unknown>[])[0] as Record<string, unknown>
  for (const bad of ['12.5', 'abc', '1e3', ' 12', '0x10', '99999999999999999']) {
    const e = assertLeft(decode(wire.LineItemList, { ...page, data: [{ ...item, amount_total: bad }] }), 'decode')
    assert.match(e.message, 'data.0.amount_total', bad)
    assert.match(e.message, 'IntLike')
    const q = assertLeft(decode(wire.LineItemList, { ...page, data: [{ ...item, quantity: bad }] }), 'decode')
    assert.match(q.message, 'data.0.quantity', bad)
  }
  // A quantity is a count: negative is refused too, never read as the default of 1.
  for (const bad of ['-3', -3, 1.5]) {
    assertLeft(decode(wire.LineItemList, { ...page, data: [{ ...item, quantity: bad }] }), 'decode')
  }
  assert.ok(wire.IntLike.is('-12'))
  assert.ok(wire.IntLike.is(12))
  assert.not.ok(wire.IntLike.is(12.5))
  assert.not.ok(wire.IntLike.is(Number.NaN))
})

s('quirk 10: "" and null are accepted where a value may be absent, not where it is required', () => {
  assertRight(decode(wire.PaymentIntent, withFields('payment-intent', { customer: '', canceled_at: '' })))
  assertRight(decode(wire.PaymentIntent, withFields('payment-intent', { customer: null, metadata: '' })))
  const e = assertLeft(decode(wire.PaymentIntent, withFields('payment-intent', { amount: '' })), 'decode')
  assert.match(e.message, 'amount')
  assertLeft(decode(wire.PaymentIntent, withFields('payment-intent', { currency: null })), 'decode')
})

s('quirk 2: the list tag is "list" or "\\"list\\"", anything else is refused', () => {
  assertRight(decode(wire.PaymentIntentList, { object: 'list', has_more: false, data: [] }))
  assertRight(decode(wire.PaymentIntentList, { object: '"list"', has_more: false, data: [] }))
  assertLeft(decode(wire.PaymentIntentList, { object: 'payment_intent', has_more: false, data: [] }), 'decode')
})

s('a list without has_more or data cannot be paged safely and is refused', () => {
  const e = assertLeft(decode(wire.PaymentIntentList, { object: 'list', data: [] }), 'decode')
  assert.match(e.message, 'has_more')
  assertLeft(decode(wire.PaymentIntentList, { object: 'list', has_more: false }), 'decode')
  assertLeft(decode(wire.PaymentIntentList, { has_more: false, data: {} }), 'decode')
})

s('quirk 9: payment_method_types is an array or a JSON-encoded array of strings, nothing else', () => {
  assert.ok(wire.StringList.is(['card']))
  assert.ok(wire.StringList.is('["card","alipay"]'))
  assert.not.ok(wire.StringList.is('card,alipay'))
  assert.not.ok(wire.StringList.is('[1,2]'))
  assert.not.ok(wire.StringList.is('[not json'))
  assertLeft(decode(wire.PaymentIntent, withFields('payment-intent', { payment_method_types: '{"a":1}' })), 'decode')
})

s('quirk 7 and 8: timestamps are non-negative integers (s or ms); currencies three letters in any case', () => {
  assert.ok(wire.Timestamp.is(1665553291))
  assert.ok(wire.Timestamp.is(1665553291000))
  assert.ok(wire.Timestamp.is('1665553291'))
  assert.not.ok(wire.Timestamp.is(-1))
  assert.ok(wire.Timestamp.is(8_640_000_000_000_000), 'the last instant a Date can hold')
  assert.not.ok(wire.Timestamp.is(8_640_000_000_000_001), 'beyond any Date: a decode error, never Invalid Date')
  assert.not.ok(wire.Timestamp.is('2022-10-12T05:41:31Z'))
  assert.ok(wire.CurrencyCode.is('usd') && wire.CurrencyCode.is('USD'))
  assert.not.ok(wire.CurrencyCode.is('US'))
  assert.not.ok(wire.CurrencyCode.is('US$'))
})

s('metadata values must be scalars; an object inside metadata is refused', () => {
  assertRight(decode(wire.PaymentIntent, withFields('payment-intent', { metadata: { n: 1, b: true, z: null } })))
  const e = assertLeft(decode(wire.PaymentIntent, withFields('payment-intent', { metadata: { deep: {} } })), 'decode')
  assert.match(e.message, 'metadata')
})

s('a failure names the path inside a page', () => {
  const good = fixture('payment-intent')
  const e = assertLeft(
    decode(wire.PaymentIntentList, {
      object: 'list',
      has_more: false,
      data: [good, { ...good, created: 'yesterday' }],
    }),
    'decode',
  )
  assert.match(e.message, 'data.1.created')
  assert.is(e.provider, 'wooshpay')
})

s('a refused value is redacted before it is cut: no 12 characters of an echoed Basic token survive', () => {
  const key = 'sk_test_EchoedIntoAFieldByTheServer42'
  wooshpay({ apiKey: key }) // registers the key and its Basic token with core's redaction
  const token = btoa(`${key}:`)
  // The server echoes the token into a field the codec refuses, placed so the 60-character cut
  // of the shown value falls inside the token.
  for (const pad of [0, 10, 20, 30, 40]) {
    const body = withFields('payment-intent', { amount: `${'x'.repeat(pad)}${token}` })
    const e = assertLeft(decode(wire.PaymentIntent, body), 'decode')
    for (let i = 0; i + 12 <= token.length; i++) {
      assert.not.ok(e.message.includes(token.slice(i, i + 12)), `pad ${pad}: ${e.message}`)
    }
    assert.match(e.message, 'amount')
  }
})

s('quirk 7: epoch values of 1e11 or more are milliseconds, smaller ones seconds', () => {
  const created = (v: number) =>
    _.normalizePaymentIntent(assertRight(decode(wire.PaymentIntent, withFields('payment-intent', { created: v }))), {
      livemode: false,
    }).createdAt
  assert.equal(created(99_999_999_999), new Date(99_999_999_999_000))
  assert.equal(created(100_000_000_000), new Date(100_000_000_000))
  assert.equal(created(1_665_553_291_000), new Date(1_665_553_291_000))
})

s('a refused value too deep to print is still a decode error, never a RangeError', () => {
  let deep: unknown = 'x'
  for (let i = 0; i < 200_000; i++) deep = { a: deep }
  const e = assertLeft(decode(wire.PaymentIntent, withFields('payment-intent', { amount: deep })), 'decode')
  assert.match(e.message, 'amount')
})

s.run()
