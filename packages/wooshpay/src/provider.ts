/**
 * `wooshpay(options)`: the only file that wires the adapter together (options, transport,
 * query filters, paginate, codecs, normalize) into a core `PaymentProvider`.
 * Endpoints: docs/providers/wooshpay.md (note the odd list path `/v1/checkout/sessions/list`,
 * #session-list-path).
 */
import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'
import type * as t from 'io-ts'
import {
  PaymuxError,
  createListing,
  createTransport,
  failedPaginator,
  type CallOptions,
  type ResourceName,
  type CheckoutSession,
  type CheckoutSessionQuery,
  type CheckoutSessionsResource,
  type CreatedRange,
  type LineItem,
  type ListedQueries,
  type ListingSource,
  type PaymentIntent,
  type PaymentIntentQuery,
  type PaymentIntentsResource,
  type PaymentLink,
  type PaymentLinkQuery,
  type PaymentLinksResource,
  type PaymentProvider,
  type Paginator,
  type TransportConfig,
  type WebhooksResource,
  type EventsResource,
  type Price,
  type PricesResource,
  type ProductsResource,
  type RefundsResource,
  MARKER_METADATA_KEY,
  findMarked,
} from '@paymux/core/adapter'
import { PROVIDER, capabilities } from './capabilities.ts'
import * as wire from './codecs.ts'
import { decodeInto } from './decode.ts'
import { readError } from './errors.ts'
import { wooshpayWebhooks } from './webhooks.ts'
import { wooshpayEvents } from './events.ts'
import {
  normalizeCheckoutSession,
  normalizeLineItem,
  normalizePaymentIntent,
  normalizePaymentLink,
  normalizePrice,
  normalizeProduct,
  normalizeRefund,
  type NormalizeContext,
} from './normalize.ts'
import { makeWrites } from './writes.ts'
import { resolveOptions, type WooshpayOptions } from './options.ts'
import { cursorListing, type ListingSpec, type WooshpayListQuery } from './paginate.ts'
import { createdSeconds, createdWindows } from './partition.ts'
import {
  checkoutSessionFilters,
  paymentIntentFilters,
  paymentLinkFilters,
  priceFilters,
  productFilters,
  type Filters,
} from './query.ts'

export type WooshpayPaymentLinkQuery = PaymentLinkQuery & WooshpayListQuery
export type WooshpayCheckoutSessionQuery = CheckoutSessionQuery & WooshpayListQuery
export type WooshpayPaymentIntentQuery = PaymentIntentQuery & WooshpayListQuery

export interface WooshpayPaymentLinks extends PaymentLinksResource {
  list(query?: WooshpayPaymentLinkQuery): Paginator<PaymentLink>
  lineItems(id: string, query?: WooshpayListQuery): Paginator<LineItem>
}

export interface WooshpayCheckoutSessions extends CheckoutSessionsResource {
  list(query?: WooshpayCheckoutSessionQuery): Paginator<CheckoutSession>
  lineItems(id: string, query?: WooshpayListQuery): Paginator<LineItem>
}

export interface WooshpayPaymentIntents extends PaymentIntentsResource {
  list(query?: WooshpayPaymentIntentQuery): Paginator<PaymentIntent>
}

/** A `PaymentProvider` whose listings also accept WooshPay's cursor options (`CursorQuery`). */
export interface WooshpayProvider extends PaymentProvider {
  readonly id: 'wooshpay'
  readonly paymentLinks: WooshpayPaymentLinks
  readonly checkoutSessions: WooshpayCheckoutSessions
  readonly paymentIntents: WooshpayPaymentIntents
  /** Verify deliveries signed with `Wooshpay-Signature`; sign payloads for tests. */
  readonly webhooks: WebhooksResource
  /** The same events, polled from `GET /v1/events` (inferred). */
  readonly events: EventsResource
}

const noFilters = (): Filters => ({})

const badId = (id: unknown): PaymuxError | null =>
  typeof id === 'string' && id !== ''
    ? null
    : new PaymuxError({ kind: 'invalid_request', provider: PROVIDER, message: 'id must be a non-empty string' })

/** Runs a TaskEither as a Promise that rejects with the `PaymuxError`. */
const run = async <A>(task: TE.TaskEither<PaymuxError, A>): Promise<A> => {
  const result = await task()
  if (E.isLeft(result)) throw result.left
  return result.right
}

/** The common options the transport takes as they are, without `undefined` members. */
const transportOptions = (o: WooshpayOptions): Partial<TransportConfig> => ({
  ...(o.timeoutMs === undefined ? {} : { timeoutMs: o.timeoutMs }),
  ...(o.retry === undefined ? {} : { retry: o.retry }),
  ...(o.fetch === undefined ? {} : { fetch: o.fetch }),
  ...(o.hooks === undefined ? {} : { hooks: o.hooks }),
  ...(o.maxResponseBytes === undefined ? {} : { maxResponseBytes: o.maxResponseBytes }),
  ...(o.maxRequestsPerSecond === undefined ? {} : { maxRequestsPerSecond: o.maxRequestsPerSecond }),
})

/**
 * Creates the WooshPay adapter. Throws a `config` PaymuxError for a missing, publishable or
 * malformed key, a bad base URL, a live key over plain http, or a key used with the other
 * mode's host.
 * @example const wp = wooshpay({ apiKey: process.env.WOOSHPAY_API_KEY })
 */
export const wooshpay = (options: WooshpayOptions): WooshpayProvider => {
  const resolved = resolveOptions(options)
  const transport = createTransport({
    ...transportOptions(options),
    provider: PROVIDER,
    baseUrl: resolved.baseUrl,
    // Accept and Content-Type are documented as required on every call, GETs included (docs/providers/wooshpay.md#required-headers).
    headers: { authorization: resolved.authorization, accept: 'application/json', 'content-type': 'application/json' },
    readError,
    requestIdHeaders: ['request-id', 'x-request-id'],
  })
  const ctx: NormalizeContext = { livemode: resolved.mode === 'live' }
  const hooks = options.hooks
  const writes = makeWrites({ transport, ctx })
  // A price always carries its currency on WooshPay; one without is a decode error, not a null.
  const price = (w: wire.Price): Price => {
    const p = normalizePrice(w, null)
    if (p === null)
      throw new PaymuxError({ kind: 'decode', provider: PROVIDER, message: `price ${w.id} has no currency` })
    return p
  }

  const retrieve =
    <W, T>(path: string, codec: t.Type<W, W, unknown>, what: string, normalize: (w: W, c: NormalizeContext) => T) =>
    (id: string, opts?: CallOptions): Promise<T> => {
      const error = badId(id)
      if (error) return Promise.reject(error)
      const decode = decodeInto(codec, what, (w: W) => normalize(w, ctx))
      return run(transport.request({ path: `${path}/${encodeURIComponent(id)}`, signal: opts?.signal }, decode))
    }

  /**
   * A listing of this adapter: `source` gives its pieces (scope, `FetchPage`, counters), which
   * `list` hands core's `createListing` and `listingSource` hands a merged listing.
   */
  const lister = <
    Q extends WooshpayListQuery & { readonly created?: CreatedRange },
    W extends { readonly id: string },
    T extends { readonly id: string },
  >(
    resource: string,
    path: string,
    codec: t.Type<wire.List<W>, wire.List<W>, unknown>,
    what: string,
    normalize: (w: W, c: NormalizeContext) => T,
    filtersOf: (q: Q) => Filters | PaymuxError,
    // Given for resources WooshPay filters by `created` server-side: they accept `partitions`.
    createdOf?: (item: T) => number,
  ) => {
    const specOf = (q: Q): ListingSpec<W, T> | PaymuxError => {
      const filters = filtersOf(q)
      if (filters instanceof PaymuxError) return filters
      return { transport, resource, path, what, codec, normalize: (w: W) => normalize(w, ctx), filters, query: q }
    }
    const sourceOf = (spec: ListingSpec<W, T>): ListingSource<T> | PaymuxError => {
      const plain = cursorListing(spec)
      if (plain instanceof PaymuxError) return plain
      return { ...plain, counters: transport.stats, hooks }
    }
    const source = (query?: Q): ListingSource<T> | PaymuxError => {
      const spec = specOf(query ?? ({} as Q))
      return spec instanceof PaymuxError ? spec : sourceOf(spec)
    }
    const list = (query?: Q): Paginator<T> => {
      const q = query ?? ({} as Q)
      const spec = specOf(q)
      if (spec instanceof PaymuxError) return failedPaginator(spec)
      const plain = sourceOf(spec)
      if (plain instanceof PaymuxError) return failedPaginator(plain)
      return createListing<T>({
        ...plain,
        query: q,
        // Each id at most once in the listing: a server repeating ids across pages is not trusted.
        idOf: (item) => item.id,
        // Cursor pages are strictly sequential: the next cursor is known only from the current page.
        maxConcurrency: 1,
        windows:
          createdOf === undefined
            ? undefined
            : createdWindows(spec, q.created, (created) => filtersOf({ ...q, created }), createdOf),
      })
    }
    return { list, source }
  }

  const paymentLinks = lister(
    'paymentLinks',
    '/v1/payment_links',
    wire.PaymentLinkList,
    'a list of payment links',
    normalizePaymentLink,
    paymentLinkFilters,
  )
  // Quirk 3: the list path is /v1/checkout/sessions/list, not Stripe's /v1/checkout/sessions.
  const checkoutSessions = lister(
    'checkoutSessions',
    '/v1/checkout/sessions/list',
    wire.CheckoutSessionList,
    'a list of checkout sessions',
    normalizeCheckoutSession,
    checkoutSessionFilters,
    createdSeconds,
  )
  const paymentIntents = lister(
    'paymentIntents',
    '/v1/payment_intents',
    wire.PaymentIntentList,
    'a list of payment intents',
    normalizePaymentIntent,
    paymentIntentFilters,
    createdSeconds,
  )
  const sources = {
    paymentLinks: paymentLinks.source,
    checkoutSessions: checkoutSessions.source,
    paymentIntents: paymentIntents.source,
  }
  const listingSource = (<R extends ResourceName>(resource: R, query: ListedQueries[R]) =>
    sources[resource](query as never) ?? null) as NonNullable<PaymentProvider['listingSource']>

  const lineItems =
    (resource: string, parentPath: string) =>
    (id: string, query?: WooshpayListQuery): Paginator<LineItem> => {
      const error = badId(id)
      if (error) return failedPaginator(error)
      const path = `${parentPath}/${encodeURIComponent(id)}/line_items`
      const { list } = lister(
        `${resource}.lineItems`,
        path,
        wire.LineItemList,
        'a list of line items',
        normalizeLineItem,
        noFilters,
      )
      return list(query)
    }

  return {
    id: PROVIDER,
    capabilities,
    resourceOfId,
    listingSource,
    paymentLinks: {
      list: paymentLinks.list,
      retrieve: retrieve('/v1/payment_links', wire.PaymentLink, 'a payment link', normalizePaymentLink),
      lineItems: lineItems('paymentLinks', '/v1/payment_links'),
      ...writes.paymentLinks,
      // Every create can carry a marker: it lives in the link's metadata (writes.ts).
      markers: {
        carries: () => true,
        find: (marker, opts) => findMarked(paymentLinks.list, (l) => l.metadata[MARKER_METADATA_KEY] === marker, opts),
      },
    },
    checkoutSessions: {
      list: checkoutSessions.list,
      retrieve: retrieve('/v1/checkout/sessions', wire.CheckoutSession, 'a checkout session', normalizeCheckoutSession),
      lineItems: lineItems('checkoutSessions', '/v1/checkout/sessions'),
      ...writes.checkoutSessions,
    },
    paymentIntents: {
      list: paymentIntents.list,
      retrieve: retrieve('/v1/payment_intents', wire.PaymentIntent, 'a payment intent', normalizePaymentIntent),
      ...writes.paymentIntents,
    },
    refunds: {
      ...writes.refunds,
      retrieve: retrieve('/v1/refunds', wire.Refund, 'a refund', normalizeRefund),
    } satisfies RefundsResource,
    products: {
      ...writes.products,
      retrieve: retrieve('/v1/products', wire.Product, 'a product', normalizeProduct),
      list: lister('products', '/v1/products', wire.ProductList, 'a list of products', normalizeProduct, productFilters)
        .list,
    } satisfies ProductsResource,
    prices: {
      ...writes.prices,
      retrieve: retrieve('/v1/prices', wire.Price, 'a price', price),
      // Inferred: the docs list no price listing (docs/providers/wooshpay.md#write-endpoints).
      list: lister<WooshpayListQuery, wire.Price, Price & { id: string }>(
        'prices',
        '/v1/prices',
        wire.PriceList,
        'a list of prices',
        price,
        priceFilters,
      ).list,
    } satisfies PricesResource,
    webhooks: wooshpayWebhooks(ctx),
    // Inferred: Stripe's event list (events.ts).
    events: wooshpayEvents({ transport, ctx, hooks }),
  }
}

/** WooshPay ids carry their object's prefix (docs/providers/wooshpay.md#snowflake-ids). */
const resourceOfId = (id: string): ResourceName | null =>
  id.startsWith('pi_')
    ? 'paymentIntents'
    : id.startsWith('cs_')
      ? 'checkoutSessions'
      : id.startsWith('pl_')
        ? 'paymentLinks'
        : null
