import * as fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { CheckoutSession, LineItem, Money, PaymentIntent, PaymentLink, toKnown } from '@paymux/core/adapter'
import { checkoutSessionArb, lineItemArb, paymentIntentArb, paymentLinkArb } from '../helpers/neutral-arbitraries.ts'

const model = suite('core/model')

const roundTrips = <A, O>(codec: t.Type<A, O, unknown>, arb: fc.Arbitrary<A>) =>
  fc.assert(
    fc.property(arb, (value) => {
      const viaJson = codec.decode(JSON.parse(JSON.stringify(codec.encode(value))))
      assert.ok(E.isRight(viaJson), `${codec.name} failed to decode its own JSON`)
      if (E.isRight(viaJson)) assert.equal(viaJson.right, value)
    }),
    { numRuns: 150 },
  )

model('PaymentLink round-trips through JSON (Dates as ISO strings)', () => roundTrips(PaymentLink, paymentLinkArb))
model('LineItem round-trips through JSON', () => roundTrips(LineItem, lineItemArb))
model('CheckoutSession round-trips through JSON', () => roundTrips(CheckoutSession, checkoutSessionArb))
model('PaymentIntent round-trips through JSON', () => roundTrips(PaymentIntent, paymentIntentArb))

model('dates encode as ISO strings and invalid dates are refused', () => {
  const sample = fc.sample(paymentLinkArb, 1)[0] as PaymentLink
  const encoded = PaymentLink.encode(sample) as { createdAt: unknown }
  assert.type(encoded.createdAt, 'string')
  assert.ok(E.isLeft(PaymentLink.decode({ ...encoded, createdAt: 'not a date' })))
})

model('absent values must be null, never undefined', () => {
  const sample = PaymentLink.encode(fc.sample(paymentLinkArb, 1)[0] as PaymentLink) as Record<string, unknown>
  const { title: _title, ...withoutTitle } = sample
  assert.ok(E.isLeft(PaymentLink.decode(withoutTitle)))
})

model('Money refuses unsafe amounts and lower-case currencies', () => {
  assert.ok(E.isRight(Money.decode({ amount: 100, currency: 'USD' })))
  assert.ok(E.isLeft(Money.decode({ amount: 1.5, currency: 'USD' })))
  assert.ok(E.isLeft(Money.decode({ amount: 2 ** 60, currency: 'USD' })))
  assert.ok(E.isLeft(Money.decode({ amount: 1, currency: 'usd' })))
})

model('toKnown maps an unknown provider value to unknown, never a guess', () => {
  assert.is(toKnown(['open', 'complete'] as const, 'open'), 'open')
  assert.is(toKnown(['open', 'complete'] as const, 'OPEN'), 'unknown')
  assert.is(toKnown(['open', 'complete'] as const, 42), 'unknown')
})

model.run()
