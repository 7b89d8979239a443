/** Neutral write inputs -> PriceBlocs bodies, tested directly (pure functions). */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { attemptMayHaveHappened } from '@paymux/core/adapter'
import {
  fingerprintOf,
  linkCreateBody,
  linkUpdateBody,
  markUrl,
  matchesFingerprint,
  referenceOfUrl,
} from '@paymux/priceblocs/internal'

const s = suite('priceblocs/writes-bodies')

s('create body: line_items for price ids, price_data for ad-hoc prices, mode only when known', () => {
  assert.equal(
    linkCreateBody(
      {
        lineItems: [
          { price: 'price_1', quantity: 2 },
          {
            priceData: {
              currency: 'EUR',
              unitAmount: 900,
              productName: 'Box',
              recurring: { interval: 'month', intervalCount: 3 },
            },
            quantity: 1,
          },
        ],
        title: 'T',
        successUrl: 'https://a.example/ok?x=1',
      },
      'pmx_ref',
    ),
    {
      line_items: [{ price: 'price_1', quantity: 2 }],
      price_data: [
        {
          currency: 'eur',
          unit_amount: 900,
          product_data: { name: 'Box' },
          recurring: { interval: 'month', interval_count: 3 },
          quantity: 1,
        },
      ],
      mode: 'subscription',
      title: 'T',
      success_url: 'https://a.example/ok?x=1&paymux_ref=pmx_ref',
    },
  )
  assert.equal(linkCreateBody({ lineItems: [{ price: 'price_1', quantity: 1 }] }, 'r'), {
    line_items: [{ price: 'price_1', quantity: 1 }],
  })
  assert.is(
    linkCreateBody(
      { lineItems: [{ priceData: { currency: 'usd', unitAmount: 1, productName: 'x' }, quantity: 1 }] },
      'r',
    )['mode'],
    'payment',
  )
  assert.throws(
    () => linkCreateBody({ lineItems: [{ price: 'p', quantity: 1 }], active: false }, 'r'),
    /created active/,
  )
})

s('update body maps active to status and refuses contradictions and empty updates', () => {
  assert.equal(linkUpdateBody({ active: false, title: 'x' }), { title: 'x', status: 'inactive' })
  assert.equal(linkUpdateBody({ status: 'archived', successUrl: 'https://a.example' }), {
    status: 'archived',
    success_url: 'https://a.example',
  })
  assert.equal(linkUpdateBody({ active: true, status: 'active' }), { status: 'active' })
  assert.throws(() => linkUpdateBody({ active: false, status: 'active' }), /contradicts/)
  assert.throws(() => linkUpdateBody({}), /changes nothing/)
})

s('the reference round-trips through a URL and replaces an earlier one', () => {
  const once = markUrl('https://a.example/p?paymux_ref=old', 'pmx_new')
  assert.is(referenceOfUrl(once), 'pmx_new')
  assert.is(referenceOfUrl('https://a.example/p'), null)
  assert.is(referenceOfUrl('not a url'), null)
  assert.is(referenceOfUrl(undefined), null)
})

s('fingerprints match a link with the same fields and items, in the order PriceBlocs stores them', () => {
  const f = fingerprintOf({
    title: 'T',
    lineItems: [
      { priceData: { currency: 'usd', unitAmount: 1, productName: 'x' }, quantity: 2 },
      { price: 'price_1', quantity: 1 },
    ],
  })
  const link = {
    title: 'T',
    description: '',
    line_items: [
      { price: 'price_1', quantity: 1 },
      { price: 'price_flex1', quantity: 2 },
    ],
  }
  assert.ok(matchesFingerprint(link, f))
  assert.not.ok(matchesFingerprint({ ...link, title: 'U' }, f))
  assert.not.ok(matchesFingerprint({ ...link, line_items: link.line_items.slice(1) }, f))
  assert.not.ok(matchesFingerprint({ ...link, line_items: [{ price: 'price_2', quantity: 1 }, link.line_items[1]] }, f))
})

s('an attempt may have happened unless it never left (refused connection)', () => {
  const at = (kind: 'timeout' | 'server' | 'connection' | 'rate_limited' | 'not_found', message = '') => ({
    attempt: 1,
    kind,
    status: null,
    message,
  })
  assert.ok(attemptMayHaveHappened(at('timeout')))
  assert.ok(attemptMayHaveHappened(at('server')))
  assert.ok(attemptMayHaveHappened(at('connection', 'DELETE x failed: socket hang up: ECONNRESET')))
  assert.not.ok(
    attemptMayHaveHappened(
      at('connection', 'DELETE x failed: fetch failed: connect ECONNREFUSED 127.0.0.1:9: ECONNREFUSED'),
    ),
  )
  assert.not.ok(attemptMayHaveHappened(at('rate_limited')))
  assert.not.ok(attemptMayHaveHappened(at('not_found')))
})

s.run()
