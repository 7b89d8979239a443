/**
 * The error bodies of the sandbox, shaped like the official SDK's `PriceBlocsError`
 * (docs/providers/priceblocs.md#errors-in-body): `{ statusCode, error, message, type }`, and the
 * replies of the injected status faults (429 with `Retry-After: 1`, 500, 502, 503).
 */
import type { SandboxReply, StatusFault } from '@paymux/core/adapter'

export type Reply = SandboxReply

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
}

const TYPES: Readonly<Record<number, string>> = {
  401: 'authentication_error',
  429: 'rate_limit_error',
}

/** A PriceBlocs error body (the SDK's `PriceBlocsError` fields). */
export const errorReply = (status: number, message: string, extra: Record<string, unknown> = {}): Reply => ({
  status,
  body: {
    statusCode: status,
    error: REASONS[status] ?? 'Error',
    message,
    type: TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error'),
    ...extra,
  },
})

const FAULT_MESSAGES: Readonly<Record<StatusFault, string>> = {
  '429': 'Too many requests, slow down',
  '500': 'Something went wrong',
  '502': 'Upstream unavailable',
  '503': 'Service temporarily unavailable',
}

/** The reply of an injected status fault. */
export const faultReply = (kind: StatusFault): Reply => {
  const reply = errorReply(Number(kind), FAULT_MESSAGES[kind])
  return kind === '429' ? { ...reply, headers: { 'retry-after': '1' } } : reply
}
