/**
 * The adapter contract: what every provider package returns from its factory, the query
 * shapes its listings accept, and the capability manifest that says what it can do.
 * See packages/core/README.md for the rules an adapter must follow.
 */
import type { CheckoutSession } from './model/checkout-session.ts'
import type { LineItem } from './model/line-item.ts'
import type { PaymentIntent } from './model/payment-intent.ts'
import type { PaymentLink } from './model/payment-link.ts'
import type { CheckoutSessionStatus, PaymentStatus } from './model/checkout-session.ts'
import type { PaymentIntentStatus } from './model/payment-intent.ts'
import type { PaymentLinkStatus } from './model/payment-link.ts'
import type { Checkpoint, Paginator } from './paging/types.ts'
import type { MigrationField } from './migrate/fields.ts'
import type { ListingSummary } from './paging/page-run.ts'
import type { ListingOrder } from './paging/partition/options.ts'

/** Paging mechanics, accepted by every list operation. */
export interface ListQuery {
  /** Objects per request. Checked against the provider's bounds before any request. */
  readonly pageSize?: number
  /** Resume a listing from `page.checkpoint` or `error.checkpoint`. */
  readonly resumeFrom?: Checkpoint
  /** Cancels the listing: checked before each page and passed to the request in flight. */
  readonly signal?: AbortSignal
  /** Stop after this many pages (the last page's checkpoint resumes the rest). */
  readonly maxPages?: number
  /** Pages fetched ahead of the consumer. @default 0 */
  readonly prefetch?: number
  /**
   * Requests in flight at once, for providers whose later page positions are known in advance
   * (page numbers). Items are still delivered strictly in order. @default 1
   */
  readonly concurrency?: number
  /**
   * Called once when a run of this listing ends (complete, stopped or failed) with its pages,
   * items, requests, retries, time spent waiting and duration. A throwing callback is ignored.
   */
  readonly onSummary?: (summary: ListingSummary) => void
  /**
   * Lists the `created` range as this many windows in parallel (an integer from 1 to 64), for
   * resources the provider filters by `created` server-side (the capability manifest's
   * `options.partitions`; others refuse values above 1 with kind `unsupported`, before any
   * request). The windows start as one, and split where data shows up, so the whole range is
   * covered whatever its spread; the user's own `created` filter is respected exactly: the
   * listing yields the same objects as without `partitions`. Every page's checkpoint is a
   * composite one (each window's cursor) that resumes exactly after what was delivered, with any
   * number of partitions and either order; a plain listing refuses it (`checkpoint_mismatch`),
   * and the other way round. `prefetch` and `concurrency` do not apply to a partitioned listing:
   * at most `partitions` pages are fetched ahead. `onSummary` gets one summary for the whole run,
   * with the windows' stats under `partitioned`. `partitions: 1` is an ordinary listing.
   * @default 1
   * @example for await (const pi of wp.paymentIntents.list({ partitions: 8, order: 'any' })) save(pi)
   */
  readonly partitions?: number
  /**
   * Output order of a partitioned listing. `newest_first`: the provider's order, identical to the
   * unpartitioned listing; pages of later windows wait in a buffer of at most `partitions` pages
   * (their windows pause when it is full) until the newer windows are delivered. `any`: pages as
   * the windows deliver them, fastest for exports. Without `partitions` any order is the
   * provider's.
   * @default 'newest_first'
   */
  readonly order?: ListingOrder
}

/** A `created` range. Dates or Unix seconds. */
export interface CreatedRange {
  readonly gt?: Date | number
  readonly gte?: Date | number
  readonly lt?: Date | number
  readonly lte?: Date | number
}

export interface PaymentLinkQuery extends ListQuery {
  readonly active?: boolean
  readonly status?: PaymentLinkStatus
  readonly livemode?: boolean
  readonly created?: CreatedRange
}

export interface CheckoutSessionQuery extends ListQuery {
  readonly created?: CreatedRange
  readonly customer?: string
  readonly customerEmail?: string
  readonly paymentIntent?: string
  readonly status?: CheckoutSessionStatus
  readonly paymentStatus?: PaymentStatus
  readonly livemode?: boolean
}

export interface PaymentIntentQuery extends ListQuery {
  readonly created?: CreatedRange
  readonly status?: PaymentIntentStatus
}

/** Options of a single call. */
export interface CallOptions {
  readonly signal?: AbortSignal
}

export type ProviderId = 'wooshpay' | 'priceblocs'

/** How a provider handles an operation or filter. */
export type Support = 'supported' | 'client_side' | 'unsupported'

/** Whether a provider's own data model can store a neutral field. */
export type FieldSupport = 'supported' | 'unsupported'

/**
 * `F`: the neutral fields of the resource (`MIGRATION_FIELDS`). The four optional members
 * describe the provider's data model for migration plans (`planMigration`): what it can store,
 * not what paymux reads. A provider without `fields` for a resource can hold none of its objects.
 */
export interface ResourceCapabilities<F extends string = string> {
  /** list / retrieve / lineItems -> support */
  readonly operations: Readonly<Record<string, Support>>
  /** filter name as in the query (`created`, `customerEmail`, …) -> support */
  readonly filters: Readonly<Record<string, Support>>
  /**
   * Listing options that depend on the provider (`partitions`: needs a server-side `created`
   * filter) -> support. An option absent here is accepted by every listing of the resource.
   */
  readonly options?: Readonly<Record<string, Support>>
  /** Every neutral field -> whether the provider can store a value of it. */
  readonly fields?: Readonly<Record<F, FieldSupport>>
  /** Field -> the only values the provider can hold (a status enum; for a money field, currencies). */
  readonly values?: Readonly<Partial<Record<F, readonly string[]>>>
  /** Fields an object needs to exist at the provider (`lineItems.price`: on every line item). */
  readonly required?: readonly F[]
  /** Money field -> the largest amount, in minor units, the provider can hold. */
  readonly maxAmount?: Readonly<Partial<Record<F, number>>>
}

export type ResourceName = 'paymentLinks' | 'checkoutSessions' | 'paymentIntents'

/** resource x (operation | filter | field) -> support */
export type CapabilityManifest = { readonly [R in ResourceName]: ResourceCapabilities<MigrationField<R>> }

export interface PaymentLinksResource {
  list(query?: PaymentLinkQuery): Paginator<PaymentLink>
  retrieve(id: string, opts?: CallOptions): Promise<PaymentLink>
  lineItems(id: string, query?: ListQuery): Paginator<LineItem>
}

export interface CheckoutSessionsResource {
  list(query?: CheckoutSessionQuery): Paginator<CheckoutSession>
  retrieve(id: string, opts?: CallOptions): Promise<CheckoutSession>
  lineItems(id: string, query?: ListQuery): Paginator<LineItem>
}

export interface PaymentIntentsResource {
  list(query?: PaymentIntentQuery): Paginator<PaymentIntent>
  retrieve(id: string, opts?: CallOptions): Promise<PaymentIntent>
}

/** What an adapter factory (`wooshpay(options)`, `priceblocs(options)`) returns. */
export interface PaymentProvider {
  readonly id: ProviderId
  readonly capabilities: CapabilityManifest
  readonly paymentLinks: PaymentLinksResource
  readonly checkoutSessions: CheckoutSessionsResource
  readonly paymentIntents: PaymentIntentsResource
}
