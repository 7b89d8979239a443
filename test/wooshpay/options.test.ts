import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { redact } from '@paymux/core/adapter'
import { wooshpay } from '@paymux/wooshpay'
import { resolveOptions } from '@paymux/wooshpay/internal'
import { throwsWith } from '../helpers/either.ts'

const s = suite('wooshpay/options')
const TEST_KEY = 'sk_test_51HxQaZ8k2Lm4Np6Rt'
const LIVE_KEY = 'sk_live_51HxQaZ8k2Lm4Np6Rt'

s('the default base URL follows the key mode', () => {
  assert.is(resolveOptions({ apiKey: TEST_KEY }).baseUrl, 'https://apitest.wooshpay.com')
  assert.is(resolveOptions({ apiKey: TEST_KEY }).mode, 'test')
  assert.is(resolveOptions({ apiKey: LIVE_KEY }).baseUrl, 'https://api.wooshpay.com')
  assert.is(resolveOptions({ apiKey: LIVE_KEY }).mode, 'live')
  assert.is(resolveOptions({ apiKey: TEST_KEY, baseUrl: 'http://127.0.0.1:4010/' }).baseUrl, 'http://127.0.0.1:4010')
})

s('auth is Basic with the key as username and an empty password', () => {
  const { authorization } = resolveOptions({ apiKey: TEST_KEY })
  assert.is(authorization, `Basic ${Buffer.from(`${TEST_KEY}:`).toString('base64')}`)
})

s('publishable, malformed and missing keys are config errors at construction', () => {
  for (const apiKey of [
    'pk_test_51HxQaZ8k2Lm4Np6Rt',
    'pk_live_51HxQaZ8k2Lm4Np6Rt',
    'sk_test_',
    'sk_prod_51HxQaZ8k2',
    ` ${TEST_KEY}`,
    `${TEST_KEY}\n`,
    'hello',
    '',
  ]) {
    const e = throwsWith(() => wooshpay({ apiKey }), 'config')
    assert.is(e.provider, 'wooshpay')
    if (apiKey.length > 8) assert.not.ok(e.message.includes(apiKey.trim()), 'the key is never quoted')
  }
  throwsWith(() => wooshpay(undefined as never), 'config')
  throwsWith(() => wooshpay({} as never), 'config')
})

s('any characters after the documented prefix are a key (the docs own sk_test_your_key)', () => {
  for (const apiKey of ['sk_test_abc', 'sk_test_abc_def_123', 'sk_test_your_key', 'sk_live_x']) {
    assert.ok(wooshpay({ apiKey, baseUrl: 'http://127.0.0.1:1' }), apiKey)
  }
  assert.is(resolveOptions({ apiKey: 'sk_live_x' }).mode, 'live')
})

s('a key used with the other mode host is a config error', () => {
  throwsWith(() => wooshpay({ apiKey: TEST_KEY, baseUrl: 'https://api.wooshpay.com' }), 'config')
  throwsWith(() => wooshpay({ apiKey: LIVE_KEY, baseUrl: 'https://apitest.wooshpay.com' }), 'config')
  assert.ok(wooshpay({ apiKey: TEST_KEY, baseUrl: 'https://proxy.example.com' }))
})

s('a live key is refused over plain http except to loopback', () => {
  throwsWith(() => wooshpay({ apiKey: LIVE_KEY, baseUrl: 'http://api.wooshpay.com' }), 'config')
  throwsWith(() => wooshpay({ apiKey: LIVE_KEY, baseUrl: 'http://proxy.internal:8080' }), 'config')
  assert.ok(wooshpay({ apiKey: LIVE_KEY, baseUrl: 'http://127.0.0.1:4010' }))
  assert.ok(wooshpay({ apiKey: TEST_KEY, baseUrl: 'http://proxy.internal:8080' }))
})

s('common options are checked too', () => {
  throwsWith(() => wooshpay({ apiKey: TEST_KEY, timeoutMs: 0 }), 'config')
  throwsWith(() => wooshpay({ apiKey: TEST_KEY, retry: { retries: -1 } }), 'config')
  throwsWith(() => wooshpay({ apiKey: TEST_KEY, retry: { maxRetries: 10 } as never }), 'config')
  throwsWith(() => wooshpay({ apiKey: TEST_KEY, baseUrl: 'ftp://x' }), 'config')
})

s('the key and its Basic form are registered for redaction at construction', () => {
  const key = 'sk_test_RegisterMe0123456789'
  wooshpay({ apiKey: key })
  const basic = Buffer.from(`${key}:`).toString('base64')
  assert.not.ok(redact(`key=${key} header=${basic}`).includes(key))
  assert.not.ok(redact(`token ${basic}`).includes(basic))
})

s.run()
