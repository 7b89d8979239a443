/**
 * `priceblocs(options)`: the PriceBlocs `PaymentProvider`. The one file that wires options, the
 * core transport, codecs, normalizers, query plans and pagination together.
 */
import {
  PaymuxError,
  createListing,
  createTransport,
  failedPaginator,
  registerSecret,
  unsupported,
  type CallOptions,
  type CheckoutSession,
  type CheckoutSessionQuery,
  type EventsResource,
  type ListedQueries,
  type ListingSource,
  type ResourceName,
  type Decoder,
  type LineItem,
  type ListQuery,
  type PaymentIntent,
  type PaymentLink,
  type PaymentLinkQuery,
  type PaymentProvider,
  type Paginator,
  type Transport,
  type TransportConfig,
  unsupportedCheckoutSessionWrites,
  unsupportedPaymentIntentWrites,
  unsupportedPrices,
  unsupportedProducts,
  unsupportedRefunds,
} from '@paymux/core/adapter'
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { capabilities } from './capabilities.ts'
import type * as wire from './codecs.ts'
import { readError } from './errors.ts'
import { priceblocsWebhooks } from './webhooks.ts'
import { priceblocsEvents } from './events.ts'
import {
  decodeCheckout,
  decodeCheckoutLineItems,
  decodeCheckoutPage,
  decodePaymentLink,
  decodePaymentLinkLineItems,
  decodePaymentLinkPage,
} from './decode.ts'
import { PROVIDER, resolveOptions, type PriceblocsOptions } from './options.ts'
import { embeddedPages, listPages } from './paginate.ts'
import { checkPageSize, planCheckouts, planPaymentLinks, type Plan } from './query.ts'
import { linkWrites, type PriceblocsLinkWrites } from './writes.ts'

const LINKS_PATH = '/v1/payment-links'
const CHECKOUTS_PATH = '/v1/checkouts'

const idOf = (o: { readonly id: string }): string => o.id

const run = async <A>(te: TE.TaskEither<PaymuxError, A>): Promise<A> => {
  const r = await te()
  if (E.isLeft(r)) throw r.left
  return r.right
}

/** Optional options copied only when set (exactOptionalPropertyTypes forbids explicit undefined). */
const transportOptions = (o: PriceblocsOptions): Partial<TransportConfig> => ({
  ...(o.timeoutMs === undefined ? {} : { timeoutMs: o.timeoutMs }),
  ...(o.retry === undefined ? {} : { retry: o.retry }),
  ...(o.fetch === undefined ? {} : { fetch: o.fetch }),
  ...(o.hooks === undefined ? {} : { hooks: o.hooks }),
  ...(o.maxResponseBytes === undefined ? {} : { maxResponseBytes: o.maxResponseBytes }),
  ...(o.maxRequestsPerSecond === undefined ? {} : { maxRequestsPerSecond: o.maxRequestsPerSecond }),
})

/** GET `<base>/<id>`, decoded and normalized by `decode`. An empty id is refused without a request. */
const fetchOne =
  (transport: Transport, base: string, what: string) =>
  <T>(id: string, decode: Decoder<T>, signal?: AbortSignal): TE.TaskEither<PaymuxError, T> =>
    typeof id !== 'string' || id.trim() === ''
      ? TE.left(
          new PaymuxError({
            kind: 'invalid_request',
            provider: PROVIDER,
            message: `${what} id must be a non-empty string`,
          }),
        )
      : transport.request({ path: `${base}/${encodeURIComponent(id)}`, signal }, decode)

/** PriceBlocs cannot filter by `created` server-side, but its page numbers allow this. */
const PARALLEL_INSTEAD = 'use concurrency (pages fetched in parallel, delivered in order)'

/** The PriceBlocs provider: a `PaymentProvider` whose payment links also offer `settle`. */
export type PriceblocsProvider = PaymentProvider & {
  readonly paymentLinks: PaymentProvider['paymentLinks'] & Pick<PriceblocsLinkWrites, 'settle' | 'markers'>
  /** Checkout events, polled from the checkout listing (PriceBlocs sends no webhooks). */
  readonly events: EventsResource
}

/**
 * The PriceBlocs adapter.
 * @example
 * const pb = priceblocs({ apiKey: process.env.PRICEBLOCS_API_KEY })
 * for await (const link of pb.paymentLinks.list({ concurrency: 4 })) console.log(link.id)
 */
export const priceblocs = (options: PriceblocsOptions): PriceblocsProvider => {
  const o = resolveOptions(options)
  const authorization = `Bearer ${o.apiKey}`
  registerSecret(o.apiKey)
  registerSecret(authorization)
  const transport = createTransport({
    provider: PROVIDER,
    baseUrl: o.baseUrl,
    headers: { authorization },
    readError,
    ...transportOptions(options),
  })

  const fetchLink = fetchOne(transport, LINKS_PATH, 'a PriceBlocs payment link')
  const fetchCheckout = fetchOne(transport, CHECKOUTS_PATH, 'a PriceBlocs checkout')

  /** A listing's pieces (scope, `FetchPage`, filter): `list` hands them `createListing`, `listingSource` a merged listing. */
  const source = <T extends { readonly id: string }>(
    resource: string,
    path: string,
    decode: Decoder<wire.ListPage<T>>,
    plan: E.Either<PaymuxError, Plan<T>>,
  ): ListingSource<T> | PaymuxError => {
    if (E.isLeft(plan)) return plan.left
    const p = plan.right
    return {
      scope: { provider: PROVIDER, resource, filters: p.filters },
      counters: transport.stats,
      fetchPage: listPages({
        transport,
        path,
        params: p.params,
        decode,
        filtered: p.keep !== null,
        exhausted: p.exhausted,
        pageSize: p.pageSize,
      }),
      // Core filters after dropping repeats, so pages the filter empties still count as progress.
      keep: p.keep ?? undefined,
      // Page numbers: a page of nothing but repeats is a page served twice (issue 12, guarantee 4).
      repeatedPageFails: true,
      hooks: options.hooks,
    }
  }

  const listing = <T extends { readonly id: string }>(
    resource: string,
    path: string,
    decode: Decoder<wire.ListPage<T>>,
    plan: E.Either<PaymuxError, Plan<T>>,
    query: ListQuery,
  ): Paginator<T> => {
    const pieces = source(resource, path, decode, plan)
    if (pieces instanceof PaymuxError) return failedPaginator(pieces)
    return createListing<T>({ ...pieces, query, idOf, noPartitionsHint: PARALLEL_INSTEAD })
  }

  const sources = {
    paymentLinks: (query: PaymentLinkQuery) =>
      source('paymentLinks', LINKS_PATH, decodePaymentLinkPage, planPaymentLinks(query)),
    checkoutSessions: (query: CheckoutSessionQuery) =>
      source('checkoutSessions', CHECKOUTS_PATH, decodeCheckoutPage, planCheckouts(query)),
    // No payment intents: the merged listing skips a provider whose manifest says so.
    paymentIntents: () => null,
  }
  const listingSource = (<R extends ResourceName>(resource: R, query: ListedQueries[R]) =>
    sources[resource](query as never)) as NonNullable<PaymentProvider['listingSource']>

  const embedded = (
    resource: string,
    id: string,
    fetch: (id: string, decode: Decoder<LineItem[]>, signal?: AbortSignal) => TE.TaskEither<PaymuxError, LineItem[]>,
    decode: Decoder<LineItem[]>,
    query: ListQuery,
  ): Paginator<LineItem> => {
    const size = checkPageSize(query)
    if (E.isLeft(size)) return failedPaginator(size.left)
    return createListing<LineItem>({
      scope: { provider: PROVIDER, resource, filters: { id: String(id) } },
      fetchPage: embeddedPages((signal) => fetch(id, decode, signal), size.right),
      query,
      idOf,
      noPartitionsHint: PARALLEL_INSTEAD,
      hooks: options.hooks,
    })
  }

  const listLinks = (query: PaymentLinkQuery = {}): Paginator<PaymentLink> =>
    listing('paymentLinks', LINKS_PATH, decodePaymentLinkPage, planPaymentLinks(query), query)
  const listCheckouts = (query: CheckoutSessionQuery = {}): Paginator<CheckoutSession> =>
    listing('checkoutSessions', CHECKOUTS_PATH, decodeCheckoutPage, planCheckouts(query), query)
  // Creates are sent once, updates and deletes retried; no idempotency keys (writes.ts).
  const writes = linkWrites({ transport, list: listLinks, clock: Date.now })

  return {
    id: PROVIDER,
    capabilities,
    listingSource,
    paymentLinks: {
      list: listLinks,
      retrieve: (id: string, opts?: CallOptions): Promise<PaymentLink> =>
        run(fetchLink(id, decodePaymentLink, opts?.signal)),
      // No line-items endpoint: the link is retrieved and its embedded `line_items` served.
      lineItems: (id, query = {}) =>
        embedded('paymentLinks.lineItems', id, fetchLink, decodePaymentLinkLineItems, query),
      ...writes,
    },
    checkoutSessions: {
      list: listCheckouts,
      retrieve: (id: string, opts?: CallOptions): Promise<CheckoutSession> =>
        run(fetchCheckout(id, decodeCheckout, opts?.signal)),
      lineItems: (id, query = {}) =>
        embedded('checkoutSessions.lineItems', id, fetchCheckout, decodeCheckoutLineItems, query),
      // No REST checkout creation (only the browser SDK's publishable-key call): docs/providers/priceblocs.md.
      ...unsupportedCheckoutSessionWrites(PROVIDER),
    },
    // PriceBlocs has no payment intents: refused without a request.
    paymentIntents: {
      list: () => failedPaginator<PaymentIntent>(unsupported(PROVIDER, 'payment intents')),
      retrieve: () => Promise.reject(unsupported(PROVIDER, 'payment intents')),
      ...unsupportedPaymentIntentWrites(PROVIDER),
    },
    // PriceBlocs fronts the merchant's Stripe account: no refunds, products or prices of its own.
    refunds: unsupportedRefunds(PROVIDER),
    products: unsupportedProducts(PROVIDER),
    prices: unsupportedPrices(PROVIDER),
    webhooks: priceblocsWebhooks,
    // No webhooks: checkout events are polled from the checkout listing (events.ts).
    events: priceblocsEvents(listCheckouts),
  }
}
