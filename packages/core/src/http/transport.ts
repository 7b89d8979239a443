/**
 * The HTTP transport both adapters use. It owns the retry boundary: one attempt is the request,
 * the status, reading the body, parsing JSON and decoding. A truncated body or an HTML error page
 * is retried like a 503; a well-formed body the codec refuses, or one no reader can take (nesting
 * that overflows the stack), is a `decode` error, not retried; a 3xx is an error, never data.
 * 429s slow the whole client without counting as failures (limiter.ts, send-rate.ts: one learned
 * send rate per client); limiter.ts says when retries stop.
 * (ky's own retry stops at the response headers, so ky runs here with `retry: 0`.)
 */
import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'
import ky from 'ky'
import { PaymuxError, isPaymuxError, kindFromStatus, type AttemptRecord, type ErrorKind } from '../errors.ts'
import { safeCall } from '../hooks.ts'
import { redact } from '../redact.ts'
import type { RequestHooks, RequestView } from './hooks.ts'
import { Limiter } from './limiter.ts'
import { ABORT_OPTION, createNodeFetch } from './node-fetch.ts'
import { readBodyCapped, type BodyText } from './read-body.ts'
import { backoffDelay, parseRetryAfter, resolveRetryPolicy, type RetryPolicy } from './retry-policy.ts'
import type { SendTicket } from './send-rate.ts'

/** What an adapter reads out of a provider's error body. */
export interface ErrorReading {
  readonly kind?: ErrorKind
  /** Status the body claims (some providers repeat one in the body), when it differs from the HTTP status. */
  readonly status?: number
  readonly code?: string | null
  readonly message?: string
}

/** How an adapter configures its transport (base URL, credentials, retry policy, hooks). */
export interface TransportConfig {
  readonly provider: string
  readonly baseUrl: string
  /** Sent on every request (the Authorization header lives here and nowhere else). */
  readonly headers: Readonly<Record<string, string>>
  /** Per-attempt timeout, body included. @default 30000 */
  readonly timeoutMs?: number
  readonly retry?: RetryPolicy
  /**
   * The fetch ky sends requests with. @default on Node, a `node:http` keep-alive fetch (see
   * node-fetch.ts: cheaper per page than the runtime's); pass `globalThis.fetch` to use undici's.
   */
  readonly fetch?: typeof fetch
  readonly hooks?: RequestHooks
  /** @default 16 MiB */
  readonly maxResponseBytes?: number
  /** Reads a provider error from a parsed body (any status); null when the body is not an error. */
  readonly readError: (status: number, body: unknown) => ErrorReading | null
  /** Response headers that carry the provider's request id, first match wins. */
  readonly requestIdHeaders?: readonly string[]
  /** The most requests per second the client sends, over all its calls (see send-rate.ts). @default no maximum */
  readonly maxRequestsPerSecond?: number
}

/** A query parameter value; `undefined` leaves the parameter out. */
export type QueryValue = string | number | boolean | undefined
/** One request an adapter asks the transport for. */
export interface HttpRequest {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE'
  /** Path below the base URL, e.g. `/v1/payment_links`. */
  readonly path: string
  readonly query?: URLSearchParams | Readonly<Record<string, QueryValue>>
  readonly json?: unknown
  /** Makes a non-GET retryable: sent unchanged on every attempt of this call. */
  readonly idempotencyKey?: string
  /**
   * Makes a non-GET retryable without a key: for writes that may be sent again blindly because
   * they set a state (a PUT of fields, a DELETE), never for a create.
   */
  readonly repeatable?: boolean
  readonly signal?: AbortSignal | undefined
}

/** Turns a parsed JSON body into a value, or a `decode` `PaymuxError`. */
export type Decoder<A> = (body: unknown) => E.Either<PaymuxError, A>

/** A transport's request counters. */
export interface TransportStats {
  readonly requests: number
  readonly retries: number
  /** Time calls spent waiting before attempts: backoff, pauses after 429s and the send rate. */
  readonly waitedMs: number
  /** Attempts answered 429. */
  readonly throttled: number
  /** The requests per second the client now allows itself; null while nothing limits it. */
  readonly sendRate: number | null
}

/** An adapter's HTTP client: retries, timeouts, size caps and redaction in one place. */
export interface Transport {
  request<A>(req: HttpRequest, decode: Decoder<A>): TE.TaskEither<PaymuxError, A>
  stats(): TransportStats
}

/** What one attempt got back, before it is interpreted. */
interface Reply {
  readonly status: number
  readonly body: BodyText
  /** Redacted. */
  readonly requestId: string | null
  readonly retryAfterMs: number | null
  readonly location: string | null
}

const DEFAULT_REQUEST_ID_HEADERS = ['request-id', 'x-request-id']

/** Creates the transport an adapter sends every request through. */
export const createTransport = (config: TransportConfig): Transport => {
  const policy = resolveRetryPolicy(config.retry)
  const limiter = new Limiter(policy, config.maxRequestsPerSecond ?? null)
  const timeoutMs = config.timeoutMs ?? 30_000
  const maxBytes = config.maxResponseBytes ?? 16 * 1024 * 1024
  const base = config.baseUrl.replace(/\/+$/, '')
  const idHeaders = config.requestIdHeaders ?? DEFAULT_REQUEST_ID_HEADERS
  const counters = { requests: 0, retries: 0, waitedMs: 0, throttled: 0 }
  const fetchImpl = config.fetch ?? createNodeFetch({ maxResponseBytes: maxBytes, provider: config.provider })
  // Given to ky as `signal`, an attempt's signal costs an `AbortSignal.any` per request (ky merges
  // it with its own); core's fetch takes it beside the request instead (node-fetch.ts).
  const signalOption = config.fetch === undefined ? ABORT_OPTION : 'signal'

  const fail = (fields: ConstructorParameters<typeof PaymuxError>[0]) =>
    new PaymuxError({ ...fields, provider: config.provider })

  const urlOf = (req: HttpRequest): string => {
    const params = req.query instanceof URLSearchParams ? req.query : toSearchParams(req.query)
    const qs = params.toString()
    return `${base}${req.path}${qs ? `?${qs}` : ''}`
  }

  /** One attempt, from sending the request to a decoded value. Never rejects. */
  const attempt = async <A>(req: HttpRequest, url: string, view: RequestView, decode: Decoder<A>) => {
    // One controller ends the attempt on timeout or on the caller's abort. (Not `AbortSignal.any`:
    // on Node 20 it costs more per call and keeps its sources' listeners until they are collected.)
    const timer = new AbortController()
    const timeout = setTimeout(() => timer.abort(), timeoutMs)
    const signal = timer.signal
    const onCallerAbort = () => timer.abort(req.signal?.reason)
    req.signal?.addEventListener('abort', onCallerAbort, { once: true })
    if (req.signal?.aborted) timer.abort(req.signal.reason)
    const started = policy.clock()
    counters.requests += 1
    safeCall(config.hooks?.onRequest, view)
    const transportError = (cause: unknown): PaymuxError => {
      if (isPaymuxError(cause)) return cause
      if (req.signal?.aborted)
        return fail({ kind: 'aborted', message: `${view.method} ${view.url} was aborted`, cause })
      if (timer.signal.aborted) {
        return fail({ kind: 'timeout', message: `${view.method} ${view.url} timed out after ${timeoutMs} ms`, cause })
      }
      return fail({ kind: 'connection', message: `${view.method} ${view.url} failed: ${describe(cause)}`, cause })
    }
    let reply: Reply
    try {
      const headers: Record<string, string> = { accept: 'application/json', ...config.headers }
      if (req.idempotencyKey) headers['idempotency-key'] = req.idempotencyKey
      const response = await ky(url, {
        method: req.method ?? 'GET',
        headers,
        ...(req.json === undefined ? {} : { json: req.json }),
        retry: 0,
        timeout: false,
        throwHttpErrors: false,
        // A redirect is reported, never followed: its body is not the page asked for, and
        // following it could send the Authorization header to another host.
        redirect: 'manual',
        [signalOption]: signal,
        fetch: fetchImpl,
      })
      const body = await readBodyCapped(response, maxBytes, config.provider)
      const requestId = idHeaders.map((h) => response.headers.get(h)).find((v) => v) ?? null
      reply = {
        status: response.status,
        body,
        // Echoed from a header: a hostile or buggy server could put the key in it.
        requestId: requestId === null ? null : redact(requestId),
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), policy.clock()),
        location: response.headers.get('location'),
      }
    } catch (cause) {
      return E.left(transportError(cause))
    } finally {
      clearTimeout(timeout)
      req.signal?.removeEventListener('abort', onCallerAbort)
    }
    const { status, requestId } = reply
    safeCall(config.hooks?.onResponse, { ...view, status, durationMs: policy.clock() - started, requestId })
    return interpret(reply, view, decode)
  }

  /**
   * Status + body -> a decoded value or a typed error. Whatever the body makes the parser,
   * the provider's error reader or the decoder throw (a body nested thousands deep overflows the
   * stack somewhere) is a `decode` error of this attempt, never a retried connection failure.
   */
  const interpret = <A>(reply: Reply, view: RequestView, decode: Decoder<A>): E.Either<PaymuxError, A> => {
    const { status, body: bodyText, requestId, retryAfterMs } = reply
    const where = `${view.method} ${view.url}`
    const undecodable = (stage: string, cause: unknown) =>
      E.left(
        fail({
          kind: 'decode',
          status,
          requestId,
          retryable: false,
          message: `${where} answered ${status} with a body paymux cannot ${stage}: ${describe(cause)}`,
          cause,
        }),
      )
    if (status >= 300 && status < 400) {
      const to = reply.location === null ? '' : ` to ${redact(reply.location)}`
      return E.left(
        fail({
          kind: 'invalid_request',
          status,
          requestId,
          retryable: false,
          message: `${where} answered ${status}, a redirect${to}; redirects are not followed: set baseUrl to the final address`,
        }),
      )
    }
    let body: unknown
    try {
      body = bodyText.parse()
    } catch (cause) {
      if (!(cause instanceof SyntaxError)) return undecodable('parse', cause)
      // An HTML error page, an empty body or a body cut off in the middle: the provider did not
      // answer properly. Retried like a 503 when the status says success (truncation).
      const kind = status >= 400 ? kindFromStatus(status) : 'server'
      return E.left(
        fail({
          kind,
          status,
          requestId,
          retryAfterMs,
          ...(status >= 400 ? {} : { retryable: true }),
          message: `${where} answered ${status} with a body that is not JSON (${bodyText.bytes} bytes${bodyText.text().trimStart().startsWith('<') ? ', HTML' : ''})`,
        }),
      )
    }
    let reading: ErrorReading | null
    try {
      reading = config.readError(status, body)
    } catch (cause) {
      if (cause instanceof RangeError) return undecodable('read', cause)
      reading = null // a reader that trips on an odd body reads "no error"; the decoder judges it
    }
    if (reading !== null || status >= 400) {
      const effective = reading?.status ?? status
      const kind = reading?.kind ?? kindFromStatus(effective)
      return E.left(
        fail({
          kind,
          status: effective,
          code: reading?.code ?? null,
          requestId,
          retryAfterMs: kind === 'rate_limited' || kind === 'server' ? retryAfterMs : null,
          message: `${where} failed with ${effective}${reading?.message ? `: ${reading.message}` : ''}`,
        }),
      )
    }
    let decoded: E.Either<PaymuxError, A>
    try {
      decoded = decode(body)
    } catch (cause) {
      return undecodable('decode', cause)
    }
    return E.isLeft(decoded) ? E.left(decoded.left.with({ requestId, provider: config.provider })) : decoded
  }

  const request =
    <A>(req: HttpRequest, decode: Decoder<A>): TE.TaskEither<PaymuxError, A> =>
    async () => {
      const url = urlOf(req)
      const method = req.method ?? 'GET'
      const deadline = policy.clock() + policy.deadlineMs
      const history: AttemptRecord[] = []
      const canRetry = method === 'GET' || req.idempotencyKey !== undefined || req.repeatable === true
      // Failed attempts that were not throttled: only these count against `retries`.
      let failures = 0
      for (let n = 1; ; n++) {
        const view: RequestView = { provider: config.provider, method, url: redact(url), attempt: n }
        let ticket: SendTicket
        try {
          // Not `+= await`: that reads the counter before the wait and loses concurrent calls' waits.
          const ready = await limiter.ready(req.signal)
          counters.waitedMs += ready.waitedMs
          ticket = ready.ticket
        } catch (cause) {
          return E.left(fail({ kind: 'aborted', message: `${method} ${view.url} was aborted`, cause }))
        }
        const result = await attempt(req, url, view, decode)
        if (E.isRight(result)) {
          limiter.record(false)
          return result
        }
        const error = result.left
        const throttled = error.kind === 'rate_limited'
        if (throttled) counters.throttled += 1
        // The breaker counts what says the provider is down: 5xx, resets, timeouts, cut bodies.
        // A 4xx or a body the codec refuses is an answer; a 429 is throttling, not an outage.
        if (!throttled && error.kind !== 'aborted') limiter.record(error.retryable)
        history.push({ attempt: n, kind: error.kind, status: error.status, message: error.message })
        const final = (why?: string) =>
          E.left(
            error.with({
              attempts: n,
              history,
              ...(why ? { message: `${error.message} (${why})` } : {}),
            }),
          )
        const tooLong = error.retryAfterMs !== null && error.retryAfterMs > policy.maxRetryAfterMs
        // Before the retry checks: a 429 of a call that is not retried still slows its client.
        const pauseMs = throttled && !tooLong ? limiter.throttled(error.retryAfterMs, ticket) : 0
        // A 429 was refused before any work was done (write/ambiguity.ts), so even a create
        // without a key is sent again safely: throttling slows every call, it fails none.
        if (!error.retryable || (!canRetry && !throttled)) return final()
        if (tooLong) return final(`Retry-After of ${error.retryAfterMs} ms exceeds maxRetryAfterMs`)
        let delayMs: number
        if (throttled) delayMs = pauseMs
        else {
          failures += 1
          if (failures > policy.retries) return n > 1 ? final(`gave up after ${n} attempts`) : final()
          delayMs = error.retryAfterMs ?? backoffDelay(failures, policy)
        }
        if (policy.clock() + delayMs > deadline) return final(`retry deadline of ${policy.deadlineMs} ms reached`)
        if (!throttled && !limiter.takeRetry()) {
          const { failed, of } = limiter.health()
          return final(
            `the provider looks down: ${failed} of the client's last ${of} attempts failed, and the retry budget of ${policy.budget} is spent`,
          )
        }
        counters.retries += 1
        safeCall(config.hooks?.onRetry, { ...view, reason: error.kind, delayMs, error })
        try {
          await policy.sleep(delayMs, req.signal)
          counters.waitedMs += delayMs
        } catch (cause) {
          return E.left(
            fail({ kind: 'aborted', message: `${method} ${view.url} was aborted`, cause, attempts: n, history }),
          )
        }
      }
    }

  return { request, stats: () => ({ ...counters, sendRate: limiter.sendRate().requestsPerSecond }) }
}

const toSearchParams = (query: Readonly<Record<string, QueryValue>> | undefined): URLSearchParams => {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) params.append(k, String(v))
  return params
}

const describe = (cause: unknown): string => {
  if (!(cause instanceof Error)) return String(cause)
  const code = (cause.cause as { code?: unknown } | undefined)?.code ?? (cause as { code?: unknown }).code
  const inner = cause.cause instanceof Error ? cause.cause.message : ''
  return [cause.message, inner, typeof code === 'string' ? code : ''].filter(Boolean).join(': ')
}
