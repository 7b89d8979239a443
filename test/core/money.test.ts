import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { formatMoney, minorUnitExponent, money, normalizeCurrency, toMajorUnits } from '@paymux/core/adapter'

const m = suite('core/money')

m('knows ISO 4217 minor-unit exponents from one table', () => {
  const table: [string, number][] = [
    ['USD', 2],
    ['EUR', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['VND', 0],
    ['BHD', 3],
    ['KWD', 3],
    ['OMR', 3],
    ['CLF', 4],
    ['jpy', 0],
  ]
  for (const [code, exp] of table) assert.is(minorUnitExponent(code), exp, code)
})

m('formats amounts exactly with the currency exponent', () => {
  assert.is(formatMoney({ amount: 1099, currency: 'USD' }), '10.99 USD')
  assert.is(formatMoney({ amount: 5, currency: 'USD' }), '0.05 USD')
  assert.is(formatMoney({ amount: 1000, currency: 'JPY' }), '1000 JPY')
  assert.is(formatMoney({ amount: 1500, currency: 'KWD' }), '1.500 KWD')
  assert.is(toMajorUnits({ amount: -250, currency: 'EUR' }), '-2.50')
  assert.is(toMajorUnits({ amount: 9007199254740991, currency: 'USD' }), '90071992547409.91')
})

m('refuses an amount that is not a safe integer and a malformed currency', () => {
  assert.ok(E.isLeft(money(10.5, 'USD')))
  assert.ok(E.isLeft(money(2 ** 53, 'USD')))
  assert.ok(E.isLeft(money(Number.NaN, 'USD')))
  assert.ok(E.isLeft(money(100, 'US')))
  assert.equal(money(100, 'usd'), E.right({ amount: 100, currency: 'USD' }))
})

m('normalizes currency case', () => {
  assert.is(normalizeCurrency(' usd '), 'USD')
  assert.is(normalizeCurrency('dollars'), null)
})

m.run()
