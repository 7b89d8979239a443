/**
 * `PriceblocsOptions` and their checks, run at construction before any request: a wrong option
 * is a `config` error thrown synchronously, never a failed request later.
 * @see https://gbstax.priceblocs.com/docs/authentication/overview (keys, HTTPS for live keys)
 */
import { checkBaseUrl, checkCommonOptions, configError, type ProviderOptions } from '@paymux/core/adapter'

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

const SECRET_KEY = /^PB_sk_(test|live)_[A-Za-z0-9]+$/

export const resolveOptions = (o: PriceblocsOptions): ResolvedOptions => {
  checkCommonOptions(PROVIDER, o)
  const key = o.apiKey.trim()
  if (key.startsWith('PB_pk_')) {
    throw configError(PROVIDER, 'a publishable key (PB_pk_…) cannot be used here; use a secret key (PB_sk_…)')
  }
  const mode = SECRET_KEY.exec(key)?.[1]
  // The message never quotes the key: a malformed key may still be a real secret.
  if (mode === undefined) throw configError(PROVIDER, 'apiKey must be a secret key: PB_sk_test_… or PB_sk_live_…')
  const live = mode === 'live'
  const url = checkBaseUrl(PROVIDER, o.baseUrl ?? DEFAULT_BASE_URL, live)
  return { apiKey: key, live, baseUrl: url.href.replace(/\/+$/, '') }
}
