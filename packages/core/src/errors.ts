/**
 * The one error model of paymux. Every failure, from any provider, is a `PaymuxError` with a
 * closed `kind`; the provider's own detail is kept in `code`, `status` and `requestId`.
 * The same object is the `Left` of the fp-ts layer and the rejection of the Promise layer.
 */
import { redact } from './redact.ts'

/** Closed set of failure kinds. Branch on these, never on `message`. */
export const ERROR_KINDS = [
  'config',
  'authentication',
  'permission',
  'invalid_request',
  'not_found',
  'conflict',
  'rate_limited',
  'server',
  'connection',
  'timeout',
  'aborted',
  'decode',
  'pagination',
  'checkpoint_mismatch',
  'unsupported',
  // The write side (docs in packages/core/README.md#errors):
  /** A write may or may not have happened and cannot be retried safely; the error says how to settle it. */
  'outcome_unknown',
  /** An idempotency key was used again with other parameters. */
  'idempotency_conflict',
  /** The object's state does not allow the operation (capturing a canceled intent, expiring an expired session). */
  'invalid_state',
  /** The provider answered a write with an object that disagrees with the request (amount, currency, line items). */
  'integrity_mismatch',
  /** A webhook's signature, header or timestamp did not verify; `code` says which check failed. */
  'invalid_signature',
] as const
export type ErrorKind = (typeof ERROR_KINDS)[number]

/** Kinds that a later identical request may cure. `rate_limited` waits for `retryAfterMs`. */
const RETRYABLE_KINDS: ReadonlySet<ErrorKind> = new Set<ErrorKind>(['rate_limited', 'server', 'connection', 'timeout'])

export const isRetryableKind = (kind: ErrorKind): boolean => RETRYABLE_KINDS.has(kind)

/**
 * Default mapping from an HTTP status to a kind, used when a provider's body says nothing more
 * precise. 402 is "request failed" in the Stripe family: the request was understood and refused.
 */
export const kindFromStatus = (status: number): ErrorKind => {
  if (status === 400 || status === 402 || status === 422) return 'invalid_request'
  if (status === 401) return 'authentication'
  if (status === 403) return 'permission'
  if (status === 404 || status === 410) return 'not_found'
  if (status === 409) return 'conflict'
  if (status === 408) return 'timeout'
  if (status === 429) return 'rate_limited'
  if (status >= 500) return 'server'
  return 'invalid_request'
}

/** One failed attempt of a call, kept on the final error so nothing about a retry is lost. */
export interface AttemptRecord {
  readonly attempt: number
  readonly kind: ErrorKind
  readonly status: number | null
  readonly message: string
}

export interface PaymuxErrorFields {
  readonly kind: ErrorKind
  readonly message: string
  readonly provider?: string | null
  readonly status?: number | null
  readonly code?: string | null
  readonly requestId?: string | null
  readonly retryable?: boolean
  readonly retryAfterMs?: number | null
  readonly attempts?: number
  readonly history?: readonly AttemptRecord[]
  readonly checkpoint?: string | null
  /** The idempotency key a write was sent with (a write's errors only). */
  readonly idempotencyKey?: string | null
  readonly cause?: unknown
}

// A registered symbol, so `isPaymuxError` holds across duplicated copies of this package.
const BRAND = Symbol.for('paymux.error')

export class PaymuxError extends Error {
  override readonly name = 'PaymuxError'
  readonly kind: ErrorKind
  readonly provider: string | null
  readonly status: number | null
  /** The provider's own error code, e.g. `resource_missing`. */
  readonly code: string | null
  readonly requestId: string | null
  readonly retryable: boolean
  readonly retryAfterMs: number | null
  /** How many attempts were made before giving up (1 when no retry happened). */
  readonly attempts: number
  readonly history: readonly AttemptRecord[]
  /** Where a listing can resume: pass it as `resumeFrom`. Null outside listings. */
  readonly checkpoint: string | null
  /**
   * The idempotency key a write was sent with, null outside writes. With `outcome_unknown`, send
   * the same call again with this key (where the provider honours keys) to settle it.
   */
  readonly idempotencyKey: string | null
  readonly [BRAND] = true

  constructor(fields: PaymuxErrorFields) {
    super(redact(fields.message), fields.cause === undefined ? {} : { cause: sanitizeCause(fields.cause) })
    this.kind = fields.kind
    this.provider = fields.provider ?? null
    this.status = fields.status ?? null
    this.code = fields.code == null ? null : redact(fields.code)
    // A provider's request id is echoed from a header: a hostile or buggy one could echo the key.
    this.requestId = fields.requestId == null ? null : redact(fields.requestId)
    this.retryable = fields.retryable ?? isRetryableKind(fields.kind)
    this.retryAfterMs = fields.retryAfterMs ?? null
    this.attempts = fields.attempts ?? 1
    this.history = fields.history ?? []
    this.checkpoint = fields.checkpoint ?? null
    this.idempotencyKey = fields.idempotencyKey ?? null
    if (this.stack) this.stack = redact(this.stack)
  }

  /** A copy with some fields replaced (errors are immutable). */
  with(fields: Partial<PaymuxErrorFields>): PaymuxError {
    return new PaymuxError({ ...this.fields(), ...fields })
  }

  toJSON(): Record<string, unknown> {
    const { cause, ...rest } = this.fields()
    return { name: this.name, ...rest, cause: cause instanceof Error ? cause.message : undefined }
  }

  private fields(): PaymuxErrorFields {
    return {
      kind: this.kind,
      message: this.message,
      provider: this.provider,
      status: this.status,
      code: this.code,
      requestId: this.requestId,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
      attempts: this.attempts,
      history: this.history,
      checkpoint: this.checkpoint,
      idempotencyKey: this.idempotencyKey,
      cause: this.cause,
    }
  }
}

/** True for any `PaymuxError`, including one thrown by another copy of `@paymux/core`. */
export const isPaymuxError = (e: unknown): e is PaymuxError =>
  typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true

/**
 * Causes come from fetch, sockets and user hooks and may quote a URL or header. Keep their
 * name, message and stack, redacted, and their own causes to a small depth; drop everything
 * else (a request object could hold the Authorization header).
 */
const sanitizeCause = (cause: unknown, depth = 0): unknown => {
  if (isPaymuxError(cause)) return cause
  if (!(cause instanceof Error)) return new Error(redact(String(cause)))
  const inner = depth < 3 && cause.cause !== undefined ? { cause: sanitizeCause(cause.cause, depth + 1) } : {}
  const copy = new Error(redact(cause.message), inner)
  copy.name = cause.name
  copy.stack = cause.stack === undefined ? '' : redact(cause.stack)
  const code = (cause as { code?: unknown }).code
  if (typeof code === 'string') Object.assign(copy, { code })
  return copy
}

/** Builds the error raised when an operation is not offered by a provider. No request is sent. */
export const unsupported = (provider: string, what: string): PaymuxError =>
  new PaymuxError({
    kind: 'unsupported',
    provider,
    message: `${provider} does not support ${what}`,
  })

/** Builds a `config` error: a problem with options, found before any request. */
export const configError = (provider: string | null, message: string): PaymuxError =>
  new PaymuxError({ kind: 'config', provider, message })
