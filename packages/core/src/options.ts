/**
 * Options shared by every adapter factory, and the checks every adapter runs on them at
 * construction, before any request: a `config` error is thrown synchronously. Unknown names and
 * out-of-range values are refused, not ignored: a typo must not quietly change how a client behaves.
 */
import { configError } from './errors.ts'
import type { RequestHooks } from './http/hooks.ts'
import type { RetryPolicy } from './http/retry-policy.ts'
import { refuseUnknownNames } from './option-names.ts'
import type { PagingHooks } from './paging/types.ts'

/** Observers of a client's requests and listings. A throwing hook never breaks a call. */
export interface ClientHooks extends RequestHooks, PagingHooks {}

/** Options every adapter accepts (key, base URL, timeouts, retries, hooks). */
export interface ProviderOptions {
  /** Secret API key. Never logged, never in an error, never in a checkpoint. */
  readonly apiKey: string
  /** API origin, e.g. a sandbox's `http://127.0.0.1:4010`. @default the provider's host for the key's mode */
  readonly baseUrl?: string
  /** Per-attempt timeout in ms, body included: an integer from 1 to 2^31 - 1. @default 30000 */
  readonly timeoutMs?: number
  readonly retry?: RetryPolicy
  /**
   * The fetch requests are sent with (through ky). @default a `node:http` keep-alive fetch,
   * cheaper per page than Node's built-in one; pass `globalThis.fetch` to use the runtime's.
   */
  readonly fetch?: typeof fetch
  readonly hooks?: ClientHooks
  /** Largest response body accepted. @default 16777216 (16 MiB) */
  readonly maxResponseBytes?: number
  /**
   * The most requests per second this client sends, over all its listings and writes: a number
   * > 0 (e.g. 25, Stripe's test-mode limit). Below it the client still learns the provider's
   * limit from its 429s and slows down. @default none: only the learned rate applies
   */
  readonly maxRequestsPerSecond?: number
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1'])

/** Whether a hostname is this machine (localhost, 127.x.x.x, ::1). */
export const isLoopbackHost = (hostname: string): boolean =>
  LOOPBACK.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname)

/**
 * Parses and checks a base URL: http(s) only, no credentials or query in it, and a live key
 * never over plain http unless the host is loopback (a local sandbox or proxy).
 */
export const checkBaseUrl = (provider: string, baseUrl: string, live: boolean): URL => {
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    throw configError(provider, `baseUrl is not a valid URL: ${JSON.stringify(baseUrl)}`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw configError(provider, `baseUrl must use http or https, not ${url.protocol}`)
  }
  if (url.username || url.password) throw configError(provider, 'baseUrl must not contain credentials')
  if (url.search || url.hash) throw configError(provider, 'baseUrl must not contain a query or fragment')
  if (live && url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw configError(provider, `refusing to send a live key over plain http to ${url.host}; use https`)
  }
  return url
}

/** Longest delay a Node timer honours: a longer one fires at once (2^31 - 1 ms, about 24.8 days). */
export const MAX_TIMER_MS = 2 ** 31 - 1

// Every name a user may set, checked against the interfaces so a new option cannot be forgotten.
const OPTION_NAMES = [
  'apiKey',
  'baseUrl',
  'timeoutMs',
  'retry',
  'fetch',
  'hooks',
  'maxResponseBytes',
  'maxRequestsPerSecond',
] as const satisfies readonly (keyof ProviderOptions)[]
const RETRY_NAMES = [
  'retries',
  'baseDelayMs',
  'maxDelayMs',
  'maxRetryAfterMs',
  'deadlineMs',
  'budget',
  'clock',
  'random',
  'sleep',
] as const satisfies readonly (keyof RetryPolicy)[]
const HOOK_NAMES = [
  'onRequest',
  'onResponse',
  'onRetry',
  'onPage',
  'onDrift',
] as const satisfies readonly (keyof ClientHooks)[]
// Compile-time: each list names every member of its interface.
const complete: [
  Exclude<keyof ProviderOptions, (typeof OPTION_NAMES)[number]>,
  Exclude<keyof RetryPolicy, (typeof RETRY_NAMES)[number]>,
  Exclude<keyof ClientHooks, (typeof HOOK_NAMES)[number]>,
] extends [never, never, never]
  ? true
  : never = true
void complete

/** How a refused value is shown: numbers and null as they are, strings quoted, others by type. */
const shown = (v: unknown): string =>
  typeof v === 'string'
    ? JSON.stringify(v)
    : v === null || (typeof v !== 'object' && typeof v !== 'function')
      ? String(v)
      : typeof v

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** An integer in [min, max], or absent. */
const checkInteger = (provider: string, name: string, v: unknown, min: number, max: number): void => {
  if (v === undefined) return
  if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) return
  const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`
  const why = max === MAX_TIMER_MS ? ` (${max} ms, 2^31 - 1, is the longest timer Node honours)` : ''
  throw configError(provider, `${name} must be an integer ${range}${why}, got ${shown(v)}`)
}

/** A finite number > 0, or absent. */
const checkPositive = (provider: string, name: string, v: unknown): void => {
  if (v === undefined || (typeof v === 'number' && Number.isFinite(v) && v > 0)) return
  throw configError(provider, `${name} must be a number > 0, got ${shown(v)}`)
}

const checkFunction = (provider: string, name: string, v: unknown): void => {
  if (v !== undefined && typeof v !== 'function') {
    throw configError(provider, `${name} must be a function, got ${shown(v)}`)
  }
}

/** `name` must be absent or an object with only `known` members; returns it for the next checks. */
const checkGroup = (
  provider: string,
  name: string,
  v: unknown,
  known: readonly string[],
): Record<string, unknown> | undefined => {
  if (v === undefined) return undefined
  if (!isPlainObject(v)) throw configError(provider, `${name} must be an object, got ${shown(v)}`)
  refuseUnknownNames(provider, v, known, `${name}.`)
  return v
}

/**
 * Checks the options common to all adapters, before any request: an unknown name (with the
 * closest known one suggested), or a value of the wrong type or range, is a `config` error naming
 * the option. `undefined` means absent everywhere. `extraNames` are the adapter's own options.
 * The key itself is checked by the adapter with `checkApiKey`.
 */
export const checkCommonOptions = (provider: string, o: ProviderOptions, extraNames: readonly string[] = []): void => {
  if (!isPlainObject(o)) throw configError(provider, 'options object is required')
  refuseUnknownNames(provider, o, [...OPTION_NAMES, ...extraNames])
  if (o.baseUrl !== undefined && typeof o.baseUrl !== 'string') {
    throw configError(provider, `baseUrl must be a string, got ${shown(o.baseUrl)}`)
  }
  checkInteger(provider, 'timeoutMs', o.timeoutMs, 1, MAX_TIMER_MS)
  checkInteger(provider, 'maxResponseBytes', o.maxResponseBytes, 1, Number.MAX_SAFE_INTEGER)
  checkFunction(provider, 'fetch', o.fetch)
  checkPositive(provider, 'maxRequestsPerSecond', o.maxRequestsPerSecond)
  const r = checkGroup(provider, 'retry', o.retry, RETRY_NAMES)
  if (r !== undefined) {
    checkInteger(provider, 'retry.retries', r['retries'], 0, 20)
    for (const n of ['baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs'] as const) {
      checkInteger(provider, `retry.${n}`, r[n], 0, MAX_TIMER_MS)
    }
    checkInteger(provider, 'retry.deadlineMs', r['deadlineMs'], 1, MAX_TIMER_MS)
    checkInteger(provider, 'retry.budget', r['budget'], 0, Number.MAX_SAFE_INTEGER)
    for (const n of ['clock', 'random', 'sleep'] as const) checkFunction(provider, `retry.${n}`, r[n])
  }
  const h = checkGroup(provider, 'hooks', o.hooks, HOOK_NAMES)
  if (h !== undefined) for (const n of HOOK_NAMES) checkFunction(provider, `hooks.${n}`, h[n])
}

export { toUnixSeconds } from './paging/unix-seconds.ts'
