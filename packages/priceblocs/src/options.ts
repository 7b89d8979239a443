/**
 * `PriceblocsOptions` and their checks, run at construction before any request: a wrong option
 * is a `config` error thrown synchronously, never a failed request later.
 * @see https://gbstax.priceblocs.com/docs/authentication/overview (keys, HTTPS for live keys)
 */
import {
  checkApiKey,
  checkBaseUrl,
  checkCommonOptions,
  registerSecretPrefixes,
  type KeyRule,
  type ProviderOptions,
} from '@paymux/core/adapter'

export const PROVIDER = 'priceblocs' as const

/** One host for test and live mode; the mode comes from the key. */
export const DEFAULT_BASE_URL = 'https://api.priceblocs.com'

/** Options of `priceblocs()`. */
export interface PriceblocsOptions extends ProviderOptions {
  /**
   * Secret key: `PB_sk_test_…` or `PB_sk_live_…`. A publishable key (`PB_pk_…`) is refused: it
   * is meant for the browser SDK and cannot read payment links or checkouts.
   */
  readonly apiKey: string
  /** @default 'https://api.priceblocs.com' */
  readonly baseUrl?: string
}

export interface ResolvedOptions {
  readonly apiKey: string
  readonly live: boolean
  readonly baseUrl: string
}

/** Documented key prefixes; the characters after them are not documented. */
const KEY_RULE: KeyRule = { secret: ['PB_sk_test_', 'PB_sk_live_'], publishable: ['PB_pk_'] }

/** Every credential shape of PriceBlocs, redacted wherever it appears. */
const SECRET_PREFIXES = ['PB_sk_test_', 'PB_sk_live_', 'PB_pk_test_', 'PB_pk_live_']
// At load, not at construction: any process that can build this adapter redacts its key shapes,
// even in an error raised before a client exists (the CLI's own messages).
registerSecretPrefixes(SECRET_PREFIXES)

export const resolveOptions = (o: PriceblocsOptions): ResolvedOptions => {
  checkCommonOptions(PROVIDER, o)
  // Never trimmed: whitespace in a key is refused with its own hint (same rule as every adapter).
  const key = o.apiKey
  const live = checkApiKey(PROVIDER, key, KEY_RULE) === 'PB_sk_live_'
  const url = checkBaseUrl(PROVIDER, o.baseUrl ?? DEFAULT_BASE_URL, live)
  return { apiKey: key, live, baseUrl: url.href.replace(/\/+$/, '') }
}
