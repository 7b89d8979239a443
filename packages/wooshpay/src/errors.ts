/**
 * Reads WooshPay error bodies for the core transport. The envelope is not confirmed by the docs
 * (docs/providers/wooshpay.md#error-envelope), so both shapes are read:
 * - Stripe style `{ "error": { "type", "code", "message", "param" } }`;
 * - top level `{ "type", "code", "message", "param" }`, or `{ "error": "<code>", "message" }`.
 * Kinds follow the HTTP status (401 authentication, 403 permission, 404 not_found, 400/402
 * invalid_request, 409 conflict, 429 rate_limited, 5xx server); `idempotency_error` is
 * `idempotency_conflict` whatever the status, and the state codes (`payment_intent_unexpected_state`,
 * `checkout_session_unexpected_state`) are `invalid_state`. The provider's `code` (or, without one, its `type`) is kept as `code`.
 * Bodies that are not JSON (an HTML gateway page, a cut-off body) never reach this file: the
 * transport types them from the status.
 */
import { kindFromStatus, type ErrorKind, type ErrorReading } from '@paymux/core/adapter'
import type { ErrorFields } from './codecs.ts'

/** The four documented `type` values (#error-envelope). */
export const ERROR_TYPES = ['api_error', 'card_error', 'idempotency_error', 'invalid_request_error'] as const

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u)

const field = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined

/** State-machine refusals (#write-endpoints): the write is valid, the object's state is not. */
const STATE_CODES: ReadonlySet<string> = new Set([
  'payment_intent_unexpected_state',
  'checkout_session_unexpected_state',
])

const kindOf = (status: number, type: string | undefined, code: string | undefined): ErrorKind => {
  if (type === 'idempotency_error') return 'idempotency_conflict'
  if (code !== undefined && STATE_CODES.has(code)) return 'invalid_state'
  if (status >= 400) return kindFromStatus(status)
  // An error envelope on a 2xx: trust its type.
  return type === 'api_error' ? 'server' : 'invalid_request'
}

/** `readError` of the transport: what the body says, or null when it is not an error. */
export const readError = (status: number, body: unknown): ErrorReading | null => {
  if (!isRecord(body)) return null
  const nested = isRecord(body['error']) ? (body['error'] as ErrorFields) : null
  // A successful status is an error only when the body carries an explicit `error` object.
  if (status < 400 && nested === null) return null
  const src: ErrorFields = nested ?? body
  const type = field(src.type)
  const code = field(src.code) ?? (nested === null ? field(body['error']) : undefined) ?? type
  const message = field(src.message)
  const param = field(src.param)
  const detail = message === undefined ? undefined : param === undefined ? message : `${message} (param: ${param})`
  return {
    kind: kindOf(status, type, code),
    code: code ?? null,
    ...(detail === undefined ? {} : { message: detail }),
  }
}
