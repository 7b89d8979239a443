/**
 * Credential redaction. Every string that leaves paymux through an error, a hook or a
 * checkpoint passes through `redact`, so a key can only leak if it matches none of:
 * - a secret registered by an adapter at construction (the raw key and its Basic form),
 * - the known key shapes of the supported providers (`sk_live_…`, `PB_sk_test_…`, …),
 * - an `Authorization` scheme followed by its value (`Basic …`, `Bearer …`).
 */

const REDACTED = '[REDACTED]'

// Known key shapes: WooshPay (sk_/pk_ test|live), PriceBlocs (PB_sk_/PB_pk_), webhook secrets.
// No `\b` before a key: `_` is a word character, so `req_sk_live_…` would slip through it.
const KEY_SHAPES =
  /(?<![A-Za-z0-9])(?:PB_)?(?:sk|pk|rk)_(?:test|live)_[A-Za-z0-9_-]+|(?<![A-Za-z0-9])whsec_[A-Za-z0-9_-]+/g
const AUTH_VALUES = /\b(Basic|Bearer)\s+[A-Za-z0-9+/=._~-]+/gi
// Query-string credentials (`?api_key=…`, `&token=…`) in URLs that end up in messages.
const QUERY_SECRETS = /([?&](?:api_?key|key|token|secret|password)=)[^&#\s]+/gi

const registered = new Set<string>()

/**
 * Registers a secret so that `redact` removes it wherever it appears, whatever its shape.
 * Adapters call this for the API key and for the encoded header value built from it.
 */
export const registerSecret = (secret: string): void => {
  // Very short strings would redact ordinary words; keys are never this short.
  if (secret.length >= 8) registered.add(secret)
}

/** Replaces every credential in `text` with `[REDACTED]`. */
export const redact = (text: string): string => {
  let out = text
  for (const secret of registered) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED)
  }
  return out
    .replace(KEY_SHAPES, REDACTED)
    .replace(AUTH_VALUES, (_m, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(QUERY_SECRETS, (_m, name: string) => `${name}${REDACTED}`)
}

/** Shows a key's kind without its secret part: `sk_test_…a1b2` (last 4 characters kept). */
export const maskKey = (key: string): string => {
  const prefix = /^(?:PB_)?(?:sk|pk|rk)_(?:test|live)_/.exec(key)?.[0] ?? ''
  return `${prefix}…${key.length > prefix.length + 8 ? key.slice(-4) : ''}`
}
