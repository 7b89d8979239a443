/**
 * Whether a failed write may still have happened. A request that never left (refused
 * connection, unknown host) did not; a timeout, a dropped connection, a 5xx or a body cut off
 * after a success status may have: the provider could have carried the request out before the
 * answer was lost. A 4xx, a 429 or an abort before sending are answers, not ambiguity.
 */
import type { AttemptRecord, ErrorKind, PaymuxError } from '../errors.ts'

// Socket errors that mean the request was never sent (the connection did not open).
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
])

const codesOf = (cause: unknown, depth = 0): string[] => {
  if (typeof cause !== 'object' || cause === null || depth > 4) return []
  const code = (cause as { code?: unknown }).code
  return [...(typeof code === 'string' ? [code] : []), ...codesOf((cause as { cause?: unknown }).cause, depth + 1)]
}

/** The one rule: timeouts and 5xx may have happened; a connection failure unless it never sent. */
const ambiguous = (kind: ErrorKind, neverSent: () => boolean): boolean =>
  kind === 'timeout' || kind === 'server' || (kind === 'connection' && !neverSent())

/** True when the write that failed with `error` may have been carried out by the provider. */
export const mayHaveHappened = (error: PaymuxError): boolean =>
  ambiguous(error.kind, () => codesOf(error.cause).some((c) => NOT_SENT_CODES.has(c)))

/**
 * True when one failed attempt of a retried call (from `PaymuxError.history`) may have been
 * carried out: a timeout, a 5xx, or a connection failure other than one that never sent the
 * request (the record keeps only the message, which the transport ends with the socket code).
 */
export const attemptMayHaveHappened = (record: AttemptRecord): boolean =>
  ambiguous(record.kind, () => [...NOT_SENT_CODES].some((c) => record.message.includes(c)))
