/**
 * Reads PriceBlocs error bodies for the core transport, which calls `readError` on every
 * response, successful or not.
 *
 * Quirk 32: the official SDK decides failure by the body, not the HTTP status: it throws when
 * the JSON carries a `statusCode` other than 200. So an error body such as
 * `{ "statusCode": 404, "error": "Not Found", "message": "…", "type": "…" }` is an error even when
 * it arrives with HTTP 200, and its `statusCode` (not the HTTP status) picks the error kind.
 * @see docs/providers/priceblocs.md#errors-in-body
 */
import type { ErrorReading } from '@paymux/core/adapter'
import * as wire from './codecs.ts'

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null)

/** The reading of one response: null when the body is not an error and the status is a success. */
export const readError = (status: number, body: unknown): ErrorReading | null => {
  // Hot path: a list or object body has no `statusCode`; answer before any decoding.
  const claimed =
    typeof body === 'object' && body !== null ? (body as { readonly statusCode?: unknown }).statusCode : undefined
  if (claimed === undefined) {
    if (status < 400) return null
    const message = typeof body === 'object' && body !== null ? text((body as { message?: unknown }).message) : null
    return message === null ? {} : { message }
  }
  const decoded = wire.ErrorBody.decode(body)
  if (decoded._tag === 'Left') return status >= 400 ? {} : null
  const e = decoded.right
  // A body that claims success (or any 2xx/3xx) is data that happens to have the field.
  if (e.statusCode < 400 && status < 400) return null
  const effective = e.statusCode >= 400 ? e.statusCode : status
  const message = [text(e.error), text(e.message)].filter((s) => s !== null).join(': ')
  return {
    status: effective,
    // `type` is PriceBlocs' own classification; `error` (the HTTP reason phrase) stands in without it.
    code: text(e.type) ?? text(e.error),
    ...(message === '' ? {} : { message }),
  }
}
