/**
 * Idempotency keys: one per logical write call, reused on every attempt of it. A call made of
 * several requests (a line item from `priceData` needs a product, then a price, then the link)
 * derives one key per step from the call's key, so retrying the whole call with the same key
 * replays every step instead of creating a second product. Keys longer than a provider accepts
 * are hashed, not cut: two long keys that share a prefix must not collide.
 */
import { createHash, randomUUID } from 'node:crypto'

/** A fresh key for a call the caller gave none for. */
export const newIdempotencyKey = (): string => `pmx_${randomUUID()}`

const digest = (text: string): string => createHash('sha256').update(text).digest('base64url')

/** `key` if it fits in `maxLength` characters, else a stable hash of it (`pmxh_` + 43 characters). */
export const fitKey = (key: string, maxLength: number): string =>
  key.length <= maxLength ? key : `pmxh_${digest(key)}`.slice(0, maxLength)

/**
 * The key of one step of a call: the same call key and step name always give the same key, and
 * no other (call key, step) pair gives it. Hashed as a pair, so `a/b` + `c` and `a` + `b/c` differ.
 * @example stepKey('order-42', 'product:0') // 'pmxs_' + 43 characters
 */
export const stepKey = (callKey: string, step: string, maxLength = 255): string =>
  `pmxs_${digest(JSON.stringify([callKey, step]))}`.slice(0, maxLength)
