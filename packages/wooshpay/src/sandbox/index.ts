/**
 * `@paymux/wooshpay/sandbox`: a real HTTP server on 127.0.0.1 (core's sandbox server kit)
 * speaking WooshPay's wire format, quirks included (switchable), over deterministic seeded data
 * built lazily by index (a million objects cost nothing until listed), with optional latency
 * and injected faults. Implements core's `Sandbox` contract; this file holds only what is
 * WooshPay's own: Basic auth, the forced-error switch and the wiring of routes and data.
 */
import {
  checkOption,
  resolveSandboxOptions,
  startSandboxServer,
  type Sandbox,
  type SandboxOptions,
} from '@paymux/core/adapter'
import { makeDataset, sandboxKey } from './data.ts'
import { makeDeliveries, type SandboxWebhookOptions, type SandboxWebhooks } from './deliveries.ts'
import { errorReply, faultReply, typicalError, type ErrorShape, type Reply } from './errors.ts'
import { makeEventLog } from './events.ts'
import { makeRouter } from './routes.ts'
import { makeWriteState } from './state.ts'
import { makeEndpointRegistry } from './webhook-endpoints.ts'

export type { DeliveryAttempt, SandboxWebhookOptions, SandboxWebhooks } from './deliveries.ts'
export { SANDBOX_EVENT_TYPES, type SandboxEventType } from './events.ts'

/** Options of the WooshPay sandbox. */
export interface WooshpaySandboxOptions extends SandboxOptions {
  /** The secret key the sandbox accepts. @default a deterministic `sk_test_…` key derived from the seed */
  readonly apiKey?: string
  /**
   * stripe-node compatibility, for benchmarks: also accept `Authorization: Bearer <key>` and
   * Stripe's session list path `GET /v1/checkout/sessions`. @default false
   */
  readonly acceptBearer?: boolean
  /**
   * Answer with this HTTP error instead of the real reply: every authenticated request, or only
   * those of one route (a stats key such as `GET /v1/payment_intents/:id`).
   */
  readonly forceError?: { readonly status: number; readonly route?: string; readonly shape?: ErrorShape }
  /**
   * Webhook deliveries to the endpoints created with `POST /v1/webhook_endpoints`: attempts,
   * backoff, timeout, an injectable sleep and clock, and `duplicate` (every event twice).
   */
  readonly webhooks?: SandboxWebhookOptions
}

/** A running WooshPay sandbox. */
export interface WooshpaySandbox extends Sandbox {
  /** Its webhook deliveries, to observe and await (docs/providers/wooshpay.md#sandbox-webhooks). */
  readonly webhooks: SandboxWebhooks
}

const LABEL = 'wooshpay-sandbox'

const maskKey = (key: string): string =>
  key.length <= 12 ? '*'.repeat(key.length) : `${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}`

/**
 * Basic auth, secret key as username (docs/providers/wooshpay.md#basic-auth); with
 * `acceptBearer`, Bearer too. Null when the key is right.
 */
const authenticator =
  (apiKey: string, acceptBearer: boolean) =>
  (header: string | undefined): Reply | null => {
    if (!header) {
      return errorReply(
        401,
        'invalid_request_error',
        'api_key_missing',
        'You did not provide an API key. Use Basic auth with your secret key as the username.',
      )
    }
    const space = header.indexOf(' ')
    const scheme = header.slice(0, space).toLowerCase()
    const value = header.slice(space + 1).trim()
    let key: string | null = null
    if (scheme === 'basic') key = Buffer.from(value, 'base64').toString('utf8').split(':')[0] ?? ''
    else if (scheme === 'bearer' && acceptBearer) key = value
    if (key === null) {
      return errorReply(
        401,
        'invalid_request_error',
        'api_key_invalid',
        'Unsupported authorization scheme: use Basic auth.',
      )
    }
    if (key === apiKey) return null
    return errorReply(401, 'invalid_request_error', 'api_key_invalid', `Invalid API Key provided: ${maskKey(key)}`)
  }

/** Starts a WooshPay sandbox server on 127.0.0.1. */
export const startSandbox = async (options: WooshpaySandboxOptions = {}): Promise<WooshpaySandbox> => {
  const o = resolveSandboxOptions(LABEL, options)
  const forced = options.forceError
  checkOption(
    LABEL,
    forced === undefined || (Number.isInteger(forced.status) && forced.status >= 400 && forced.status <= 599),
    'forceError.status must be an HTTP error status (400-599)',
  )
  const apiKey = options.apiKey ?? sandboxKey(o.seed)
  const writes = makeWriteState(o.seed, options.webhooks?.now)
  const endpoints = makeEndpointRegistry()
  const deliveries = makeDeliveries(LABEL, endpoints, options.webhooks)
  const router = makeRouter({
    data: makeDataset(o.seed, o.count),
    seed: o.seed,
    quirks: o.quirks,
    stripePaths: options.acceptBearer === true,
    writes,
    webhooks: { endpoints, log: makeEventLog(writes, (events) => deliveries.send(events)) },
  })
  const server = await startSandboxServer({
    port: o.port,
    seed: o.seed,
    latencyMs: o.latencyMs,
    faults: o.faults,
    writeFaults: o.writeFaults,
    rateLimit: o.rateLimit,
    route: (method, url, request) => {
      const route = router.route(method, url.pathname, url.searchParams, request)
      if (!forced || (forced.route !== undefined && forced.route !== route.key)) return route
      return { key: route.key, handle: () => typicalError(forced.status, forced.shape) }
    },
    authorize: authenticator(apiKey, options.acceptBearer === true),
    faultReply,
    headers: (n) => ({ 'request-id': `req_${o.seed.toString(36)}_${n.toString(36).padStart(6, '0')}` }),
  })
  const idCache = new Map<string, readonly string[]>()
  return {
    ...server,
    close: async () => {
      deliveries.close()
      await server.close()
    },
    webhooks: deliveries.webhooks,
    apiKey,
    ids: (resource) => {
      const cached = idCache.get(resource) ?? router.ids(resource)
      idCache.set(resource, cached)
      return cached
    },
  }
}
