/**
 * `WooshpayOptions` and their checks, all run at construction before any request: a bad option
 * throws a `config` PaymuxError synchronously. The key decides the mode (docs/providers/wooshpay.md#hosts-and-modes):
 * `sk_test_` keys default to the test host, `sk_live_` keys to the live host.
 */
import {
  checkBaseUrl,
  checkCommonOptions,
  configError,
  registerSecret,
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

const SECRET_KEY = /^sk_(test|live)_[A-Za-z0-9]{8,}$/

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
  // Messages below describe the key's kind and never quote it.
  if (/^pk_/.test(key)) {
    throw configError(
      PROVIDER,
      'apiKey is a publishable key (pk_…); server calls need a secret key (sk_test_… or sk_live_…)',
    )
  }
  const match = SECRET_KEY.exec(key)
  if (match === null) {
    throw configError(
      PROVIDER,
      'apiKey is not a WooshPay secret key: expected sk_test_… or sk_live_… followed by letters and digits',
    )
  }
  const mode = match[1] === 'live' ? 'live' : 'test'
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
