/**
 * `@paymux/wooshpay/sandbox`: a real `node:http` server on 127.0.0.1 speaking WooshPay's wire
 * format, quirks included (switchable), over deterministic seeded data built lazily by index
 * (a million objects cost nothing until listed), with optional latency and injected faults.
 * Implements core's `Sandbox` contract.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import {
  FAULT_KINDS,
  configError,
  type FaultKind,
  type Sandbox,
  type SandboxOptions,
  type SandboxStats,
} from '@paymux/core/adapter'
import { makeDataset, sandboxKey } from './data.ts'
import { errorReply, typicalError, type ErrorShape, type Reply } from './errors.ts'
import { faultReply, pickFault, serveSocketFault } from './faults.ts'
import { makeRouter, type Route } from './routes.ts'

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
}

/** A running WooshPay sandbox. */
export type WooshpaySandbox = Sandbox

const PROVIDER = 'wooshpay-sandbox'
const MAX_COUNT = 10_000_000

const check = (ok: boolean, message: string): void => {
  if (!ok) throw configError(PROVIDER, message)
}

const maskKey = (key: string): string =>
  key.length <= 12 ? '*'.repeat(key.length) : `${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}`

/** Starts a WooshPay sandbox server on 127.0.0.1. */
export const startSandbox = async (options: WooshpaySandboxOptions = {}): Promise<WooshpaySandbox> => {
  const count = options.count ?? 250
  const seed = options.seed ?? 1
  const latencyMs = options.latencyMs ?? 0
  const rate = options.faults?.rate ?? 0
  const kinds: readonly FaultKind[] = options.faults?.kinds ?? FAULT_KINDS
  check(Number.isInteger(count) && count >= 0 && count <= MAX_COUNT, `count must be an integer from 0 to ${MAX_COUNT}`)
  check(Number.isInteger(seed), 'seed must be an integer')
  check(Number.isFinite(latencyMs) && latencyMs >= 0, 'latencyMs must be >= 0')
  check(Number.isFinite(rate) && rate >= 0 && rate <= 1, 'faults.rate must be from 0 to 1')
  check(
    kinds.every((k) => (FAULT_KINDS as readonly string[]).includes(k)),
    `faults.kinds must be among ${FAULT_KINDS.join(', ')}`,
  )
  const forced = options.forceError
  check(
    forced === undefined || (Number.isInteger(forced.status) && forced.status >= 400 && forced.status <= 599),
    'forceError.status must be an HTTP error status (400-599)',
  )
  const port = options.port ?? 0
  check(Number.isInteger(port) && port >= 0 && port <= 65_535, 'port must be an integer from 0 to 65535')
  const apiKey = options.apiKey ?? sandboxKey(seed)

  const router = makeRouter({
    data: makeDataset(seed, count),
    seed,
    quirks: options.quirks ?? true,
    stripePaths: options.acceptBearer === true,
  })
  let stats = {
    requests: 0,
    byRoute: {} as Record<string, number>,
    faults: 0,
    faultsByKind: {} as Record<string, number>,
  }
  const sockets = new Set<Socket>()
  const timers = new Set<NodeJS.Timeout>()
  let closed = false
  let sequence = 0

  /** Basic auth, secret key as username (§1.2); null when the key is right. */
  const authenticate = (header: string | undefined): Reply | null => {
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
    else if (scheme === 'bearer' && options.acceptBearer) key = value
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

  const send = (res: ServerResponse, reply: Reply, requestId: string): void => {
    const text = JSON.stringify(reply.body)
    res.writeHead(reply.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      'request-id': requestId,
      ...reply.headers,
    })
    res.end(text)
  }

  const answer = (req: IncomingMessage, res: ServerResponse, route: Route, n: number): void => {
    const requestId = `req_${seed.toString(36)}_${n.toString(36).padStart(6, '0')}`
    const fault = pickFault(seed, rate, kinds, n)
    if (fault) {
      stats.faults += 1
      stats.faultsByKind[fault] = (stats.faultsByKind[fault] ?? 0) + 1
      const reply = faultReply(fault)
      if (reply) return send(res, reply, requestId)
    }
    let reply: Reply
    try {
      reply =
        authenticate(req.headers.authorization) ??
        (forced && (forced.route === undefined || forced.route === route.key)
          ? typicalError(forced.status, forced.shape)
          : route.handle())
    } catch {
      reply = typicalError(500)
    }
    if (fault) serveSocketFault(fault, res, () => JSON.stringify(reply.body))
    else send(res, reply, requestId)
  }

  const server = createServer((req, res) => {
    req.resume() // a GET body (the documented form, quirk 1) is read and ignored
    // The fault draw follows the request's sequence number, which resetStats() does not reset.
    const n = sequence++
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const route = router.route(req.method ?? 'GET', url.pathname, url.searchParams)
    stats.requests += 1
    stats.byRoute[route.key] = (stats.byRoute[route.key] ?? 0) + 1
    if (latencyMs <= 0) return answer(req, res, route, n)
    const timer = setTimeout(() => {
      timers.delete(timer)
      if (!closed) answer(req, res, route, n)
    }, latencyMs)
    timers.add(timer)
  })
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  // Node closes idle keep-alive sockets after 5 s, which races with a client reusing one under
  // heavy load (ECONNRESET). Sandboxes are short-lived; close() destroys idle sockets anyway.
  server.keepAliveTimeout = 30_000
  const address = server.address() as AddressInfo

  const idCache = new Map<string, readonly string[]>()
  const snapshot = (): SandboxStats => ({
    ...stats,
    byRoute: { ...stats.byRoute },
    faultsByKind: { ...stats.faultsByKind },
  })

  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    apiKey,
    stats: snapshot,
    resetStats: () => {
      stats = { requests: 0, byRoute: {}, faults: 0, faultsByKind: {} }
    },
    ids: (resource) => {
      const cached = idCache.get(resource) ?? router.ids(resource)
      idCache.set(resource, cached)
      return cached
    },
    close: async () => {
      if (closed) return
      closed = true
      for (const t of timers) clearTimeout(t)
      timers.clear()
      const done = new Promise<void>((resolve) => server.close(() => resolve()))
      for (const s of sockets) s.destroy()
      await done
    },
  }
}
