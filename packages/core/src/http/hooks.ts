/**
 * What hooks see of a request. Views are built for hooks only and never hold headers, so a
 * hook that logs everything it is given still cannot log a credential.
 */
import type { ErrorKind, PaymuxError } from '../errors.ts'

/** What a request hook sees of a request: method, redacted URL, attempt; never headers. */
export interface RequestView {
  readonly provider: string
  readonly method: string
  /** Full URL with query, credentials redacted. */
  readonly url: string
  /** 1 for the first attempt of a call. */
  readonly attempt: number
}

/** What a response hook sees: the request view plus status and timing. */
export interface ResponseView extends RequestView {
  readonly status: number
  readonly durationMs: number
  /** The provider's request id header, redacted: a hostile or buggy server can echo the key in it. */
  readonly requestId: string | null
}

/** What a retry hook sees: the request view plus the error kind that is retried and the delay before the next attempt. */
export interface RetryView extends RequestView {
  readonly reason: ErrorKind
  /** The wait before the next attempt; for a 429, the pause of the whole client. */
  readonly delayMs: number
  readonly error: PaymuxError
}

/** Observers of a client's requests. A throwing hook never breaks a call. */
export interface RequestHooks {
  readonly onRequest?: (view: RequestView) => void
  readonly onResponse?: (view: ResponseView) => void
  readonly onRetry?: (view: RetryView) => void
}
