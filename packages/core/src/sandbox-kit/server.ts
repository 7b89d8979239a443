/**
 * The HTTP server every sandbox runs: `node:http` on 127.0.0.1, per-route request stats, added
 * latency, injected faults, a rate limit, an auth check, and a `close()` that returns promptly however many
 * keep-alive sockets and delayed answers are open. A sandbox gives only what is its own: its
 * routes (pure functions from a request to a reply), its auth rule and its error bodies.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { SandboxStats } from '../sandbox.ts'
import { isStatusFault, pickFault, serveBrokenConnection, type StatusFault } from './faults.ts'
import type { FaultPlan, ResolvedRateLimit } from './options.ts'
import { createTokenBucket, retryAfterSeconds } from './rate-limit.ts'

/** A reply a route builds: the server writes it as JSON. */
export interface SandboxReply {
  readonly status: number
  readonly body: unknown
  readonly headers?: Readonly<Record<string, string>>
}

/** What a route sees of a request besides its method and URL: the body and the headers. */
export interface SandboxRequest {
  /** The parsed JSON body; `undefined` when the request had none. */
  readonly body: unknown
  /** The body as received when it is not JSON (the route answers its provider's 400); else null. */
  readonly invalidBody: string | null
  /** Header names in lower case, as Node gives them. */
  readonly headers: IncomingHttpHeaders
}

/** The largest request body a sandbox reads; a larger one is answered 413 without routing. */
export const MAX_SANDBOX_BODY_BYTES = 1024 * 1024

/** A matched request: its stats key (method and path pattern, ids as `:id`) and its handler. */
export interface SandboxRoute {
  readonly key: string
  readonly handle: () => SandboxReply
}

/** What a sandbox hands the kit's server: its routes, auth check, latency and fault plan. */
export interface SandboxServerSpec {
  readonly port: number
  readonly seed: number
  readonly latencyMs: number
  readonly faults: FaultPlan
  /** Faults of writes (every method but GET), drawn apart from `faults`. @default none */
  readonly writeFaults?: FaultPlan
  /** A requests-per-second limit over every request, answered with `faultReply('429')`. @default none */
  readonly rateLimit?: ResolvedRateLimit | null
  /** Matches a request (any method, any path: unknown ones get a route that answers 404). */
  readonly route: (method: string, url: URL, request: SandboxRequest) => SandboxRoute
  /** The error reply for a bad or missing `Authorization` header, or null when it is right. */
  readonly authorize: (authorization: string | undefined) => SandboxReply | null
  /** The provider's error reply of a status fault; `500` also answers a route that throws. */
  readonly faultReply: (kind: StatusFault) => SandboxReply
  /** Extra headers of the `n`-th answer (e.g. a request id). */
  readonly headers?: (n: number) => Readonly<Record<string, string>>
  /** Last change to a reply before it is written (e.g. an error body sent with HTTP 200). */
  readonly finish?: (reply: SandboxReply, route: SandboxRoute) => SandboxReply
}

/** The running server: what a `Sandbox` exposes besides its data. */
export interface SandboxServer {
  /** e.g. `http://127.0.0.1:41234` */
  readonly baseUrl: string
  stats(): SandboxStats
  resetStats(): void
  close(): Promise<void>
}

interface MutableStats {
  requests: number
  byRoute: Record<string, number>
  faults: number
  faultsByKind: Record<string, number>
  rateLimited: number
}

const emptyStats = (): MutableStats => ({ requests: 0, byRoute: {}, faults: 0, faultsByKind: {}, rateLimited: 0 })

const requestOf = (headers: IncomingHttpHeaders, text: string | null): SandboxRequest => {
  if (text === null || text === '') return { body: undefined, invalidBody: null, headers }
  try {
    return { body: JSON.parse(text) as unknown, invalidBody: null, headers }
  } catch {
    return { body: undefined, invalidBody: text, headers }
  }
}

/** Starts a sandbox server on 127.0.0.1 (port 0: any free port). */
export const startSandboxServer = async (spec: SandboxServerSpec): Promise<SandboxServer> => {
  let stats = emptyStats()
  const sockets = new Set<Socket>()
  const timers = new Set<NodeJS.Timeout>()
  let closed = false
  // The fault draw follows the request's sequence number, which resetStats() does not reset.
  let sequence = 0
  // Writes have a sequence of their own, so write faults fall on the same writes whatever the reads.
  let writeSequence = 0
  const bucket = spec.rateLimit ? createTokenBucket(spec.rateLimit) : null

  const send = (res: ServerResponse, reply: SandboxReply, n: number): void => {
    const text = JSON.stringify(reply.body)
    res.writeHead(reply.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      ...spec.headers?.(n),
      ...reply.headers,
    })
    res.end(text)
  }

  const realReply = (req: IncomingMessage, route: SandboxRoute): SandboxReply => {
    let reply: SandboxReply
    try {
      reply = spec.authorize(req.headers.authorization) ?? route.handle()
    } catch {
      reply = spec.faultReply('500')
    }
    return spec.finish ? spec.finish(reply, route) : reply
  }

  const answer = (req: IncomingMessage, res: ServerResponse, route: SandboxRoute, n: number, w: number): void => {
    const fault =
      w >= 0 && spec.writeFaults !== undefined
        ? (pickFault(spec.seed, spec.writeFaults, w, true) ?? pickFault(spec.seed, spec.faults, n))
        : pickFault(spec.seed, spec.faults, n)
    if (fault === null) return send(res, realReply(req, route), n)
    stats.faults += 1
    stats.faultsByKind[fault] = (stats.faultsByKind[fault] ?? 0) + 1
    if (isStatusFault(fault)) return send(res, spec.faultReply(fault), n)
    // Every broken answer is built first: `commit_then_drop` and `truncate` carry the request out.
    serveBrokenConnection(fault, res, JSON.stringify(realReply(req, route).body))
  }

  /** The provider's 429 for a request the rate limit refused: `Retry-After` only when configured. */
  const refusal = (waitMs: number): SandboxReply => {
    const reply = spec.faultReply('429')
    const headers: Record<string, string> = { ...reply.headers }
    delete headers['retry-after']
    if (spec.rateLimit?.retryAfter) headers['retry-after'] = retryAfterSeconds(waitMs)
    return { ...reply, headers }
  }

  const handle = (req: IncomingMessage, res: ServerResponse, text: string | null): void => {
    const n = sequence++
    const method = req.method ?? 'GET'
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const request = requestOf(req.headers, text)
    const route = spec.route(method, url, request)
    stats.requests += 1
    stats.byRoute[route.key] = (stats.byRoute[route.key] ?? 0) + 1
    // The limit is decided on arrival (the time the provider counts) and answered after the latency.
    const taken = bucket?.take() ?? null
    if (taken !== null && !taken.ok) stats.rateLimited += 1
    // A refused write draws no write fault: write faults fall on the same writes whatever the limit.
    const w = method === 'GET' || (taken !== null && !taken.ok) ? -1 : writeSequence++
    const reply = () => {
      if (taken !== null && !taken.ok) send(res, refusal(taken.waitMs), n)
      else answer(req, res, route, n, w)
    }
    if (spec.latencyMs <= 0) return reply()
    const timer = setTimeout(() => {
      timers.delete(timer)
      if (!closed) reply()
    }, spec.latencyMs)
    timers.add(timer)
  }

  const server = createServer((req, res) => {
    // GETs carry no body: answer at once (the listing benchmarks measure this path).
    if (req.method === 'GET' || req.method === 'HEAD') {
      req.resume()
      return handle(req, res, null)
    }
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_SANDBOX_BODY_BYTES) chunks.push(chunk)
    })
    req.on('end', () => {
      if (size > MAX_SANDBOX_BODY_BYTES)
        return send(res, { status: 413, body: { error: 'body too large' } }, sequence++)
      handle(req, res, Buffer.concat(chunks).toString('utf8'))
    })
  })
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(spec.port, '127.0.0.1', () => resolve())
  })
  // Node closes idle keep-alive sockets after 5 s, which races with a client reusing one under
  // heavy load (ECONNRESET). Sandboxes are short-lived; close() destroys idle sockets anyway.
  server.keepAliveTimeout = 30_000
  const { port } = server.address() as AddressInfo

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stats: () => ({ ...stats, byRoute: { ...stats.byRoute }, faultsByKind: { ...stats.faultsByKind } }),
    resetStats: () => {
      stats = emptyStats()
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
