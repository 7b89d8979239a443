import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { readError } from '@paymux/wooshpay/internal'
import { fixture } from '../fixtures/wooshpay/load.ts'

const s = suite('wooshpay/errors')

s('reads the nested Stripe-style body: code kept, param in the message', () => {
  assert.equal(readError(404, fixture('error-nested')), {
    kind: 'not_found',
    code: 'resource_missing',
    message: "No such payment_intent: 'pi_123' (param: id)",
  })
})

s('reads the flat top-level body', () => {
  assert.equal(readError(503, fixture('error-flat')), {
    kind: 'server',
    code: 'service_unavailable',
    message: 'a temporary problem with internal servers',
  })
})

s('maps every documented status to its kind', () => {
  const body = { error: { type: 'invalid_request_error', message: 'x' } }
  const expected: Record<number, string> = {
    400: 'invalid_request',
    401: 'authentication',
    402: 'invalid_request',
    403: 'permission',
    404: 'not_found',
    409: 'conflict',
    429: 'rate_limited',
    500: 'server',
    502: 'server',
    503: 'server',
    504: 'server',
  }
  for (const [status, kind] of Object.entries(expected)) assert.is(readError(Number(status), body)?.kind, kind, status)
})

s('an idempotency_error is idempotency_conflict whatever the status; without a code the type is kept', () => {
  const r = readError(400, { error: { type: 'idempotency_error', message: 'Keys for idempotent requests…' } })
  assert.is(r?.kind, 'idempotency_conflict')
  assert.is(r?.code, 'idempotency_error')
})

s('`{ "error": "<code>", "message" }` bodies keep the string as code', () => {
  assert.equal(readError(402, { error: 'payment_failed', message: 'Request failed' }), {
    kind: 'invalid_request',
    code: 'payment_failed',
    message: 'Request failed',
  })
})

s('a success body is not an error, unless it carries an explicit error object', () => {
  assert.is(readError(200, { object: 'list', data: [], has_more: false }), null)
  assert.is(readError(200, { message: 'ok', code: 0 }), null)
  assert.equal(readError(200, { error: { type: 'api_error', message: 'internal' } }), {
    kind: 'server',
    code: 'api_error',
    message: 'internal',
  })
  assert.is(readError(200, { error: { type: 'card_error', code: 'card_declined' } })?.kind, 'invalid_request')
})

s('bodies that are not objects give no reading (the transport types them by status)', () => {
  assert.is(readError(500, 'Internal Server Error'), null)
  assert.is(readError(502, null), null)
  assert.is(readError(400, [1, 2]), null)
  assert.equal(readError(418, {}), { kind: 'invalid_request', code: null })
})

s('numeric codes are kept as text; empty strings are ignored', () => {
  assert.equal(readError(400, { code: 40001, message: '' }), { kind: 'invalid_request', code: '40001' })
})

s.run()
