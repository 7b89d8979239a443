/**
 * `@paymux/priceblocs/sandbox`: a real `node:http` server on 127.0.0.1 that speaks PriceBlocs'
 * wire format for payment links and checkouts, with seeded deterministic data (1,000,000
 * objects cost no memory), Bearer auth, optional latency, injected faults, error bodies sent
 * with HTTP 200, and objects inserted while a listing runs (drift).
 * @example
 * const sb = await startSandbox({ count: 250, seed: 1, linksHost: 'https://elsewhere.test' })
 * const pb = priceblocs({ apiKey: sb.apiKey, baseUrl: sb.baseUrl })
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FaultKind, ResourceName, Sandbox, SandboxOptions, SandboxStats } from '@paymux/core/adapter'
import { hash32, timeGrid, type SandboxResource } from './data.ts'
import { breakConnection, faultPicker, readFaultPlan, statusFault } from './faults.ts'
import { errorReply, handle, routeKey, type Reply, type RouteContext } from './routes.ts'
import { createStore, type Collection } from './store.ts'

/** Options of the PriceBlocs sandbox. */
export interface PriceblocsSandboxOptions extends SandboxOptions {
  /**
   * Origin written into the absolute `links.*.url` of list pages. Point it at a host the
   * client must never contact to prove that links are not followed.
   * @default 'https://api.priceblocs.com'
   */
  readonly linksHost?: string
  /** Insert a new newest object into the listed resource before every n-th list page request. */
  readonly driftEvery?: number
  /**
   * Send error bodies (`{ statusCode, error, message, type }`) with HTTP 200, as the SDK's
   * body-based error check allows: `true` for every route, or route keys such as
   * `'GET /v1/checkouts/:id'`.
   */
  readonly errorsWith200?: boolean | readonly string[]
  /** Objects per resource, overriding `count`. */
  readonly counts?: Partial<Readonly<Record<SandboxResource, number>>>
  /** The accepted secret key. @default derived from the seed */
  readonly apiKey?: string
}

/** A running PriceBlocs sandbox. */
export interface PriceblocsSandbox extends Sandbox {
  /** Adds `n` objects newer than all others, as if created now. */
  insert(resource: SandboxResource, n?: number): void
  /** Current number of objects of a resource (seeded plus inserted). */
  count(resource: SandboxResource): number
}

export type { SandboxResource } from './data.ts'

const MAX_COUNT = 10_000_000

const checkCount = (name: string, n: number): number => {
  if (!Number.isInteger(n) || n < 0 || n > MAX_COUNT) throw new RangeError(`${name} must be an integer 0..${MAX_COUNT}`)
  return n
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Starts a PriceBlocs sandbox server on 127.0.0.1. */
export const startSandbox = async (o: PriceblocsSandboxOptions = {}): Promise<PriceblocsSandbox> => {
  const seed = o.seed ?? 1
  const count = checkCount('count', o.count ?? 250)
  const counts = {
    paymentLinks: checkCount('counts.paymentLinks', o.counts?.paymentLinks ?? count),
    checkoutSessions: checkCount('counts.checkoutSessions', o.counts?.checkoutSessions ?? count),
  }
  const latencyMs = o.latencyMs ?? 0
  if (!(Number.isFinite(latencyMs) && latencyMs >= 0)) throw new RangeError('latencyMs must be >= 0')
  const driftEvery = o.driftEvery ?? 0
  if (!(Number.isInteger(driftEvery) && driftEvery >= 0)) throw new RangeError('driftEvery must be a whole number')
  const linksHost = new URL(o.linksHost ?? 'https://api.priceblocs.com').origin
  const apiKey = o.apiKey ?? `PB_sk_test_sandbox${hash32(seed, 0x4b).toString(36)}${hash32(seed, 0x4c).toString(36)}`
  const plan = readFaultPlan(o.faults)
  const nextFault = faultPicker(plan, seed)
  const with200 = o.errorsWith200 ?? false
  const grid = timeGrid(Math.max(counts.paymentLinks, counts.checkoutSessions))
  const store = createStore({ seed, quirks: o.quirks ?? true, ...grid }, counts)

  let stats = {
    requests: 0,
    byRoute: {} as Record<string, number>,
    faults: 0,
    faultsByKind: {} as Record<string, number>,
  }
  const listRequests = new Map<Collection, number>()

  const ctx: RouteContext = {
    store,
    quirks: o.quirks ?? true,
    linksHost,
    onListPage: (c) => {
      if (driftEvery === 0) return
      const n = (listRequests.get(c) ?? 0) + 1
      listRequests.set(c, n)
      if (n % driftEvery === 0) c.insert(1)
    },
  }

  const send = (res: ServerResponse, key: string, reply: Reply) => {
    const errorIn200 = reply.status >= 400 && (with200 === true || (Array.isArray(with200) && with200.includes(key)))
    const body = JSON.stringify(reply.body)
    res.writeHead(errorIn200 ? 200 : reply.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      ...reply.headers,
    })
    res.end(body)
  }

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET'
    const url = new URL(req.url ?? '/', 'http://sandbox.local')
    const key = routeKey(method, url.pathname)
    stats.requests += 1
    stats.byRoute[key] = (stats.byRoute[key] ?? 0) + 1
    if (latencyMs > 0) await sleep(latencyMs)

    const fault: FaultKind | null = nextFault()
    if (fault !== null) {
      stats.faults += 1
      stats.faultsByKind[fault] = (stats.faultsByKind[fault] ?? 0) + 1
      const reply = statusFault(fault)
      if (reply) return send(res, key, reply)
      const real = fault === 'truncate' ? JSON.stringify(handle(ctx, method, url).body) : ''
      return breakConnection(fault, res, real)
    }
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      return send(res, key, errorReply(401, 'Invalid API Key provided'))
    }
    send(res, key, handle(ctx, method, url))
  }

  const server = createServer((req, res) => {
    serve(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 'error', errorReply(500, e instanceof Error ? e.message : 'sandbox error'))
      else res.destroy()
    })
  })
  server.keepAliveTimeout = 5_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(o.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo

  const collectionOf = (r: ResourceName | SandboxResource): Collection | null =>
    r === 'paymentLinks' ? store.paymentLinks : r === 'checkoutSessions' ? store.checkoutSessions : null

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    apiKey,
    stats: (): SandboxStats => ({
      ...stats,
      byRoute: { ...stats.byRoute },
      faultsByKind: { ...stats.faultsByKind },
    }),
    resetStats: () => {
      stats = { requests: 0, byRoute: {}, faults: 0, faultsByKind: {} }
    },
    // PriceBlocs has no payment intents: nothing is seeded for them.
    ids: (r) => collectionOf(r)?.ids() ?? [],
    insert: (r, n = 1) => collectionOf(r)?.insert(checkCount('n', n)),
    count: (r) => collectionOf(r)?.count() ?? 0,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()))
        server.closeAllConnections()
      }),
  }
}
