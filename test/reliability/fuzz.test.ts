/**
 * Fuzz: hostile and malformed bodies through every adapter codec and normalizer. Each must end
 * as a value that is a valid neutral object, or a typed PaymuxError: never an uncaught
 * exception, never a polluted prototype.
 */
import * as fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { readFileSync } from 'node:fs'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { CheckoutSession, LineItem, PaymentIntent, PaymentLink, isPaymuxError } from '@paymux/core/adapter'
import * as pb from '@paymux/priceblocs/internal'
import * as wp from '@paymux/wooshpay/internal'

const fixture = (provider: string, name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/${provider}/${name}.json`, import.meta.url), 'utf8'))

/** A pipeline: body -> Either<PaymuxError, neutral objects>. Throwing is a failure of the test. */
interface Target {
  readonly name: string
  readonly seed: unknown
  readonly run: (body: unknown) => E.Either<unknown, readonly unknown[]>
  readonly neutral: t.Mixed
}

const ctx = { livemode: false }
const wpTarget = <W, T>(
  name: string,
  codec: t.Type<W, W, unknown>,
  normalize: (w: W) => T,
  neutral: t.Mixed,
  seed: unknown,
): Target => {
  const decode = wp.decodeInto(codec, name, normalize)
  return { name: `wooshpay ${name}`, seed, neutral, run: (b) => E.map((x: T) => [x])(decode(b)) }
}
const pbTarget = <T>(
  name: string,
  decode: (body: unknown) => E.Either<unknown, T>,
  items: (decoded: T) => readonly unknown[],
  neutral: t.Mixed,
  seed: unknown,
): Target => ({ name: `priceblocs ${name}`, seed, neutral, run: (b) => E.map(items)(decode(b)) })

const targets: readonly Target[] = [
  wpTarget(
    'payment link',
    wp.wire.PaymentLink,
    (w) => wp.normalizePaymentLink(w, ctx),
    PaymentLink,
    fixture('wooshpay', 'payment-link-quirky'),
  ),
  wpTarget(
    'checkout session',
    wp.wire.CheckoutSession,
    (w) => wp.normalizeCheckoutSession(w, ctx),
    CheckoutSession,
    fixture('wooshpay', 'checkout-session-quirky'),
  ),
  wpTarget(
    'payment intent',
    wp.wire.PaymentIntent,
    (w) => wp.normalizePaymentIntent(w, ctx),
    PaymentIntent,
    fixture('wooshpay', 'payment-intent-quirky'),
  ),
  pbTarget(
    'payment links page',
    pb.decodePaymentLinkPage,
    (page) => page.data,
    PaymentLink,
    fixture('priceblocs', 'payment-links-page'),
  ),
  pbTarget('checkout', pb.decodeCheckout, (co) => [co], CheckoutSession, fixture('priceblocs', 'checkout')),
  pbTarget(
    'payment link line items',
    pb.decodePaymentLinkLineItems,
    (items) => items,
    LineItem,
    (fixture('priceblocs', 'payment-links-page') as { data: unknown }).data,
  ),
]

const hostileValue = fc.oneof(
  fc.anything({ maxDepth: 3, withNullPrototype: true, withBigInt: false }),
  fc.constantFrom(
    '',
    '""',
    '"list"',
    'null',
    '[1,2',
    '{"__proto__":{"polluted":1}}',
    'NaN',
    '1e400',
    '12.5',
    'abc',
    '\u0000',
    '9'.repeat(40),
  ),
  fc.constantFrom(Number.MAX_VALUE, -Number.MAX_VALUE, 2 ** 53, -1, 1e13, 1e20, Number.MIN_VALUE),
  fc.constantFrom({ __proto__: { polluted: true } }, JSON.parse('{"__proto__":{"polluted":true}}'), {
    constructor: { prototype: { polluted: true } },
  }),
  fc.constant(deep(400)),
)

function deep(n: number): unknown {
  let v: unknown = 'x'
  for (let i = 0; i < n; i++) v = { a: v }
  return v
}

/** The seed with one field (top level or one level down) replaced by a hostile value. */
const mutated = (seed: unknown) =>
  fc.tuple(fc.nat(), fc.nat(), hostileValue).map(([i, j, v]) => {
    const copy = JSON.parse(JSON.stringify(seed)) as Record<string, unknown>
    const keys = Object.keys(copy)
    const key = keys[i % keys.length] as string
    const inner = copy[key]
    if (inner && typeof inner === 'object' && !Array.isArray(inner) && j % 2 === 0) {
      const innerKeys = Object.keys(inner)
      if (innerKeys.length > 0) (inner as Record<string, unknown>)[innerKeys[j % innerKeys.length] as string] = v
    } else copy[key] = v
    return copy
  })

const check = (target: Target, body: unknown): boolean => {
  let result: E.Either<unknown, readonly unknown[]>
  try {
    result = target.run(body)
  } catch (e) {
    throw new Error(`${target.name} threw ${String(e)} for ${JSON.stringify(body)?.slice(0, 200)}`)
  }
  assert.is(({} as Record<string, unknown>)['polluted'], undefined, 'Object.prototype polluted')
  if (E.isLeft(result)) {
    assert.ok(isPaymuxError(result.left), 'Left is a PaymuxError')
    return true
  }
  for (const o of result.right) {
    const roundTrip = target.neutral.decode(JSON.parse(JSON.stringify(o)))
    if (E.isLeft(roundTrip))
      throw new Error(`${target.name} produced an invalid neutral object from ${JSON.stringify(body)?.slice(0, 300)}`)
  }
  return true
}

const fuzz = suite('reliability/fuzz')

fuzz('the seed fixtures decode to valid neutral objects', () => {
  for (const target of targets) {
    const r = target.run(target.seed)
    assert.ok(E.isRight(r), `${target.name}: ${E.isLeft(r) ? String((r.left as Error).message) : ''}`)
    check(target, target.seed)
  }
})

for (const target of targets) {
  fuzz(`${target.name}: arbitrary bodies end as a value or a typed error`, () => {
    fc.assert(
      fc.property(hostileValue, (body) => check(target, body)),
      { numRuns: 200 },
    )
  })
  fuzz(`${target.name}: one hostile field in a valid object ends as a value or a typed error`, () => {
    fc.assert(
      fc.property(mutated(target.seed), (body) => check(target, body)),
      { numRuns: 400 },
    )
  })
}

fuzz('error-body readers never throw on hostile bodies', () => {
  fc.assert(
    fc.property(fc.integer({ min: 100, max: 599 }), hostileValue, (status, body) => {
      const a = wp.readError(status, body)
      const b = pb.readError(status, body)
      return (a === null || typeof a === 'object') && (b === null || typeof b === 'object')
    }),
    { numRuns: 300 },
  )
})

fuzz.run()
