/**
 * Options are checked at construction, in both adapters, with the same rules and messages:
 * unknown names (top level and nested in `retry` and `hooks`) and invalid values (null, NaN,
 * negative, non-integers, timers above 2^31 - 1 ms) are a `config` error naming the option,
 * with the closest known name suggested for a typo. Keys follow one rule: the documented prefix
 * plus at least one character, no whitespace (with its own hint), never trimmed.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { PaymentProvider } from '@paymux/core/adapter'
import { priceblocs } from '@paymux/priceblocs'
import { wooshpay } from '@paymux/wooshpay'
import { throwsWith } from '../helpers/either.ts'

const ADAPTERS = [
  { name: 'wooshpay', make: (o: object): PaymentProvider => wooshpay(o as never), prefix: 'sk_test_' },
  { name: 'priceblocs', make: (o: object): PaymentProvider => priceblocs(o as never), prefix: 'PB_sk_test_' },
] as const

/** [options beyond a valid key, the option the message must name, more of the message]. */
const REFUSED: readonly [Record<string, unknown>, string, RegExp?][] = [
  [{ retry: null }, 'retry', /must be an object, got null/],
  [{ retry: [] }, 'retry', /must be an object/],
  [{ retry: { maxRetries: 10 } }, 'retry.maxRetries', /did you mean retry\.retries\?/],
  [{ retry: { retires: 2 } }, 'retry.retires', /did you mean retry\.retries\?/],
  [{ retry: { budget: -1 } }, 'retry.budget', /integer at least 0, got -1/],
  [{ retry: { budget: 1.5 } }, 'retry.budget'],
  [{ retry: { budget: null } }, 'retry.budget', /got null/],
  [{ retry: { retries: NaN } }, 'retry.retries', /got NaN/],
  [{ retry: { retries: 21 } }, 'retry.retries', /from 0 to 20/],
  [{ retry: { retries: '3' } }, 'retry.retries', /got "3"/],
  [{ retry: { baseDelayMs: -5 } }, 'retry.baseDelayMs'],
  [{ retry: { maxDelayMs: 2 ** 31 } }, 'retry.maxDelayMs', /2\^31 - 1/],
  [{ retry: { maxRetryAfterMs: Infinity } }, 'retry.maxRetryAfterMs'],
  [{ retry: { deadlineMs: 0 } }, 'retry.deadlineMs'],
  [{ retry: { sleep: 5 } }, 'retry.sleep', /must be a function/],
  [{ retry: { clock: null } }, 'retry.clock', /must be a function/],
  [{ timeoutMs: 2 ** 31 }, 'timeoutMs', /2147483647 ms, 2\^31 - 1, is the longest timer Node honours/],
  [{ timeoutMs: null }, 'timeoutMs', /got null/],
  [{ timeoutMs: 0 }, 'timeoutMs'],
  [{ timeoutMs: 1.5 }, 'timeoutMs'],
  [{ timeoutMs: -1 }, 'timeoutMs'],
  [{ maxResponseBytes: 0 }, 'maxResponseBytes'],
  [{ maxResponseBytes: NaN }, 'maxResponseBytes'],
  [{ timeout: 5000 }, 'timeout', /did you mean timeoutMs\?/],
  [{ maxResponseSize: 5 }, 'maxResponseSize', /did you mean maxResponseBytes\?/],
  [{ baseURL: 'http://127.0.0.1:1' }, 'baseURL', /did you mean baseUrl\?/],
  [{ zzz: 1 }, 'zzz', /known: apiKey, baseUrl/],
  [{ baseUrl: 42 }, 'baseUrl', /must be a string/],
  [{ fetch: 'yes' }, 'fetch', /must be a function/],
  [{ hooks: null }, 'hooks', /must be an object/],
  [{ hooks: { onRequests: () => {} } }, 'hooks.onRequests', /did you mean hooks\.onRequest\?/],
  [{ hooks: { onPage: 'log' } }, 'hooks.onPage', /must be a function/],
]

for (const a of ADAPTERS) {
  const s = suite(`reliability/config: ${a.name}`)
  const apiKey = `${a.prefix}abc123`

  s('unknown names and invalid values are config errors naming the option', () => {
    for (const [extra, option, detail] of REFUSED) {
      const e = throwsWith(() => a.make({ apiKey, ...extra }), 'config')
      assert.is(e.provider, a.name)
      assert.ok(e.message.includes(option), `${JSON.stringify(extra)}: ${e.message}`)
      if (detail) assert.match(e.message, detail)
    }
  })

  s('valid options and undefined members are accepted', () => {
    assert.ok(
      a.make({
        apiKey,
        baseUrl: 'http://127.0.0.1:1',
        timeoutMs: 2 ** 31 - 1,
        maxResponseBytes: 1,
        fetch: globalThis.fetch,
        retry: { retries: 0, budget: 0, baseDelayMs: 0, deadlineMs: 1, sleep: async () => {}, random: undefined },
        hooks: { onRequest: () => {}, onPage: undefined },
      }),
    )
  })

  s('keys: the documented prefix plus at least one character, any of them', () => {
    for (const body of ['x', 'abc_def_123', 'your_key', 'a-b.c~d', '51HxQaZ8k2Lm4Np6Rt']) {
      assert.ok(a.make({ apiKey: `${a.prefix}${body}` }), body)
    }
  })

  s('keys: whitespace anywhere is refused with its own hint, never trimmed', () => {
    for (const key of [`${a.prefix} x`, ` ${a.prefix}abc`, `${a.prefix}abc\n`, `${a.prefix}a\tb`, '   ']) {
      const e = throwsWith(() => a.make({ apiKey: key }), 'config')
      assert.match(e.message, /apiKey contains whitespace .*; remove it: paymux never trims a key/)
    }
  })

  s('keys: a prefix alone, a foreign or a missing key is refused; the message names kinds, not keys', () => {
    for (const apiKey of [a.prefix, 'hello', 'sk_prod_abc', 'PB_sk_prod_abc', '', undefined, 42]) {
      const e = throwsWith(() => a.make({ apiKey }), 'config')
      assert.match(e.message, /^apiKey (is required|is not a secret key)/)
      assert.ok(e.message.includes(`${a.prefix}…`), e.message)
    }
  })

  s.run()
}

const same = suite('reliability/config: both adapters say the same')

same('the same key rule and the same messages, up to the prefixes', () => {
  const message = (make: (o: object) => unknown, o: object, prefix: string, live: string) =>
    throwsWith(() => make(o), 'config')
      .message.replaceAll(live, '<live>')
      .replaceAll(prefix, '<test>')
      .replace(/\(PB_pk_…\)|\(pk_…\)/, '(<publishable>)')
  const [wp, pb] = ADAPTERS
  for (const [wpKey, pbKey] of [
    ['sk_test_ x', 'PB_sk_test_ x'],
    ['sk_test_', 'PB_sk_test_'],
    ['', ''],
    ['pk_test_abc', 'PB_pk_test_abc'],
  ] as const) {
    assert.is(
      message(wp.make, { apiKey: wpKey }, 'sk_test_', 'sk_live_'),
      message(pb.make, { apiKey: pbKey }, 'PB_sk_test_', 'PB_sk_live_'),
    )
  }
})

same.run()
