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

export interface RouteContext {
  readonly data: Dataset
  readonly seed: number
  readonly quirks: boolean
  /** Also serve Stripe's session list path `GET /v1/checkout/sessions` (stripe-node calls it). */
  readonly stripePaths: boolean
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

const oneOf = (q: URLSearchParams, name: string): string | null | Reply => {
  const v = q.get(name)
  if (v === null) return null
  return v === '' ? invalidParam(name, `Invalid ${name}: must be a non-empty string`) : v
}

export const makeRouter = ({ data, seed, quirks, stripePaths }: RouteContext) => {
  const quirkRng = (salt: number, i: number) => rngFor(seed, salt, i)
  const links = data.links
  const sessions = data.sessions
  const intents = data.intents

  const link = (i: number): WireObject => {
    const o = data.link(i)
    return quirks ? quirkyLink(o, quirkRng(QUIRK_SALT.link, i)) : o
  }
  const session = (i: number): WireObject => {
    const o = data.session(i)
    return quirks ? quirkySession(o, quirkRng(QUIRK_SALT.session, i)) : o
  }
  const intent = (i: number): WireObject => {
    const o = data.intent(i)
    return quirks ? quirkyIntent(o, quirkRng(QUIRK_SALT.intent, i)) : o
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

  const lists: Readonly<Record<string, ListSpec>> = {
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

  /** Matches a request; `handle` builds the reply. */
  const route = (method: string, pathname: string, q: URLSearchParams): Route => {
    const unknown: Route = {
      key: `${method} <unknown>`,
      handle: () =>
        errorReply(404, 'invalid_request_error', 'url_invalid', `Unrecognized request URL (${method}: ${pathname}).`),
    }
    if (method !== 'GET') return unknown
    // Quirk 3: WooshPay lists sessions at /list; Stripe (and third-party code) at the bare path.
    const list = lists[stripePaths && pathname === '/v1/checkout/sessions' ? '/v1/checkout/sessions/list' : pathname]
    if (list) return { key: `GET ${pathname}`, handle: () => listReply(list, q, quirks) }

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
