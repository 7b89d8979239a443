/**
 * The one key rule of every adapter: a documented secret prefix followed by at least one
 * character, and no whitespace anywhere. Providers document their prefixes but not the character
 * set after them, so paymux does not guess one (`sk_test_your_key` is a key). Whitespace gets its
 * own hint and is never trimmed: a key pasted with a newline is the user's to fix, knowingly.
 * Messages name kinds of keys (`sk_test_…`), never the key.
 */
import { configError } from './errors.ts'

/** An adapter's documented key prefixes: the secret ones it accepts and the publishable ones it refuses with a hint. */
export interface KeyRule {
  /** Prefixes of the secret keys the adapter accepts, e.g. `['sk_test_', 'sk_live_']`. */
  readonly secret: readonly string[]
  /** Prefixes of publishable keys, refused with their own hint, e.g. `['pk_']`. */
  readonly publishable?: readonly string[]
}

const kinds = (prefixes: readonly string[]): string => prefixes.map((p) => `${p}…`).join(' or ')

/**
 * Checks `apiKey` against `rule` and returns the secret prefix it starts with. Throws a `config`
 * error otherwise, with the same messages in every adapter.
 */
export const checkApiKey = (provider: string, apiKey: unknown, rule: KeyRule): string => {
  const expected = kinds(rule.secret)
  if (typeof apiKey !== 'string' || apiKey === '') {
    throw configError(provider, `apiKey is required: a secret key, ${expected}`)
  }
  if (/\s/.test(apiKey)) {
    throw configError(
      provider,
      'apiKey contains whitespace (a space, tab or line break, often copied along with the key); remove it: paymux never trims a key',
    )
  }
  const publishable = (rule.publishable ?? []).find((p) => apiKey.startsWith(p))
  if (publishable !== undefined) {
    throw configError(
      provider,
      `apiKey is a publishable key (${publishable}…); server calls need a secret key, ${expected}`,
    )
  }
  const prefix = rule.secret.find((p) => apiKey.startsWith(p) && apiKey.length > p.length)
  if (prefix === undefined) {
    throw configError(provider, `apiKey is not a secret key: expected ${expected} followed by the rest of the key`)
  }
  return prefix
}
