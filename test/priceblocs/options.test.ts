import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { priceblocs, DEFAULT_BASE_URL } from '@paymux/priceblocs'
import { resolveOptions } from '@paymux/priceblocs/internal'
import { throwsWith } from '../helpers/either.ts'

const s = suite('priceblocs/options')

s('accepts test and live secret keys; the default base URL is the PriceBlocs API', () => {
  assert.equal(resolveOptions({ apiKey: 'PB_sk_test_abc123' }), {
    apiKey: 'PB_sk_test_abc123',
    live: false,
    baseUrl: DEFAULT_BASE_URL,
  })
  assert.is(resolveOptions({ apiKey: 'PB_sk_live_abc123' }).live, true)
  assert.is(
    resolveOptions({ apiKey: 'PB_sk_test_abc123', baseUrl: 'http://127.0.0.1:4010/' }).baseUrl,
    'http://127.0.0.1:4010',
  )
  assert.is(DEFAULT_BASE_URL, 'https://api.priceblocs.com')
})

s('a publishable key is a config error at construction, and the key is not quoted', () => {
  const e = throwsWith(() => priceblocs({ apiKey: 'PB_pk_test_visible123' }), 'config')
  assert.match(e.message, /publishable/)
  assert.not.match(e.message, /visible123/)
})

s('missing, malformed or foreign keys are config errors', () => {
  for (const apiKey of [
    '',
    '   ',
    'sk_test_abc123',
    'PB_sk_prod_abc',
    'PB_sk_test_',
    'Bearer PB_sk_test_x',
    'PB_sk_test_a b',
    ' PB_sk_test_abc123',
    'PB_sk_test_abc123\n',
  ]) {
    throwsWith(() => priceblocs({ apiKey }), 'config')
  }
  throwsWith(() => priceblocs(undefined as unknown as { apiKey: string }), 'config')
})

s('whitespace is refused with its own hint, never trimmed (as in WooshPay)', () => {
  const e = throwsWith(() => priceblocs({ apiKey: 'PB_sk_test_ x' }), 'config')
  assert.match(e.message, /apiKey contains whitespace/)
  assert.match(throwsWith(() => priceblocs({ apiKey: ' PB_sk_test_abc' }), 'config').message, /whitespace/)
})

s('any characters after the documented prefix are a key', () => {
  for (const apiKey of ['PB_sk_test_x', 'PB_sk_test_abc_def_123', 'PB_sk_test_your_key']) {
    assert.is(resolveOptions({ apiKey }).apiKey, apiKey)
  }
})

s('a live key over plain http is refused unless the host is loopback', () => {
  throwsWith(() => priceblocs({ apiKey: 'PB_sk_live_abc123', baseUrl: 'http://api.example.com' }), 'config')
  assert.ok(priceblocs({ apiKey: 'PB_sk_live_abc123', baseUrl: 'http://127.0.0.1:9' }))
  assert.ok(priceblocs({ apiKey: 'PB_sk_test_abc123', baseUrl: 'http://api.example.com' }))
})

s('bad base URLs and numeric options are config errors', () => {
  const apiKey = 'PB_sk_test_abc123'
  for (const baseUrl of ['not a url', 'ftp://x.test', 'https://user:pw@x.test', 'https://x.test/?page=2']) {
    throwsWith(() => priceblocs({ apiKey, baseUrl }), 'config')
  }
  throwsWith(() => priceblocs({ apiKey, timeoutMs: 0 }), 'config')
  throwsWith(() => priceblocs({ apiKey, retry: { retries: -1 } }), 'config')
})

s.run()
