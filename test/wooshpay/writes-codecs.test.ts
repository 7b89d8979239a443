import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { normalizeProduct, normalizeRefund, readError, writeBodies } from '@paymux/wooshpay/internal'

const { intentBody, priceBody, refundBody } = writeBodies

const s = suite('wooshpay/writes-codecs')
const ctx = { livemode: false }

s('state codes are invalid_state with the code kept; idempotency_error is idempotency_conflict', () => {
  const pi = readError(400, {
    error: { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message: 'm' },
  })
  assert.equal([pi?.kind, pi?.code], ['invalid_state', 'payment_intent_unexpected_state'])
  const cs = readError(400, { type: 'invalid_request_error', code: 'checkout_session_unexpected_state' })
  assert.is(cs?.kind, 'invalid_state')
  assert.is(
    readError(409, { error: { type: 'idempotency_error', code: 'idempotency_key_in_use' } })?.kind,
    'idempotency_conflict',
  )
})

s('money types per endpoint: integer intent amount, string price and refund amounts', () => {
  assert.is(typeof intentBody({ amount: { amount: 5, currency: 'USD' } })['amount'], 'number')
  assert.is(priceBody({ productId: 'prod_1', currency: 'usd', unitAmount: 0 })['unit_amount'], '0')
  assert.equal(refundBody({ paymentIntentId: 'pi_1', amount: { amount: 12, currency: 'EUR' } }), {
    payment_intent: 'pi_1',
    amount: '12',
  })
})

s('refund and product normalizers read the copied-Stripe example (lower case, seconds) and strings', () => {
  const r = normalizeRefund(
    {
      id: 're_3KQu4U2eZvKYlo2C02Ndp8xy',
      amount: '100',
      currency: 'usd',
      created: 1692942318,
      payment_intent: 'pi_1',
      status: 'succeeded',
      reason: '',
    },
    ctx,
  )
  assert.equal(
    [r.amount, r.status, r.reason, r.createdAt.toISOString()],
    [{ amount: 100, currency: 'USD' }, 'succeeded', null, '2023-08-25T05:45:18.000Z'],
  )
  assert.is(normalizeRefund({ id: 're_1', amount: 1, status: 'weird' }, ctx, 'EUR').status, 'unknown')
  const p = normalizeProduct({ id: 'prod_1', name: 'Tee', active: 'true', created: 1_700_000_000_000 }, ctx)
  assert.equal([p.active, p.createdAt.getUTCFullYear(), p.description], [true, 2023, null])
})

s.run()
