import * as fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  ERROR_KINDS,
  PaymuxError,
  isPaymuxError,
  isRetryableKind,
  kindFromStatus,
  maskKey,
  redact,
  registerSecret,
  registerSecretPrefixes,
} from '@paymux/core/adapter'

// Core knows no provider's key shape: the adapters register theirs. These tests register the
// same prefixes a WooshPay-like and a PriceBlocs-like adapter would.
registerSecretPrefixes(['sk_test_', 'sk_live_', 'pk_test_', 'pk_live_', 'whsec_'])
registerSecretPrefixes(['PB_sk_test_', 'PB_sk_live_', 'PB_pk_test_', 'PB_pk_live_'])

const kinds = suite('core/errors: kinds')

kinds('maps HTTP statuses to kinds', () => {
  const table: [number, string][] = [
    [400, 'invalid_request'],
    [401, 'authentication'],
    [402, 'invalid_request'],
    [403, 'permission'],
    [404, 'not_found'],
    [409, 'conflict'],
    [429, 'rate_limited'],
    [500, 'server'],
    [502, 'server'],
    [503, 'server'],
    [504, 'server'],
  ]
  for (const [status, kind] of table) assert.is(kindFromStatus(status), kind, String(status))
})

kinds('only transient kinds are retryable', () => {
  const retryable = ERROR_KINDS.filter(isRetryableKind)
  assert.equal([...retryable].sort(), ['connection', 'rate_limited', 'server', 'timeout'])
  assert.is(new PaymuxError({ kind: 'decode', message: 'x' }).retryable, false)
  assert.is(new PaymuxError({ kind: 'server', message: 'x' }).retryable, true)
})

kinds('isPaymuxError works across copies of the package (registered symbol)', () => {
  const foreign = Object.assign(new Error('x'), { [Symbol.for('paymux.error')]: true })
  assert.ok(isPaymuxError(foreign))
  assert.not.ok(isPaymuxError(new Error('x')))
  assert.not.ok(isPaymuxError(null))
})

kinds('with() copies an error and replaces fields', () => {
  const e = new PaymuxError({ kind: 'server', message: 'boom', provider: 'wooshpay', status: 503 })
  const f = e.with({ checkpoint: 'pmx1.abc', attempts: 3 })
  assert.is(f.kind, 'server')
  assert.is(f.status, 503)
  assert.is(f.checkpoint, 'pmx1.abc')
  assert.is(f.attempts, 3)
  assert.is(e.checkpoint, null)
  assert.is(JSON.parse(JSON.stringify(f)).kind, 'server')
})

kinds.run()

const secrets = suite('core/errors: redaction')

secrets('redacts registered key shapes, auth headers and query credentials', () => {
  const text = [
    'key sk_live_abcDEF123456 and sk_test_xyz789xyz',
    'PB_sk_test_0123456789abcdef and PB_pk_live_aaaaaaaaaa',
    'Authorization: Basic c2tfdGVzdF9hYmM6 then Bearer abc.def-ghi',
    'https://x.test/v1?api_key=hunter2hunter2&limit=3',
  ].join('\n')
  const out = redact(text)
  for (const leak of [
    'abcDEF123456',
    'xyz789xyz',
    '0123456789abcdef',
    'aaaaaaaaaa',
    'c2tfdGVzdF9hYmM6',
    'abc.def-ghi',
    'hunter2hunter2',
  ]) {
    assert.not.ok(out.includes(leak), leak)
  }
  assert.ok(out.includes('limit=3'))
})

secrets('redacts a registered secret of any shape', () => {
  registerSecret('custom-secret-value-42')
  assert.is(redact('token custom-secret-value-42 used'), 'token [REDACTED] used')
})

secrets('a key prefix alone (help text) is not a secret and is left intact', () => {
  const help = 'expected sk_test_… or sk_live_…; PriceBlocs keys look like PB_sk_test_…'
  assert.is(redact(help), help)
  assert.is(redact('sk_test_x'), '[REDACTED]')
})

secrets('any 12 characters in a row of a registered secret are redacted, even when cut short', () => {
  const token = Buffer.from('sk_test_CutShortSecret123:').toString('base64')
  registerSecret(token)
  const cut = `got "xxxxxxxx${token.slice(0, 20)}`
  assert.not.ok(redact(cut).includes(token.slice(0, 12)))
  assert.is(redact(cut), 'got "xxxxxxxx[REDACTED]')
  // Fewer than 12 characters of it are not a secret (they would redact ordinary text).
  assert.is(redact(token.slice(5, 16)), token.slice(5, 16))
  // Two separate runs are both removed, the text between them kept.
  assert.is(redact(`${token.slice(0, 14)} and ${token.slice(-14)}`), '[REDACTED] and [REDACTED]')
})

secrets('maskKey keeps the registered prefix and the last four characters only', () => {
  assert.is(maskKey('sk_test_0123456789abcd'), 'sk_test_…abcd')
  assert.is(maskKey('PB_sk_live_0123456789wxyz'), 'PB_sk_live_…wxyz')
})

// Property: whatever key a user has and wherever it lands (message, code, cause, nested cause,
// URL), no generated key survives in the message, JSON, stack or cause of an error.
const keyArb = fc
  .tuple(
    fc.constantFrom('sk_test_', 'sk_live_', 'PB_sk_test_', 'PB_sk_live_', 'pk_live_', ''),
    fc.stringMatching(/^[A-Za-z0-9]{12,40}$/),
  )
  .map(([prefix, body]) => prefix + body)

secrets('no generated key appears in any error output (property)', () => {
  fc.assert(
    fc.property(keyArb, fc.string(), (key, noise) => {
      registerSecret(key)
      const basic = Buffer.from(`${key}:`).toString('base64')
      registerSecret(basic)
      const inner = new Error(`socket to https://api.test/?key=${key} failed`, { cause: new Error(`Bearer ${key}`) })
      const e = new PaymuxError({
        kind: 'authentication',
        message: `${noise} request with ${key} / Basic ${basic} failed`,
        code: key,
        cause: inner,
      })
      const cause = e.cause as Error
      const outputs = [
        e.message,
        JSON.stringify(e),
        String(e.stack),
        cause.message,
        String(cause.stack),
        String((cause.cause as Error).message),
        String(e.code),
      ]
      for (const out of outputs) {
        if (out.includes(key) || out.includes(basic)) return false
      }
      return true
    }),
    { numRuns: 300 },
  )
})

secrets.run()

const echoed = suite('core/errors: echoed credentials (regression)')

echoed('a key glued to other text or echoed as a request id is redacted', () => {
  const e = new PaymuxError({ kind: 'authentication', message: 'x', requestId: 'req_sk_live_abcdefgh12345678' })
  assert.is(e.requestId, 'req_[REDACTED]')
  assert.is(redact('id=req_PB_sk_test_abcdefgh12345678'), 'id=req_[REDACTED]')
})

echoed.run()
