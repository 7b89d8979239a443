/**
 * `@paymux/priceblocs/sandbox`: a real HTTP server on 127.0.0.1 (core's sandbox server kit)
 * that speaks PriceBlocs' wire format for payment links and checkouts, with seeded
 * deterministic data (1,000,000 objects cost no memory), stateful link writes (create, update,
 * delete; no idempotency, as PriceBlocs has none), Bearer auth, optional latency,
 * injected faults, error bodies sent with HTTP 200, and objects inserted while a listing runs
 * (drift). This file holds only what is PriceBlocs' own: its options, auth rule and wiring.
 * @example
 * const sb = await startSandbox({ count: 250, seed: 1, linksHost: 'https://elsewhere.test' })
 * const pb = priceblocs({ apiKey: sb.apiKey, baseUrl: sb.baseUrl })
 */
import {
  checkCount,
  checkOption,
  hash32,
  resolveSandboxOptions,
  startSandboxServer,
  type ResourceName,
  type Sandbox,
  type SandboxOptions,
} from '@paymux/core/adapter'
import { errorReply, faultReply } from './errors.ts'
import { routeOf, type RouteContext } from './routes.ts'
import { createStore, type Collection } from './store.ts'
import { timeGrid, type SandboxResource } from './timeline.ts'

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
  /** The clock that stamps created and updated links (ms since the epoch). @default Date.now */
  readonly now?: () => number
}

/** A running PriceBlocs sandbox. */
export interface PriceblocsSandbox extends Sandbox {
  /** Adds `n` objects newer than all others, as if created now. */
  insert(resource: SandboxResource, n?: number): void
  /** Current number of objects of a resource (seeded plus inserted). */
  count(resource: SandboxResource): number
}

export type { SandboxResource } from './timeline.ts'

const LABEL = 'priceblocs-sandbox'

/** Starts a PriceBlocs sandbox server on 127.0.0.1. */
export const startSandbox = async (options: PriceblocsSandboxOptions = {}): Promise<PriceblocsSandbox> => {
  const o = resolveSandboxOptions(LABEL, options)
  const counts = {
    paymentLinks: checkCount(LABEL, 'counts.paymentLinks', options.counts?.paymentLinks ?? o.count),
    checkoutSessions: checkCount(LABEL, 'counts.checkoutSessions', options.counts?.checkoutSessions ?? o.count),
  }
  const driftEvery = options.driftEvery ?? 0
  checkOption(LABEL, Number.isInteger(driftEvery) && driftEvery >= 0, 'driftEvery must be a whole number')
  const linksHost = new URL(options.linksHost ?? 'https://api.priceblocs.com').origin
  const apiKey =
    options.apiKey ?? `PB_sk_test_sandbox${hash32(o.seed, 0x4b).toString(36)}${hash32(o.seed, 0x4c).toString(36)}`
  const with200 = options.errorsWith200 ?? false
  const grid = timeGrid(Math.max(counts.paymentLinks, counts.checkoutSessions))
  const store = createStore({ seed: o.seed, quirks: o.quirks, ...grid }, counts)

  const listRequests = new Map<Collection, number>()
  const ctx: RouteContext = {
    store,
    writes: { seed: o.seed, quirks: o.quirks, now: options.now ?? Date.now },
    quirks: o.quirks,
    linksHost,
    onListPage: (c) => {
      if (driftEvery === 0) return
      const n = (listRequests.get(c) ?? 0) + 1
      listRequests.set(c, n)
      if (n % driftEvery === 0) c.insert(1)
    },
  }

  const server = await startSandboxServer({
    port: o.port,
    seed: o.seed,
    latencyMs: o.latencyMs,
    faults: o.faults,
    writeFaults: o.writeFaults,
    rateLimit: o.rateLimit,
    route: routeOf(ctx),
    // Bearer auth with the secret key (docs/providers/priceblocs.md#bearer-auth).
    authorize: (header) => (header === `Bearer ${apiKey}` ? null : errorReply(401, 'Invalid API Key provided')),
    faultReply,
    // The SDK reads failure from the body (docs/providers/priceblocs.md#errors-in-body): with
    // `errorsWith200`, an error body can arrive with HTTP 200.
    finish: (reply, route) =>
      reply.status >= 400 && (with200 === true || (Array.isArray(with200) && with200.includes(route.key)))
        ? { ...reply, status: 200 }
        : reply,
  })

  const collectionOf = (r: ResourceName | SandboxResource): Collection | null =>
    r === 'paymentLinks' ? store.paymentLinks : r === 'checkoutSessions' ? store.checkoutSessions : null

  return {
    ...server,
    apiKey,
    // PriceBlocs has no payment intents: nothing is seeded for them.
    ids: (r) => collectionOf(r)?.ids() ?? [],
    insert: (r, n = 1) => collectionOf(r)?.insert(checkCount(LABEL, 'n', n)),
    count: (r) => collectionOf(r)?.count() ?? 0,
  }
}
