/**
 * `paymux([wp, pb])`: one client over many providers, with the same resources as a single
 * provider. Listings are merged newest first with one composite checkpoint; providers that do
 * not offer a resource are skipped and named in `skipped`. `retrieve` takes global references
 * (`wooshpay:pi_123`).
 */
import * as E from 'fp-ts/lib/Either.js'
import { PaymuxError, isPaymuxError, unsupported } from '../errors.ts'
import { filtersOnly } from '../paging/list-query.ts'
import { failedPaginator } from '../paging/paginator.ts'
import type { ListingSource } from '../paging/listing-source.ts'
import type { Paginator } from '../paging/types.ts'
import type {
  CapabilityManifest,
  CallOptions,
  CheckoutSessionQuery,
  ListQuery,
  PaymentIntentQuery,
  PaymentLinkQuery,
  PaymentProvider,
  ProviderId,
  ResourceName,
} from '../provider.ts'
import type { CheckoutSession } from '../model/checkout-session.ts'
import type { PaymentIntent } from '../model/payment-intent.ts'
import type { PaymentLink } from '../model/payment-link.ts'
import { parseGlobalId } from './global-id.ts'
import { muxEvents, type MuxEvents } from './events.ts'
import { createMergedListing, type Mergeable } from './merge.ts'
import { mergeSourceOf } from './merge-sources.ts'
import {
  muxWrites,
  type MuxCheckoutSessionWrites,
  type MuxPaymentIntentWrites,
  type MuxPaymentLinkWrites,
  type MuxPrices,
  type MuxProducts,
  type MuxRefunds,
} from './writes.ts'

export interface MergedPaginator<T> extends Paginator<T> {
  /** Providers left out because they do not offer this resource's listing. */
  readonly skipped: readonly ProviderId[]
}

/** One resource listed across every provider of a `paymux([...])` client. */
export interface MuxResource<T, Q extends ListQuery> {
  list(query?: Q): MergedPaginator<T>
  /** Takes a global reference, `provider:id`. */
  retrieve(ref: string, opts?: CallOptions): Promise<T>
}

/** The multi-provider client returned by `paymux([...])`. */
export interface Paymux {
  readonly providers: readonly PaymentProvider[]
  provider(id: ProviderId): PaymentProvider
  /** provider -> its capability manifest. */
  capabilities(): Readonly<Record<string, CapabilityManifest>>
  readonly paymentLinks: MuxResource<PaymentLink, PaymentLinkQuery> & MuxPaymentLinkWrites
  readonly checkoutSessions: MuxResource<CheckoutSession, CheckoutSessionQuery> & MuxCheckoutSessionWrites
  readonly paymentIntents: MuxResource<PaymentIntent, PaymentIntentQuery> & MuxPaymentIntentWrites
  /** Refunds: created through the provider of the payment intent. */
  readonly refunds: MuxRefunds
  readonly products: MuxProducts
  readonly prices: MuxPrices
  /** Retrieves any object by global reference, finding the resource by trying each in turn. */
  retrieve(ref: string, opts?: CallOptions): Promise<PaymentLink | CheckoutSession | PaymentIntent>
  /** One event stream polled from every provider that can (`capabilities.events.poll`). */
  readonly events: MuxEvents
}

/**
 * The merged listing is one newest-first stream across providers: it cannot be partitioned, and
 * `order: 'any'` would break the merge. Said at once, before any request.
 */
const refuseParallelOptions = (query: ListQuery): PaymuxError | null =>
  (query.partitions ?? 1) > 1 || query.order === 'any'
    ? new PaymuxError({
        kind: 'invalid_request',
        provider: 'paymux',
        message:
          "partitions and order apply to one provider's listing, not to a merged one (it is ordered newest first across providers); list each provider on its own to partition it",
      })
    : null

/** One client over several providers: merged listings, newest first, with one checkpoint. */
export const paymux = (providers: readonly PaymentProvider[]): Paymux => {
  const ids = providers.map((p) => p.id)
  if (new Set(ids).size !== ids.length) {
    throw new PaymuxError({ kind: 'config', message: `each provider may appear once, got ${ids.join(', ')}` })
  }
  const byId = new Map(providers.map((p) => [p.id as string, p]))
  const writes = muxWrites(providers)

  const resource = <T extends Mergeable, Q extends ListQuery>(
    name: ResourceName,
    listOf: (p: PaymentProvider, q: Q) => Paginator<T>,
    retrieveOf: (p: PaymentProvider, id: string, opts?: CallOptions) => Promise<T>,
  ): MuxResource<T, Q> => ({
    list(query = {} as Q) {
      const offering = providers.filter((p) => p.capabilities[name].operations['list'] !== 'unsupported')
      const skipped = providers.filter((p) => !offering.includes(p)).map((p) => p.id)
      const filters = filtersOnly(query) as Q
      const refused = refuseParallelOptions(query)
      const sources = offering.map((p) =>
        mergeSourceOf<T>(
          p.id,
          name,
          // Each provider's own listing pieces when it offers them (one run over FetchPages), else its public listing.
          p.listingSource?.(name, filters as never) as ListingSource<T> | PaymuxError | null | undefined,
          (signal) => listOf(p, { ...filters, signal }),
        ),
      )
      const failed = sources.find(E.isLeft)
      const paginator = refused
        ? failedPaginator<T>(refused)
        : offering.length === 0
          ? failedPaginator<T>(unsupported('paymux', `listing ${name} on any of ${ids.join(', ')}`))
          : failed !== undefined
            ? failedPaginator<T>(failed.left)
            : createMergedListing<T>({
                scope: {
                  provider: 'paymux',
                  resource: name,
                  // The checkpoint binds to filters only: paging mechanics may differ between a run and its resume.
                  filters: JSON.parse(JSON.stringify({ filters, offering: offering.map((p) => p.id) })),
                },
                sources: sources.flatMap((s) => (E.isRight(s) ? [s.right] : [])),
                query,
              })
      return Object.assign(paginator, { skipped })
    },
    async retrieve(ref, opts) {
      const parsed = parseGlobalId(ref)
      if (E.isLeft(parsed)) throw parsed.left
      const p = byId.get(parsed.right.provider)
      if (!p) {
        throw new PaymuxError({
          kind: 'invalid_request',
          message: `no provider ${parsed.right.provider} in this client (${ids.join(', ')})`,
        })
      }
      return retrieveOf(p, parsed.right.id, opts)
    },
  })

  const paymentLinks = resource<PaymentLink, PaymentLinkQuery>(
    'paymentLinks',
    (p, q) => p.paymentLinks.list(q),
    (p, id, o) => p.paymentLinks.retrieve(id, o),
  )
  const checkoutSessions = resource<CheckoutSession, CheckoutSessionQuery>(
    'checkoutSessions',
    (p, q) => p.checkoutSessions.list(q),
    (p, id, o) => p.checkoutSessions.retrieve(id, o),
  )
  const paymentIntents = resource<PaymentIntent, PaymentIntentQuery>(
    'paymentIntents',
    (p, q) => p.paymentIntents.list(q),
    (p, id, o) => p.paymentIntents.retrieve(id, o),
  )

  return {
    providers,
    provider(id) {
      const p = byId.get(id)
      if (!p) throw new PaymuxError({ kind: 'config', message: `no provider ${id} in this client (${ids.join(', ')})` })
      return p
    },
    capabilities: () => Object.fromEntries(providers.map((p) => [p.id, p.capabilities])),
    paymentLinks: { ...paymentLinks, ...writes.paymentLinks },
    checkoutSessions: { ...checkoutSessions, ...writes.checkoutSessions },
    paymentIntents: { ...paymentIntents, ...writes.paymentIntents },
    refunds: writes.refunds,
    products: writes.products,
    prices: writes.prices,
    events: muxEvents(providers),
    async retrieve(ref, opts) {
      // The provider may know from the id which resource it names (see `resourceOfId`): ask that
      // one first; the others follow, so an id it cannot place is still found.
      const colon = ref.indexOf(':')
      const named = byId.get(ref.slice(0, colon))?.resourceOfId?.(ref.slice(colon + 1)) ?? null
      const all = { paymentLinks, checkoutSessions, paymentIntents } as const
      const first = named === null || !(named in all) ? [] : [all[named as keyof typeof all]]
      const order = [...first, ...Object.values(all).filter((r) => !first.includes(r))]
      let last: unknown
      for (const r of order) {
        try {
          return await r.retrieve(ref, opts)
        } catch (e) {
          last = e
          if (!isPaymuxError(e) || (e.kind !== 'not_found' && e.kind !== 'unsupported')) throw e
        }
      }
      throw last
    },
  }
}
