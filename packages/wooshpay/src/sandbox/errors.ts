/**
 * Error bodies the sandbox sends, in WooshPay's two observed shapes
 * (docs/providers/wooshpay.md#error-envelope): nested Stripe style
 * `{ error: { type, code, message, param } }`, and flat top-level `{ type, code, message }` (as
 * gateways and some endpoints answer). Also the replies of the injected status faults.
 */
import type { SandboxReply, StatusFault } from '@paymux/core/adapter'

export type Reply = SandboxReply

export type ErrorShape = 'nested' | 'flat'

export const errorReply = (
  status: number,
  type: string,
  code: string,
  message: string,
  param?: string,
  shape: ErrorShape = 'nested',
): Reply => {
  const fields = { type, code, message, ...(param === undefined ? {} : { param }) }
  return {
    status,
    body: shape === 'nested' ? { error: fields } : fields,
    ...(status === 429 ? { headers: { 'retry-after': '1' } } : {}),
  }
}

export const invalidParam = (param: string, message: string, code = 'parameter_invalid'): Reply =>
  errorReply(400, 'invalid_request_error', code, message, param)

export const noSuch = (object: string, id: string): Reply =>
  errorReply(404, 'invalid_request_error', 'resource_missing', `No such ${object}: '${id}'`, 'id')

/** Typical bodies for each status, used by `forceError` and by the 429/5xx faults. */
// prettier-ignore
const TYPICAL: Readonly<Record<number, readonly [type: string, code: string, message: string]>> = {
  400: ['invalid_request_error', 'parameter_missing', 'Missing required param: id.'],
  401: ['invalid_request_error', 'api_key_invalid', 'Invalid API Key provided.'],
  402: ['card_error', 'card_declined', 'Your card was declined.'],
  403: ['invalid_request_error', 'permission_denied', 'The provided key does not have access to this resource.'],
  404: ['invalid_request_error', 'resource_missing', 'No such object.'],
  409: ['idempotency_error', 'idempotency_key_in_use', 'Keys for idempotent requests can only be used with the same parameters they were first used with.'],
  429: ['invalid_request_error', 'rate_limit', 'Too many requests hit the API too quickly. Please use exponential backoff.'],
  500: ['api_error', 'api_error', 'a temporary problem with internal servers'],
  502: ['api_error', 'bad_gateway', 'Bad gateway.'],
  503: ['api_error', 'service_unavailable', 'The service is temporarily unavailable.'],
  504: ['api_error', 'gateway_timeout', 'The upstream server did not answer in time.'],
}

export const typicalError = (status: number, shape: ErrorShape = 'nested'): Reply => {
  const [type, code, message] = TYPICAL[status] ?? ['api_error', 'api_error', `HTTP ${status}`]
  return errorReply(status, type, code, message, undefined, shape)
}

/** The reply of an injected status fault: 429 (with `Retry-After: 1`) and 500 nested, 502/503 flat. */
export const faultReply = (kind: StatusFault): Reply =>
  typicalError(Number(kind), kind === '429' || kind === '500' ? 'nested' : 'flat')
