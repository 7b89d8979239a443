/**
 * The sandbox's routes, as pure functions from a request to a reply (core's sandbox server
 * writes it). They speak PriceBlocs' wire format (docs/providers/priceblocs.md#page-numbers): the
 * page-number envelope with its `links` hash of absolute URLs (on a host of the caller's
 * choice), with the quirks of `quirks.ts`, and the error bodies of `errors.ts`.
 */
import type { SandboxRequest, SandboxRoute } from '@paymux/core/adapter'
import type { WireObject } from './data.ts'
import { errorReply, type Reply } from './errors.ts'
import { createLink, deleteLink, updateLink, type WriteContext } from './link-writes.ts'
import { quirkyData, quirkyPageNumber } from './quirks.ts'
import type { Collection, Filter, Store } from './store.ts'
import { TEST_HELPERS_PATH, testHelper, testHelperKey } from './test-helpers.ts'

export const PAGE_SIZE = 20

export interface RouteContext {
  readonly store: Store
  /** What the link writes need: the seed, quirks and the clock. */
  readonly writes: WriteContext
  readonly quirks: boolean
  /** Origin written into `links.*.url`. */
  readonly linksHost: string
  /** Called before a list page is served (drift insertion hooks in here). */
  readonly onListPage: (c: Collection) => void
}

interface ListRoute {
  readonly path: string
  readonly collection: (s: Store) => Collection
  /** Filters this list accepts (wire names); any other parameter is a 400. */
  readonly filters: readonly string[]
}

const LISTS: readonly ListRoute[] = [
  { path: '/v1/payment-links', collection: (s) => s.paymentLinks, filters: ['livemode'] },
  {
    path: '/v1/checkouts',
    collection: (s) => s.checkoutSessions,
    filters: [
      'livemode',
      'status',
      'customer',
      'email',
      'mode',
      'session_id',
      'subscription_id',
      'page_id',
      'payment_type',
      'payment_status',
      'payment_intent_id',
    ],
  },
]

/** The route pattern of a request, as counted in `stats().byRoute`. */
export const routeKey = (method: string, pathname: string): string => {
  const helper = testHelperKey(method, pathname)
  if (helper !== null) return helper
  for (const l of LISTS) {
    if (pathname === l.path) return `${method} ${l.path}`
    if (pathname.startsWith(`${l.path}/`) && !pathname.slice(l.path.length + 1).includes('/')) {
      return `${method} ${l.path}/:id`
    }
  }
  return `${method} ${pathname}`
}

const filterOf = (params: readonly (readonly [string, string])[]): Filter | null => {
  if (params.length === 0) return null
  const sorted = [...params].sort(([a], [b]) => (a < b ? -1 : 1))
  return {
    key: JSON.stringify(sorted),
    test: (o) => sorted.every(([k, v]) => String(o[k]) === v),
  }
}

const listPage = (ctx: RouteContext, route: ListRoute, url: URL): Reply => {
  const filters: [string, string][] = []
  for (const [k, v] of url.searchParams) {
    if (k === 'page') continue
    if (!route.filters.includes(k)) return errorReply(400, `Unknown parameter: ${k}`, { param: k })
    if (k === 'livemode' && v !== 'true' && v !== 'false') {
      return errorReply(400, 'livemode must be true or false', { param: k })
    }
    filters.push([k, v])
  }
  const pageText = url.searchParams.get('page') ?? '1'
  if (!/^[1-9]\d{0,8}$/.test(pageText)) return errorReply(400, `Invalid page: ${pageText}`, { param: 'page' })
  const page = Number(pageText)

  const collection = route.collection(ctx.store)
  ctx.onListPage(collection)
  const { items, total } = collection.page(filterOf(filters), page, PAGE_SIZE)
  const last = Math.max(1, Math.ceil(total / PAGE_SIZE))
  const hasMore = page < last

  const link = (rel: string, n: number) => {
    const q = new URLSearchParams(filters)
    q.set('page', String(n))
    // The page number is a string here, while the top-level `page` is a number.
    return { page: quirkyPageNumber(n, ctx.quirks), rel, url: `${ctx.linksHost}${route.path}?${q.toString()}` }
  }
  const links: Record<string, unknown> = { self: link('self', page), first: link('first', 1), last: link('last', last) }
  if (hasMore) links['next'] = link('next', page + 1)
  if (page > 1) links['prev'] = link('prev', Math.min(page - 1, last))

  return {
    status: 200,
    body: {
      object: 'list',
      url: route.path,
      has_more: hasMore,
      data: quirkyData(items, ctx.quirks),
      page,
      page_size: PAGE_SIZE,
      total,
      links,
    },
  }
}

const retrieve = (route: ListRoute, ctx: RouteContext, id: string): Reply => {
  const found: WireObject | null = route.collection(ctx.store).find(id)
  return found ? { status: 200, body: found } : errorReply(404, `No such object: ${id}`)
}

const LINKS_PATH = '/v1/payment-links'

/** Routes an authenticated request. Only payment links take writes (checkouts are read-only records). */
const handle = (ctx: RouteContext, method: string, url: URL, request: SandboxRequest): Reply => {
  if (url.pathname.startsWith(TEST_HELPERS_PATH)) {
    return testHelper(ctx.writes, ctx.store.checkoutSessions, method, url.pathname)
  }
  for (const route of LISTS) {
    const isList = url.pathname === route.path
    const isOne = url.pathname.startsWith(`${route.path}/`)
    if (!isList && !isOne) continue
    const writable = route.path === LINKS_PATH
    if (isList) {
      if (method === 'GET') return listPage(ctx, route, url)
      if (method === 'POST' && writable) {
        return createLink(ctx.writes, ctx.store.paymentLinks, request.body, request.invalidBody)
      }
      return errorReply(405, `${method} is not supported by the sandbox`)
    }
    let id: string
    try {
      id = decodeURIComponent(url.pathname.slice(route.path.length + 1))
    } catch {
      return errorReply(400, 'Malformed id in path')
    }
    if (id === '' || id.includes('/')) break
    if (method === 'GET') return retrieve(route, ctx, id)
    if (method === 'PUT' && writable) {
      return updateLink(ctx.writes, ctx.store.paymentLinks, id, request.body, request.invalidBody)
    }
    if (method === 'DELETE' && writable) return deleteLink(ctx.store.paymentLinks, id)
    return errorReply(405, `${method} is not supported by the sandbox`)
  }
  return errorReply(404, `Unknown route: ${method} ${url.pathname}`)
}

/** The route of a request, for core's sandbox server: its stats key and its handler. */
export const routeOf =
  (ctx: RouteContext) =>
  (method: string, url: URL, request: SandboxRequest): SandboxRoute => ({
    key: routeKey(method, url.pathname),
    handle: () => handle(ctx, method, url, request),
  })
