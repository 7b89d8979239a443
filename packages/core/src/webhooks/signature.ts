/**
 * The timestamped-HMAC scheme (`t=<unix>,v1=<hex>[,v1=<hex>...]` over `t + "." + body`,
 * HMAC-SHA256 keyed with the secret string as given), for adapters whose provider signs that way.
 * Stricter than the common SDKs on purpose: the tolerance is checked in both directions (a
 * timestamp from the future is as suspect as an old one), no secret fails closed, and a parsed
 * body is refused with a message that says to pass the raw bytes (re-serialising changes them).
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { PaymuxError } from '../errors.ts'

/** Why a signature was refused: the `code` of a `PaymuxError` of kind `invalid_signature`. */
export type SignatureFailure =
  | 'missing_header'
  | 'malformed_header'
  | 'no_matching_signature'
  | 'timestamp_out_of_tolerance'
  | 'payload_not_raw'
  | 'no_secret'

/** Headers as a fetch `Headers` object or a plain record (Node's `IncomingHttpHeaders` is one). */
export type HeaderSource =
  { get(name: string): string | null } | Readonly<Record<string, string | readonly string[] | undefined>>

/** Default tolerance, seconds: five minutes either side of `now`. */
export const DEFAULT_TOLERANCE_SEC = 300

/** What {@link verifyTimestampedHmac} checks. */
export interface TimestampedHmacInput {
  readonly provider: string
  readonly rawBody: unknown
  readonly headers: HeaderSource
  /** Header names to look for, in order of preference; any case matches. */
  readonly headerNames: readonly string[]
  readonly secrets: readonly string[] | string | undefined
  /** `|now - t|` may not exceed it. 300 by default; 0 only when passed explicitly, to skip the check. */
  readonly toleranceSec?: number
  readonly now?: Date
}

const fail = (provider: string, code: SignatureFailure, message: string): PaymuxError =>
  new PaymuxError({ kind: 'invalid_signature', provider, code, message, retryable: false })

/** Looks a header up in any case, over `Headers` or a plain record. The first name present wins. */
export const readHeader = (headers: HeaderSource, names: readonly string[]): string | null => {
  for (const name of names) {
    const lower = name.toLowerCase()
    if (typeof (headers as { get?: unknown }).get === 'function') {
      const v = (headers as { get(n: string): string | null }).get(lower)
      if (v !== null) return v
      continue
    }
    for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
      if (key.toLowerCase() !== lower || value === undefined) continue
      // Node joins repeated headers into an array; a signature header sent twice is ambiguous.
      if (Array.isArray(value)) return value.length === 1 && typeof value[0] === 'string' ? value[0] : ''
      if (typeof value === 'string') return value
    }
  }
  return null
}

const bodyBytes = (provider: string, rawBody: unknown): Buffer => {
  if (typeof rawBody === 'string') return Buffer.from(rawBody, 'utf8')
  if (rawBody instanceof Uint8Array) return Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength)
  throw fail(
    provider,
    'payload_not_raw',
    `Webhook payload must be the raw request body as a string or a Uint8Array, got ${rawBody === null ? 'null' : typeof rawBody}` +
      (typeof rawBody === 'object' && rawBody !== null
        ? ': it was passed as a parsed object. Parsing and re-serialising changes the bytes, so the signature cannot match; read the body raw (e.g. express.raw({ type: "application/json" })).'
        : '.'),
  )
}

/** Parses `t=...,v1=...`: the timestamp and every `v1`; other schemes are ignored. */
const parseHeader = (provider: string, header: string): { t: number; v1: string[] } => {
  let t: number | null = null
  const v1: string[] = []
  for (const item of header.split(',')) {
    const eq = item.indexOf('=')
    if (eq < 0) continue
    const key = item.slice(0, eq).trim()
    const value = item.slice(eq + 1).trim()
    if (key === 't' && /^\d{1,12}$/.test(value)) t = Number(value)
    else if (key === 'v1' && value !== '') v1.push(value)
  }
  if (t === null) throw fail(provider, 'malformed_header', 'The signature header has no valid `t=` timestamp.')
  if (v1.length === 0) throw fail(provider, 'malformed_header', 'The signature header has no `v1=` signature.')
  return { t, v1 }
}

const hmacHex = (secret: string, t: number, body: Buffer): string =>
  createHmac('sha256', secret).update(`${t}.`, 'utf8').update(body).digest('hex')

/** Constant-time comparison of two strings; false on length mismatch (length is not secret). */
const secureEqual = (a: string, b: string): boolean => {
  const x = Buffer.from(a, 'utf8')
  const y = Buffer.from(b, 'utf8')
  return x.length === y.length && timingSafeEqual(x, y)
}

const secretList = (secrets: TimestampedHmacInput['secrets']): string[] =>
  (typeof secrets === 'string' ? [secrets] : [...(secrets ?? [])]).filter((s) => typeof s === 'string' && s !== '')

/**
 * Verifies a timestamped-HMAC signature header. Returns the signed timestamp (Unix seconds);
 * throws `PaymuxError` kind `invalid_signature` with a {@link SignatureFailure} `code`.
 * No secret value ever appears in a message.
 */
export const verifyTimestampedHmac = (input: TimestampedHmacInput): number => {
  const { provider } = input
  const secrets = secretList(input.secrets)
  // Fail closed: a missing secret must never mean "accept unsigned".
  if (secrets.length === 0)
    throw fail(provider, 'no_secret', 'No webhook signing secret was given: refusing to verify.')
  const body = bodyBytes(provider, input.rawBody)
  const header = readHeader(input.headers, input.headerNames)
  if (header === null || header.trim() === '')
    throw fail(provider, 'missing_header', `The ${input.headerNames[0]} header is missing or empty.`)
  const { t, v1 } = parseHeader(provider, header)
  const tolerance = input.toleranceSec ?? DEFAULT_TOLERANCE_SEC
  if (!Number.isFinite(tolerance) || tolerance < 0)
    throw new PaymuxError({ kind: 'config', provider, message: '`toleranceSec` must be a non-negative number.' })
  const matched = secrets.some((secret) => {
    const expected = hmacHex(secret, t, body)
    return v1.some((sig) => secureEqual(sig, expected))
  })
  if (!matched) {
    const hint = secrets.some((s) => /\s/.test(s))
      ? ' The provided signing secret contains whitespace (a pasted secret often gains a newline).'
      : ''
    throw fail(
      provider,
      'no_matching_signature',
      'No signature matches the expected signature for the payload. Pass the raw request body, exactly as received; ' +
        'a forwarding tool must keep its bytes, JSON formatting and line endings.' +
        hint,
    )
  }
  if (tolerance > 0) {
    const now = Math.floor((input.now ?? new Date()).getTime() / 1000)
    if (Math.abs(now - t) > tolerance)
      throw fail(
        provider,
        'timestamp_out_of_tolerance',
        `The signature's timestamp is ${Math.abs(now - t)} s ${now >= t ? 'old' : 'in the future'}, beyond the tolerance of ${tolerance} s (check the server clock).`,
      )
  }
  return t
}

/** What {@link signTimestampedHmac} signs. */
export interface TimestampedHmacSign {
  readonly payload: string | Uint8Array
  readonly secret: string
  /** Unix seconds; now when absent. */
  readonly timestamp?: number
}

/** The header value `t=<timestamp>,v1=<hex>` for a payload: for tests and local senders. */
export const signTimestampedHmac = (input: TimestampedHmacSign): string => {
  const t = input.timestamp ?? Math.floor(Date.now() / 1000)
  const body =
    typeof input.payload === 'string'
      ? Buffer.from(input.payload, 'utf8')
      : Buffer.from(input.payload.buffer, input.payload.byteOffset, input.payload.byteLength)
  return `t=${t},v1=${hmacHex(input.secret, t, body)}`
}
