/**
 * The sandbox's webhook deliveries (docs/providers/wooshpay.md#sandbox-webhooks): each event is
 * POSTed to every enabled endpoint subscribed to it, its raw JSON signed as WooshPay signs
 * (`Wooshpay-Signature: t=…,v1=…`, core's timestamped HMAC keyed with the endpoint's `whsec_`
 * secret, re-signed at each attempt). A non-2xx answer, a timeout or a refused connection is
 * retried with exponential backoff up to a bounded number of attempts (WooshPay itself: 18 over
 * 3 days; the sandbox: few and short, configurable, with an injectable sleep so tests never
 * wait). First attempts reach one endpoint in the order the events happened; retries do not hold
 * later events back. Delivery is at least once: `duplicate` sends every event twice, as a
 * provider does after a lost acknowledgement, so a receiver's dedupe can be proven.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { abortableSleep, checkOption, signTimestampedHmac } from '@paymux/core/adapter'
import { SIGNATURE_HEADERS } from '../webhooks.ts'
import type { WireObject } from './data.ts'
import { endpointsFor, type EndpointRegistry } from './webhook-endpoints.ts'

/** How the sandbox delivers webhooks. */
export interface SandboxWebhookOptions {
  /** Attempts per delivery, the first included. @default 5 */
  readonly maxAttempts?: number
  /** Wait before the first retry, in ms; it doubles at each retry. @default 1000 */
  readonly backoffMs?: number
  /** The longest wait between two attempts, in ms. @default 30000 */
  readonly maxBackoffMs?: number
  /** How long one attempt may take before it counts as failed, in ms. @default 10000 */
  readonly timeoutMs?: number
  /** Deliver every event twice (at-least-once delivery), so a receiver's dedupe is exercised. @default false */
  readonly duplicate?: boolean
  /** Waits between attempts; a test passes one that returns at once. @default a timer */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>
  /** The clock of the signature timestamps, in ms. @default Date.now */
  readonly now?: () => number
}

/** One attempt of one delivery, as it ended. */
export interface DeliveryAttempt {
  readonly eventId: string
  readonly type: string
  readonly endpointId: string
  readonly url: string
  /** 1 for the first attempt. */
  readonly attempt: number
  /** 1, or 2 for the second copy of a `duplicate` delivery. */
  readonly copy: number
  /** The receiver's HTTP status, or null when none came (timeout, refused connection). */
  readonly status: number | null
  /** Why no status came, or null. */
  readonly error: string | null
  /** A 2xx answer: this delivery is done. */
  readonly ok: boolean
  /** The wait before the next attempt, or null when there is none (done, or out of attempts). */
  readonly retryInMs: number | null
}

/** What a test or the CLI can observe of the deliveries. */
export interface SandboxWebhooks {
  /** Every attempt so far, oldest first. */
  attempts(): readonly DeliveryAttempt[]
  /** Calls `listener` after each attempt; returns the function that unsubscribes it. */
  onAttempt(listener: (a: DeliveryAttempt) => void): () => void
  /**
   * The first attempt (already made or still to come) that `predicate` accepts. Rejects when
   * `signal` aborts, or when the sandbox closes first.
   */
  waitFor(predicate: (a: DeliveryAttempt) => boolean, signal?: AbortSignal): Promise<DeliveryAttempt>
  /** Resolves once no delivery is in flight or waiting for a retry. */
  idle(): Promise<void>
}

/** The options with their defaults, checked. */
const resolve = (label: string, o: SandboxWebhookOptions = {}) => {
  const r = {
    maxAttempts: o.maxAttempts ?? 5,
    backoffMs: o.backoffMs ?? 1000,
    maxBackoffMs: o.maxBackoffMs ?? 30_000,
    timeoutMs: o.timeoutMs ?? 10_000,
    duplicate: o.duplicate ?? false,
    sleep: o.sleep ?? abortableSleep,
    now: o.now ?? Date.now,
  }
  checkOption(label, Number.isInteger(r.maxAttempts) && r.maxAttempts >= 1, 'webhooks.maxAttempts must be >= 1')
  for (const name of ['backoffMs', 'maxBackoffMs', 'timeoutMs'] as const)
    checkOption(label, Number.isFinite(r[name]) && r[name] >= 0, `webhooks.${name} must be >= 0`)
  checkOption(label, r.timeoutMs > 0, 'webhooks.timeoutMs must be > 0')
  return r
}

/** POSTs `body` once; the status, or the reason there is none. Never throws. */
const post = (
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<{ status: number | null; error: string | null }> =>
  new Promise((done) => {
    let target: URL
    try {
      target = new URL(url)
    } catch {
      return done({ status: null, error: 'invalid URL' })
    }
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest
    // No keep-alive (`agent: false`): each delivery is its own connection, so nothing of the
    // sandbox outlives it or holds a receiver's server open.
    const req = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        agent: false,
        signal,
      },
      (res: IncomingMessage) => {
        res.resume()
        res.on('end', () => done({ status: res.statusCode ?? null, error: null }))
        res.on('error', () => done({ status: res.statusCode ?? null, error: null }))
      },
    )
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)))
    req.on('error', (e: NodeJS.ErrnoException) => done({ status: null, error: e.code ?? e.message }))
    req.end(body)
  })

/** The delivery engine of one sandbox: `send(events)` after each write; `close()` stops retries. */
export const makeDeliveries = (label: string, registry: EndpointRegistry, options?: SandboxWebhookOptions) => {
  const o = resolve(label, options)
  const stop = new AbortController()
  const log: DeliveryAttempt[] = []
  const listeners = new Set<(a: DeliveryAttempt) => void>()
  const idleWaiters: (() => void)[] = []
  // Per endpoint, the first attempts in event order.
  const chains = new Map<string, Promise<unknown>>()
  let pending = 0

  const emit = (a: DeliveryAttempt): void => {
    log.push(a)
    for (const l of [...listeners]) l(a)
  }

  const delayOf = (attempt: number): number => Math.min(o.maxBackoffMs, o.backoffMs * 2 ** (attempt - 1))

  /** One attempt; true when the delivery is done (2xx, or the endpoint is gone). */
  const attemptOnce = async (event: WireObject, endpointId: string, attempt: number, copy: number) => {
    const endpoint = registry.endpoints.byId.get(endpointId)
    const secret = registry.secrets.get(endpointId)
    // Deleted or disabled since: WooshPay, like Stripe, stops delivering to it.
    if (stop.signal.aborted || endpoint === undefined || secret === undefined || endpoint['status'] !== 'enabled')
      return true
    // Indented, as Stripe sends events: a receiver that re-serialises before verifying fails.
    const body = JSON.stringify(event, null, 2)
    const signature = signTimestampedHmac({ payload: body, secret, timestamp: Math.floor(o.now() / 1000) })
    const url = endpoint['url'] as string
    const { status, error } = await post(
      url,
      body,
      {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'WooshPay-Sandbox/1.0 (paymux; +docs/providers/wooshpay.md#sandbox-webhooks)',
        [SIGNATURE_HEADERS[0]]: signature,
      },
      o.timeoutMs,
      stop.signal,
    )
    const ok = status !== null && status >= 200 && status <= 299
    const last = attempt >= o.maxAttempts || stop.signal.aborted
    // Stripe's `pending_webhooks`: endpoints still to reach (a second copy reached none new).
    if (ok && copy === 1) event['pending_webhooks'] = Math.max(0, (event['pending_webhooks'] as number) - 1)
    emit({
      eventId: event['id'] as string,
      type: event['type'] as string,
      endpointId,
      url,
      attempt,
      copy,
      status,
      error,
      ok,
      retryInMs: ok || last ? null : delayOf(attempt),
    })
    return ok || last
  }

  const retry = async (event: WireObject, endpointId: string, copy: number): Promise<void> => {
    for (let attempt = 2; attempt <= o.maxAttempts; attempt++) {
      await o.sleep(delayOf(attempt - 1), stop.signal)
      if (await attemptOnce(event, endpointId, attempt, copy)) return
    }
  }

  const settle = (): void => {
    pending -= 1
    if (pending === 0) for (const w of idleWaiters.splice(0)) w()
  }

  const enqueue = (event: WireObject, endpointId: string, copy: number): void => {
    pending += 1
    const first = (chains.get(endpointId) ?? Promise.resolve()).then(() => attemptOnce(event, endpointId, 1, copy))
    chains.set(
      endpointId,
      first.catch(() => undefined),
    )
    first
      .then((done) => (done ? undefined : retry(event, endpointId, copy)))
      // A sleep rejected by close(): the delivery ends there.
      .catch(() => undefined)
      .finally(settle)
  }

  const webhooks: SandboxWebhooks = {
    attempts: () => [...log],
    onAttempt: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    waitFor: (predicate, signal) => {
      const seen = log.find(predicate)
      if (seen) return Promise.resolve(seen)
      return new Promise((resolvePromise, reject) => {
        const cleanup = () => {
          listeners.delete(listener)
          signal?.removeEventListener('abort', onAbort)
          stop.signal.removeEventListener('abort', onAbort)
        }
        const listener = (a: DeliveryAttempt) => {
          if (!predicate(a)) return
          cleanup()
          resolvePromise(a)
        }
        const onAbort = () => {
          cleanup()
          reject(signal?.aborted ? (signal.reason as Error) : new Error(`${label} closed`))
        }
        if (signal?.aborted || stop.signal.aborted) return onAbort()
        listeners.add(listener)
        signal?.addEventListener('abort', onAbort, { once: true })
        stop.signal.addEventListener('abort', onAbort, { once: true })
      })
    },
    idle: () => (pending === 0 ? Promise.resolve() : new Promise<void>((r) => idleWaiters.push(r))),
  }

  return {
    webhooks,
    /** Queues the deliveries of a write's events (oldest first) to the endpoints subscribed. */
    send(events: readonly WireObject[]): void {
      for (const event of events) {
        const targets = endpointsFor(registry, event['type'] as string)
        event['pending_webhooks'] = targets.length
        for (const endpoint of targets) {
          const id = endpoint['id'] as string
          enqueue(event, id, 1)
          if (o.duplicate) enqueue(event, id, 2)
        }
      }
    },
    /** Stops: no new attempt starts, waiting retries end, attempts in flight are aborted. */
    close(): void {
      stop.abort(new Error(`${label} closed`))
    },
  }
}
