/**
 * The sandbox's endpoints (docs/providers/wooshpay.md#payment-link-object,
 * #checkout-session-object, #paymentintent-object) and their parameter checks, with the real
 * API's semantics: Stripe-style query parameters (`created[gte]`, `customer_details[email]`),
 * `limit` 1..100 (default 10), one cursor at most, 400 for a bad or unknown parameter, 404 for
 * an unknown id. A route is a pure function of the request: (path, query) -> Reply.
 */
import type { ResourceName } from '@paymux/core/adapter'
import type { Dataset, WireObject } from './data.ts'
import { errorReply, invalidParam, noSuch, type Reply } from './errors.ts'
import { window, type Collection } from './store.ts'
import { hashString, mix, rngFor } from '@paymux/core/adapter'
import { QUOTED_LIST, quirkyIntent, quirkyLineItem, quirkyLink, quirkySession } from './quirks.ts'
import type { Timeline } from './timeline.ts'
import { makeWriteState, type WriteState, type WrittenCollection } from './state.ts'
import { writeRoute, type WebhookWrites } from './writes.ts'
import type { SandboxRequest } from '@paymux/core/adapter'
import { deleteEndpoint, retrieveEndpoint } from './webhook-endpoints.ts'

export interface RouteContext {
  readonly data: Dataset
  readonly seed: number
  readonly quirks: boolean
  /** Also serve Stripe's session list path `GET /v1/checkout/sessions` (stripe-node calls it). */
  readonly stripePaths: boolean
  /** Where writes keep what they create and change. @default fresh state from the seed */
  readonly writes?: WriteState
  /** Webhook endpoints and the event log (docs/providers/wooshpay.md#sandbox-webhooks). @default none */
  readonly webhooks?: WebhookWrites
}

export interface Route {
  /** Stats key: method and path pattern, ids as `:id`. */
  readonly key: string
  readonly handle: () => Reply
}

const DEFAULT_LIMIT = 10
const MAX_LIMIT = 100
const PAGING = ['limit', 'starting_after', 'ending_before'] as const
const CREATED = ['created', 'created[gt]', 'created[gte]', 'created[lt]', 'created[lte]'] as const

const QUIRK_SALT = {
  link: hashString('quirks.paymentLinks'),
  linkItem: hashString('quirks.paymentLinks.lineItems'),
  session: hashString('quirks.checkoutSessions'),
  sessionItem: hashString('quirks.checkoutSessions.lineItems'),
  intent: hashString('quirks.paymentIntents'),
}

type Predicate = (o: WireObject) => boolean

interface ListSpec {
  readonly path: string
  /** Extra parameters this endpoint accepts besides paging. */
  readonly accepts: readonly string[]
  readonly count: number
  readonly indexOf: (id: string) => number
  readonly build: (i: number) => WireObject
  readonly quirk: (o: WireObject, i: number) => WireObject
  readonly timeline?: Timeline
  /** Filters -> a predicate on the clean object and an index range; or a 400 reply. */
  readonly filter?: (q: URLSearchParams, range: { lo: number; hi: number }) => Predicate | null | Reply
}

const isReply = (v: unknown): v is Reply => typeof v === 'object' && v !== null && 'status' in v && 'body' in v

/** `created=` / `created[gt]=` … -> an index range over a newest-first timeline. */
const createdRange = (q: URLSearchParams, t: Timeline, range: { lo: number; hi: number }): Reply | null => {
  for (const name of CREATED) {
    const raw = q.get(name)
    if (raw === null) continue
    if (!/^\d{1,12}$/.test(raw)) return invalidParam(name, `Invalid integer: ${raw}`, 'parameter_invalid_integer')
    const x = Number(raw)
    // Creation seconds decrease with the index, so each bound cuts one end of the range.
    if (name === 'created[gt]' || name === 'created' || name === 'created[gte]') {
      const first = t.firstWhere(name === 'created[gt]' ? (s) => s <= x : (s) => s < x)
      range.hi = Math.min(range.hi, first)
    }
    if (name === 'created[lt]' || name === 'created' || name === 'created[lte]') {
      const first = t.firstWhere(name === 'created[lt]' ? (s) => s < x : (s) => s <= x)
      range.lo = Math.max(range.lo, first)
    }
  }
  return null
}

const listReply = (spec: ListSpec, q: URLSearchParams, quirks: boolean): Reply => {
  for (const name of q.keys()) {
    if (!(PAGING as readonly string[]).includes(name) && !spec.accepts.includes(name)) {
      return invalidParam(name, `Received unknown parameter: ${name}`, 'parameter_unknown')
    }
  }
  const rawLimit = q.get('limit')
  let limit = DEFAULT_LIMIT
  if (rawLimit !== null) {
    limit = /^\d{1,4}$/.test(rawLimit) ? Number(rawLimit) : Number.NaN
    if (!(limit >= 1 && limit <= MAX_LIMIT)) {
      return invalidParam(
        'limit',
        `Invalid integer: limit must be between 1 and ${MAX_LIMIT}, got ${rawLimit}`,
        'parameter_invalid_integer',
      )
    }
  }
  const startingAfter = q.get('starting_after') ?? undefined
  const endingBefore = q.get('ending_before') ?? undefined
  if (startingAfter !== undefined && endingBefore !== undefined) {
    return invalidParam('ending_before', 'You may only specify one of these parameters: ending_before, starting_after.')
  }
  const range = { lo: 0, hi: spec.count }
  const predicate = spec.filter ? spec.filter(q, range) : null
  if (isReply(predicate)) return predicate
  const collection: Collection<WireObject> = {
    count: spec.count,
    indexOf: spec.indexOf,
    pick: (i) => {
      const o = spec.build(i)
      if (predicate && !predicate(o)) return null
      return quirks ? spec.quirk(o, i) : o
    },
  }
  const w = window(collection, { limit, startingAfter, endingBefore, lo: range.lo, hi: range.hi })
  if (!w.ok) return errorReply(400, 'invalid_request_error', 'resource_missing', `No such object: '${w.id}'`, w.param)
  return {
    status: 200,
    body: { object: quirks ? QUOTED_LIST : 'list', url: spec.path, has_more: w.hasMore, data: w.data },
  }
}

/** The created-time bounds of a query as a predicate on an object's `created` seconds. */
const createdBounds = (q: URLSearchParams): Predicate => {
  const at = (name: string): number | null => (q.get(name) === null ? null : Number(q.get(name)))
  const [eq, gt, gte, lt, lte] = CREATED.map(at) as [
    number | null,
    number | null,
    number | null,
    number | null,
    number | null,
  ]
  return (o) => {
    const c = o['created'] as number
    return (
      (eq === null || c === eq) &&
      (gt === null || c > gt) &&
      (gte === null || c >= gte) &&
      (lt === null || c < lt) &&
      (lte === null || c <= lte)
    )
  }
}

/**
 * A listing of seeded objects with what writes did: created objects first (they are the newest),
 * then the seeded ones, each replaced by its changed version when a write changed it (served
 * clean: the quirks are the seeded data's). Range filters on the seeded part shift past the
 * created part, which is filtered by the same bounds object by object.
 */
const withWritten = (spec: ListSpec, w: WrittenCollection): ListSpec => {
  const n = w.created.length
  if (n === 0 && w.byId.size === 0) return spec
  const changed = (i: number): WireObject | undefined => {
    const o = spec.build(i)
    return w.byId.get(o['id'] as string)
  }
  return {
    ...spec,
    count: n + spec.count,
    indexOf: (id) => {
      const at = w.created.findIndex((o) => o['id'] === id)
      if (at >= 0) return at
      const i = spec.indexOf(id)
      return i < 0 ? -1 : i + n
    },
    build: (i) => (i < n ? (w.created[i] as WireObject) : (changed(i - n) ?? spec.build(i - n))),
    quirk: (o, i) => (i < n || changed(i - n) !== undefined ? o : spec.quirk(o, i - n)),
    filter: (q, range) => {
      const inner = { lo: 0, hi: spec.count }
      const predicate = spec.filter ? spec.filter(q, inner) : null
      if (isReply(predicate)) return predicate
      range.lo = inner.lo === 0 ? 0 : inner.lo + n
      range.hi = inner.hi + n
      const bounds = createdBounds(q)
      return (o) => bounds(o) && (predicate === null || predicate(o))
    },
  }
}

/** A listing of written objects only (products, prices: nothing of theirs is seeded). */
const writtenOnly = (path: string, w: WrittenCollection): ListSpec => ({
  path,
  accepts: [],
  count: w.created.length,
  indexOf: (id) => w.created.findIndex((o) => o['id'] === id),
  build: (i) => w.created[i] as WireObject,
  quirk: (o) => o,
})

const oneOf = (q: URLSearchParams, name: string): string | null | Reply => {
  const v = q.get(name)
  if (v === null) return null
  return v === '' ? invalidParam(name, `Invalid ${name}: must be a non-empty string`) : v
}

/**
 * `GET /v1/events`: newest first, filtered by `type`, by `types[]` (several types, as Stripe's list
 * takes them; the adapter's `events.poll` sends these) and by `created` bounds, as Stripe's.
 */
const eventList = (events: WireObject[]): ListSpec => ({
  path: '/v1/events',
  accepts: ['type', 'types[]', ...CREATED],
  count: events.length,
  indexOf: (id) => events.findIndex((o) => o['id'] === id),
  build: (i) => events[i] as WireObject,
  quirk: (o) => o,
  filter: (q) => {
    for (const name of CREATED) {
      const raw = q.get(name)
      if (raw !== null && !/^\d{1,12}$/.test(raw))
        return invalidParam(name, `Invalid integer: ${raw}`, 'parameter_invalid_integer')
    }
    const type = oneOf(q, 'type')
    if (isReply(type)) return type
    const types = q.getAll('types[]')
    if (types.some((t) => t === '')) return invalidParam('types', 'Invalid types: must be non-empty strings')
    const bounds = createdBounds(q)
    return (o) =>
      (type === null || o['type'] === type) && (types.length === 0 || types.includes(o['type'] as string)) && bounds(o)
  },
})

/** The event and webhook endpoint routes: GET lists and retrievals, DELETE of an endpoint. */
const webhookRoute = (
  method: string,
  pathname: string,
  q: URLSearchParams,
  hooks: WebhookWrites,
  quirks: boolean,
): Route | null => {
  const list =
    pathname === '/v1/events'
      ? eventList(hooks.log.events)
      : pathname === '/v1/webhook_endpoints'
        ? writtenOnly(pathname, hooks.endpoints.endpoints)
        : null
  if (list) return method === 'GET' ? { key: `GET ${pathname}`, handle: () => listReply(list, q, quirks) } : null
  const m = /^\/v1\/(events|webhook_endpoints)\/([^/]+)$/.exec(pathname)
  if (!m) return null
  const [, collection, rawId] = m as unknown as [string, 'events' | 'webhook_endpoints', string]
  let id: string
  try {
    id = decodeURIComponent(rawId)
  } catch {
    return null
  }
  const key = `${method} /v1/${collection}/:id`
  if (collection === 'events') {
    if (method !== 'GET') return null
    const e = hooks.log.byId.get(id)
    return { key, handle: () => (e ? { status: 200, body: e } : noSuch('event', id)) }
  }
  if (method === 'GET') return { key, handle: () => retrieveEndpoint(hooks.endpoints, id) }
  return method === 'DELETE' ? { key, handle: () => deleteEndpoint(hooks.endpoints, id) } : null
}

export const makeRouter = ({
  data,
  seed,
  quirks,
  stripePaths,
  writes = makeWriteState(seed),
  webhooks,
}: RouteContext) => {
  const quirkRng = (salt: number, i: number) => rngFor(seed, salt, i)
  const links = data.links
  const sessions = data.sessions
  const intents = data.intents

  // A changed seeded object is served as the write left it (clean), else seeded and quirky.
  const link = (i: number): WireObject => {
    const o = data.link(i)
    const w = writes.links.byId.get(o['id'] as string)
    return w ?? (quirks ? quirkyLink(o, quirkRng(QUIRK_SALT.link, i)) : o)
  }
  const session = (i: number): WireObject => {
    const o = data.session(i)
    const w = writes.sessions.byId.get(o['id'] as string)
    return w ?? (quirks ? quirkySession(o, quirkRng(QUIRK_SALT.session, i)) : o)
  }
  const intent = (i: number): WireObject => {
    const o = data.intent(i)
    const w = writes.intents.byId.get(o['id'] as string)
    return w ?? (quirks ? quirkyIntent(o, quirkRng(QUIRK_SALT.intent, i)) : o)
  }
  /** An object as a write sees it: written version first, then the clean seeded one. */
  const finder =
    (w: WrittenCollection, t: Timeline, build: (i: number) => WireObject) =>
    (id: string): WireObject | null => {
      const written = w.byId.get(id)
      if (written) return written
      const i = t.indexOf(id)
      return i < 0 ? null : build(i)
    }
  const finders = {
    link: finder(writes.links, links, data.link),
    session: finder(writes.sessions, sessions, data.session),
    intent: finder(writes.intents, intents, data.intent),
  }

  const lineItems = (
    q: URLSearchParams,
    parent: number,
    items: WireObject[],
    path: string,
    salt: number,
    stringAmounts: boolean,
  ) =>
    listReply(
      {
        path,
        accepts: [],
        count: items.length,
        indexOf: (id) => items.findIndex((li) => li['id'] === id),
        build: (j) => items[j] as WireObject,
        quirk: (li, j) => {
          const r = quirkRng(salt, mix(parent, j))
          return quirkyLineItem(li, r, r.chance(0.5), stringAmounts)
        },
      },
      q,
      quirks,
    )

  const seededLists: Readonly<Record<string, ListSpec>> = {
    '/v1/payment_links': {
      path: '/v1/payment_links',
      accepts: ['active'],
      count: links.count,
      indexOf: links.indexOf,
      build: data.link,
      quirk: (o, i) => quirkyLink(o, quirkRng(QUIRK_SALT.link, i)),
      filter: (q) => {
        const active = q.get('active')
        if (active === null) return null
        if (active !== 'true' && active !== 'false')
          return invalidParam('active', `Invalid boolean: ${active}`, 'parameter_invalid_boolean')
        return (o) => o['active'] === (active === 'true')
      },
    },
    '/v1/checkout/sessions/list': {
      path: '/v1/checkout/sessions/list',
      accepts: [...CREATED, 'customer', 'customer_details[email]', 'payment_intent'],
      count: sessions.count,
      indexOf: sessions.indexOf,
      build: data.session,
      quirk: (o, i) => quirkySession(o, quirkRng(QUIRK_SALT.session, i)),
      filter: (q, range) => {
        const bad = createdRange(q, sessions, range)
        if (bad) return bad
        const customer = oneOf(q, 'customer')
        const email = oneOf(q, 'customer_details[email]')
        const pi = oneOf(q, 'payment_intent')
        for (const v of [customer, email, pi]) if (isReply(v)) return v
        if (typeof pi === 'string') {
          // Session i pays payment intent i: the filter is one index, no scan.
          const i = intents.indexOf(pi)
          range.lo = Math.max(range.lo, i < 0 ? range.hi : i)
          range.hi = Math.min(range.hi, i < 0 ? range.lo : i + 1)
        }
        if (customer === null && email === null && pi === null) return null
        return (o) =>
          (customer === null || o['customer'] === customer) &&
          (email === null || (o['customer_details'] as { email?: unknown } | null)?.email === email) &&
          (pi === null || o['payment_intent'] === pi)
      },
    },
    '/v1/payment_intents': {
      path: '/v1/payment_intents',
      accepts: [...CREATED],
      count: intents.count,
      indexOf: intents.indexOf,
      build: data.intent,
      quirk: (o, i) => quirkyIntent(o, quirkRng(QUIRK_SALT.intent, i)),
      filter: (q, range) => createdRange(q, intents, range),
    },
  }

  const written: Readonly<Record<string, WrittenCollection>> = {
    '/v1/payment_links': writes.links,
    '/v1/checkout/sessions/list': writes.sessions,
    '/v1/payment_intents': writes.intents,
  }
  const listOf = (path: string): ListSpec | undefined => {
    if (path === '/v1/products') return writtenOnly(path, writes.products)
    // Inferred: the docs list no price listing (docs/providers/wooshpay.md#write-endpoints).
    if (path === '/v1/prices') return writtenOnly(path, writes.prices)
    const spec = seededLists[path]
    const w = written[path]
    return spec && w ? withWritten(spec, w) : spec
  }

  /** A written object of the catalogue or a refund by id. */
  const retrieveWritten = (pathname: string): Route | null => {
    const m = /^\/v1\/(products|prices|refunds)\/([^/]+)$/.exec(pathname)
    if (!m) return null
    const [, collection, rawId] = m as unknown as [string, 'products' | 'prices' | 'refunds', string]
    const id = decodeURIComponent(rawId)
    const o = writes[collection].byId.get(id)
    const name = collection === 'products' ? 'product' : collection === 'prices' ? 'price' : 'refund'
    return { key: `GET /v1/${collection}/:id`, handle: () => (o ? { status: 200, body: o } : noSuch(name, id)) }
  }

  /** Matches a request; `handle` builds the reply. */
  const route = (method: string, pathname: string, q: URLSearchParams, request?: SandboxRequest): Route => {
    const unknown: Route = {
      key: `${method} <unknown>`,
      handle: () =>
        errorReply(404, 'invalid_request_error', 'url_invalid', `Unrecognized request URL (${method}: ${pathname}).`),
    }
    const hooked = webhooks ? webhookRoute(method, pathname, q, webhooks, quirks) : null
    if (hooked) return hooked
    if (method === 'POST' && request !== undefined)
      return writeRoute(writes, finders, pathname, request, webhooks) ?? unknown
    if (method !== 'GET') return unknown
    // Quirk 3: WooshPay lists sessions at /list; Stripe (and third-party code) at the bare path.
    const list = listOf(stripePaths && pathname === '/v1/checkout/sessions' ? '/v1/checkout/sessions/list' : pathname)
    if (list) return { key: `GET ${pathname}`, handle: () => listReply(list, q, quirks) }
    try {
      const one = retrieveWritten(pathname)
      if (one) return one
    } catch {
      return unknown
    }

    const m = /^\/v1\/(payment_links|checkout\/sessions|payment_intents)\/([^/]+)(\/line_items)?$/.exec(pathname)
    if (!m) return unknown
    const [, collection, rawId, sub] = m as unknown as [string, string, string, string | undefined]
    let id: string
    try {
      id = decodeURIComponent(rawId)
    } catch {
      return unknown
    }
    const key = `GET /v1/${collection}/:id${sub ?? ''}`
    const made = (w: WrittenCollection): WireObject | undefined => w.created.find((o) => o['id'] === id)
    const createdOne =
      collection === 'payment_links'
        ? made(writes.links)
        : collection === 'checkout/sessions'
          ? made(writes.sessions)
          : made(writes.intents)
    if (createdOne !== undefined) {
      if (!sub)
        return {
          key,
          handle: () => ({
            status: 200,
            body: writes[
              collection === 'payment_links' ? 'links' : collection === 'checkout/sessions' ? 'sessions' : 'intents'
            ].byId.get(id),
          }),
        }
      const items = writes.lineItems.get(id)
      if (items === undefined) return unknown
      const path = `/v1/${collection}/${id}/line_items`
      return { key, handle: () => lineItems(q, 0, items, path, 0, false) }
    }
    if (collection === 'payment_links') {
      const i = links.indexOf(id)
      if (i < 0) return { key, handle: () => noSuch('payment_link', id) }
      if (sub) {
        const path = `/v1/payment_links/${id}/line_items`
        return { key, handle: () => lineItems(q, i, data.linkLineItems(i), path, QUIRK_SALT.linkItem, true) }
      }
      return { key, handle: () => ({ status: 200, body: link(i) }) }
    }
    if (collection === 'checkout/sessions') {
      const i = sessions.indexOf(id)
      if (i < 0) return { key, handle: () => noSuch('checkout.session', id) }
      if (sub) {
        const path = `/v1/checkout/sessions/${id}/line_items`
        return { key, handle: () => lineItems(q, i, data.sessionLineItems(i), path, QUIRK_SALT.sessionItem, false) }
      }
      return { key, handle: () => ({ status: 200, body: session(i) }) }
    }
    if (sub) return unknown
    const i = intents.indexOf(id)
    if (i < 0) return { key, handle: () => noSuch('payment_intent', id) }
    return { key, handle: () => ({ status: 200, body: intent(i) }) }
  }

  /** Ids of a resource in listing order (newest first). */
  const ids = (resource: ResourceName): string[] => {
    const t = resource === 'paymentLinks' ? links : resource === 'checkoutSessions' ? sessions : intents
    return Array.from({ length: t.count }, (_, i) => t.id(i))
  }

  return { route, ids }
}
