/**
 * `WooshpayOptions` and their checks, all run at construction before any request: a bad option
 * throws a `config` PaymuxError synchronously. The key decides the mode (docs/providers/wooshpay.md#hosts-and-modes):
 * `sk_test_` keys default to the test host, `sk_live_` keys to the live host.
 */
import {
  checkApiKey,
  checkBaseUrl,
  checkCommonOptions,
  configError,
  registerSecret,
  registerSecretPrefixes,
  type KeyRule,
  type ProviderOptions,
} from '@paymux/core/adapter'
import { PROVIDER } from './capabilities.ts'

/**
 * Options of `wooshpay(options)`: the options common to every adapter.
 * - `apiKey`: a secret key, `sk_test_…` or `sk_live_…` (publishable `pk_…` keys are refused).
 * - `baseUrl`: the API origin. @default `https://apitest.wooshpay.com` for test keys,
 *   `https://api.wooshpay.com` for live keys.
 */
export type WooshpayOptions = ProviderOptions

export const TEST_HOST = 'apitest.wooshpay.com'
/** Quirk 19: the intro's curl sample says `api.whooshpay.com`, a typo; this is the documented host. */
export const LIVE_HOST = 'api.wooshpay.com'

/** Documented key prefixes (docs/providers/wooshpay.md#basic-auth); the characters after them are not documented. */
const KEY_RULE: KeyRule = { secret: ['sk_test_', 'sk_live_'], publishable: ['pk_'] }

/** Every credential shape of WooshPay, redacted wherever it appears: keys and webhook secrets. */
const SECRET_PREFIXES = ['sk_test_', 'sk_live_', 'pk_test_', 'pk_live_', 'rk_test_', 'rk_live_', 'whsec_']
// At load, not at construction: any process that can build this adapter redacts its key shapes,
// even in an error raised before a client exists (the CLI's own messages).
registerSecretPrefixes(SECRET_PREFIXES)

export interface ResolvedOptions {
  readonly mode: 'test' | 'live'
  /** Origin without a trailing slash. */
  readonly baseUrl: string
  /** `Basic base64("<key>:")`: WooshPay's auth, key as username, empty password. */
  readonly authorization: string
}

export const resolveOptions = (o: WooshpayOptions): ResolvedOptions => {
  checkCommonOptions(PROVIDER, o)
  const key = o.apiKey
  const mode = checkApiKey(PROVIDER, key, KEY_RULE) === 'sk_live_' ? 'live' : 'test'
  const token = btoa(`${key}:`)
  registerSecret(key)
  registerSecret(token)

  const url = checkBaseUrl(PROVIDER, o.baseUrl ?? `https://${mode === 'live' ? LIVE_HOST : TEST_HOST}`, mode === 'live')
  if (mode === 'test' && url.hostname === LIVE_HOST) {
    throw configError(PROVIDER, `a test key (sk_test_…) cannot call the live host ${LIVE_HOST}; use ${TEST_HOST}`)
  }
  if (mode === 'live' && url.hostname === TEST_HOST) {
    throw configError(PROVIDER, `a live key (sk_live_…) cannot call the test host ${TEST_HOST}; use ${LIVE_HOST}`)
  }
  return { mode, baseUrl: `${url.origin}${url.pathname}`.replace(/\/+$/, ''), authorization: `Basic ${token}` }
}
