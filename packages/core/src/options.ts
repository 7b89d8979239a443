/**
 * Options shared by every adapter factory, and the checks every adapter runs on them at
 * construction, before any request: a `config` error is thrown synchronously.
 */
import { configError } from './errors.ts'
import type { RequestHooks } from './http/hooks.ts'
import type { PagingHooks } from './paging/types.ts'

/** Observers of a client's requests and listings. A throwing hook never breaks a call. */
export interface ClientHooks extends RequestHooks, PagingHooks {}
import type { RetryPolicy } from './http/retry-policy.ts'

/** Options every adapter accepts (key, base URL, timeouts, retries, hooks). */
export interface ProviderOptions {
  /** Secret API key. Never logged, never in an error, never in a checkpoint. */
  readonly apiKey: string
  /** API origin, e.g. a sandbox's `http://127.0.0.1:4010`. @default the provider's host for the key's mode */
  readonly baseUrl?: string
  /** Per-attempt timeout in ms, body included. @default 30000 */
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

/** Checks the numeric options common to all adapters. */
export const checkCommonOptions = (provider: string, o: ProviderOptions): void => {
  if (typeof o !== 'object' || o === null) throw configError(provider, 'options object is required')
  if (typeof o.apiKey !== 'string' || o.apiKey.trim() === '') throw configError(provider, 'apiKey is required')
  if (o.timeoutMs !== undefined && !(Number.isFinite(o.timeoutMs) && o.timeoutMs > 0)) {
    throw configError(provider, `timeoutMs must be a positive number, got ${String(o.timeoutMs)}`)
  }
  if (o.maxResponseBytes !== undefined && !(Number.isInteger(o.maxResponseBytes) && o.maxResponseBytes > 0)) {
    throw configError(provider, `maxResponseBytes must be a positive integer, got ${String(o.maxResponseBytes)}`)
  }
  const r = o.retry
  if (r?.retries !== undefined && !(Number.isInteger(r.retries) && r.retries >= 0 && r.retries <= 20)) {
    throw configError(provider, `retry.retries must be an integer from 0 to 20, got ${String(r.retries)}`)
  }
}

export { toUnixSeconds } from './paging/unix-seconds.ts'
