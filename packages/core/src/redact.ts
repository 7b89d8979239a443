/**
 * Credential redaction. Every string that leaves paymux through an error, a hook or a
 * checkpoint passes through `redact`, so a key can only leak if it matches none of:
 * - a secret registered by an adapter at construction (the raw key and its header form): any
 *   run of text containing 12 characters of it in a row is removed, so a message cut short
 *   before it reached `redact` (a decoder quoting 60 characters of a field) cannot keep most of
 *   a key either;
 * - a key prefix registered by an adapter (`registerSecretPrefixes`) followed by key characters,
 *   which also covers keys of that shape never given to this process (a server echoing another
 *   key of the account);
 * - an `Authorization` scheme followed by its value (`Basic …`, `Bearer …`).
 * Core knows no provider's key shape: each adapter registers its own.
 */

const REDACTED = '[REDACTED]'

/** Length of the shortest piece of a registered secret that is redacted wherever it appears. */
export const SECRET_PIECE = 12

const AUTH_VALUES = /\b(Basic|Bearer)\s+[A-Za-z0-9+/=._~-]+/gi
// Query-string credentials (`?api_key=…`, `&token=…`) in URLs that end up in messages.
const QUERY_SECRETS = /([?&](?:api_?key|key|token|secret|password)=)[^&#\s]+/gi

/** Every SECRET_PIECE-long piece of every registered secret, for one lookup per text position. */
const pieces = new Set<string>()
/** Registered secrets shorter than SECRET_PIECE: matched whole. */
const shortSecrets = new Set<string>()
const prefixes = new Set<string>()
let prefixPattern: RegExp | null = null

/**
 * Registers a secret so that `redact` removes it wherever it appears, whatever its shape, and
 * any 12 characters of it in a row too. Adapters call this for the API key and for the encoded
 * header value built from it.
 */
export const registerSecret = (secret: string): void => {
  // Very short strings would redact ordinary words; keys are never this short.
  if (secret.length < 8) return
  if (secret.length < SECRET_PIECE) {
    shortSecrets.add(secret)
    return
  }
  for (let i = 0; i + SECRET_PIECE <= secret.length; i++) {
    const piece = secret.slice(i, i + SECRET_PIECE)
    // Keys and tokens hold no whitespace (rule of checkApiKey); a piece with a space comes from a
    // header form (`Bearer PB_sk_test_…`) and would redact help text naming a kind of key.
    if (!/\s/.test(piece)) pieces.add(piece)
  }
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Registers the prefixes of a provider's credentials (`sk_live_`, `whsec_`): a prefix followed by
 * at least one key character (letters, digits, `_`, `-`) is redacted wherever it appears, even
 * glued to other text (`req_sk_live_…`). A prefix alone (`sk_test_…` in a help message) names a
 * kind of key, not a key, and is left as it is; `maskKey` keeps it. Registering twice is harmless.
 */
export const registerSecretPrefixes = (list: readonly string[]): void => {
  const before = prefixes.size
  for (const p of list) if (p.length >= 3) prefixes.add(p)
  if (prefixes.size === before) return
  // Longest first, so `PB_sk_test_` wins over a shorter prefix it contains.
  const alternatives = [...prefixes].sort((a, b) => b.length - a.length).map(escapeRegExp)
  // No `\b` before a key: `_` is a word character, so `req_sk_live_…` would slip through it.
  prefixPattern = new RegExp(`(?<![A-Za-z0-9])(?:${alternatives.join('|')})[A-Za-z0-9_-]+`, 'g')
}

/** Removes every run of text covered by pieces of registered secrets (overlapping pieces merge). */
const redactPieces = (text: string): string => {
  if (pieces.size === 0 || text.length < SECRET_PIECE) return text
  let out = ''
  let copied = 0
  let runStart = -1
  let runEnd = -1
  for (let i = 0; i + SECRET_PIECE <= text.length; i++) {
    if (!pieces.has(text.slice(i, i + SECRET_PIECE))) continue
    if (i > runEnd) {
      if (runStart >= 0) out += text.slice(copied, runStart) + REDACTED
      if (runStart >= 0) copied = runEnd
      runStart = i
    }
    runEnd = i + SECRET_PIECE
  }
  if (runStart < 0) return text
  return out + text.slice(copied, runStart) + REDACTED + text.slice(runEnd)
}

/** Replaces every credential in `text` with `[REDACTED]`. */
export const redact = (text: string): string => {
  // Key shapes first: a piece of another registered key must not cut a key in two, leaving a
  // tail the prefix no longer introduces.
  let out = prefixPattern === null ? text : text.replace(prefixPattern, REDACTED)
  out = redactPieces(out)
  for (const secret of shortSecrets) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED)
  }
  return out
    .replace(AUTH_VALUES, (_m, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(QUERY_SECRETS, (_m, name: string) => `${name}${REDACTED}`)
}

/**
 * Shows a key's kind without its secret part: `sk_test_…a1b2` (the longest registered prefix the
 * key starts with, and the last 4 characters when the key is long enough to spare them).
 */
export const maskKey = (key: string): string => {
  let prefix = ''
  for (const p of prefixes) if (key.startsWith(p) && p.length > prefix.length) prefix = p
  return `${prefix}…${key.length > prefix.length + 8 ? key.slice(-4) : ''}`
}
