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
import type { Paginator } from './paging/types.ts'
import type { MigrationField } from './model/fields.ts'
import type { AnyResourceName } from './model/resource.ts'
import type { Price } from './model/line-item.ts'
import type { Product } from './model/product.ts'
import type { Refund } from './model/refund.ts'
import type { PaymuxEvent } from './webhooks/event.ts'
import type { HeaderSource } from './webhooks/signature.ts'
import type { CreatedRange, ListQuery } from './paging/types.ts'
import type {
  CheckoutSessionCreate,
  PaymentIntentCancel,
  PaymentIntentCapture,
  PaymentIntentConfirm,
  PaymentIntentCreate,
  PaymentLinkCreate,
  PaymentLinkUpdate,
  PriceCreate,
  ProductCreate,
  RefundCreate,
} from './write/inputs.ts'

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

export interface ProductQuery extends ListQuery {
  readonly active?: boolean
  readonly created?: CreatedRange
}

export interface PriceQuery extends ListQuery {
  readonly active?: boolean
  /** Prices of this product only. */
  readonly productId?: string
}

/** Options of a single call. */
export interface CallOptions {
  readonly signal?: AbortSignal
}

/**
 * Options of a write. `idempotencyKey`: the key of this logical call, sent unchanged on every
 * attempt (a fresh one is made when none is given; a key longer than the provider accepts is
 * hashed). Give your own, derived from your order or job id, to make a retry of the whole call
 * safe across process restarts. A provider without keys ignores it (see `outcome_unknown`).
 */
export interface WriteOptions extends CallOptions {
  readonly idempotencyKey?: string
}

/**
 * Options of a create that a migration marks. `marker`: a caller's reference that the created
 * object carries where the provider can keep one (its metadata, a URL parameter), so that
 * `markers.find` finds the object again in another process. Only adapters that offer `markers`
 * on the resource read it; `markers.carries(input)` says whether a given create keeps it.
 */
export interface MarkedWriteOptions extends WriteOptions {
  readonly marker?: string
}

/** Options of `markers.find`. */
export interface FindMarkedOptions {
  /** Only objects created since then (the provider's clock may lag: adapters allow some skew). */
  readonly since?: Date
  readonly signal?: AbortSignal
}

/**
 * How a provider keeps a caller's marker on the objects it creates, and finds them by it: what
 * lets a migration settle a create whose answer was lost, on a provider without idempotency keys,
 * and find across runs what an earlier run made. Optional: a provider without it is settled by
 * its keys alone.
 */
export interface MarkerSupport<I, T> {
  /** Whether creating `input` with `{ marker }` stores the marker (a provider may need a field for it). */
  carries(input: I): boolean
  /** Every object carrying `marker` (created since `since` when given), newest first. */
  find(marker: string, opts?: FindMarkedOptions): Promise<readonly T[]>
}

/** An adapter's id (`'wooshpay'`, `'priceblocs'`, ...): core names no provider, adapters name themselves. */
export type ProviderId = string

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
  /** Page-size and concurrency bounds of the resource's listing, for tools that tune a listing. */
  readonly listing?: ListingCapabilities
  /**
   * Operations whose wire format is inferred from the provider's docs (the Stripe pattern, a
   * field list that was never published) rather than confirmed; each is `supported` above.
   */
  readonly inferred?: readonly string[]
}

/**
 * What a listing accepts, so a tool (the CLI's export) can pick page sizes and parallelism from
 * the manifest instead of knowing providers. Whether `created` windows apply is `options.partitions`.
 */
export interface ListingCapabilities {
  /** Largest `pageSize` the listing accepts. */
  readonly maxPageSize: number
  /** Page size used when the query gives none. */
  readonly defaultPageSize: number
  /** Largest `concurrency` (pages fetched at once); 1 for a cursor listing. */
  readonly maxConcurrency: number
}

export type { AnyResourceName, ResourceName, SupportingResourceName } from './model/resource.ts'
export type { CreatedRange, ListQuery } from './paging/types.ts'

/**
 * resource x (operation | filter | field) -> support. Operations: `list`, `retrieve`,
 * `lineItems` and the writes (`create`, `update`, `delete`, `expire`, `confirm`, `capture`,
 * `cancel`); every one a resource has is named, `unsupported` where the provider lacks it.
 */
export type CapabilityManifest = { readonly [R in AnyResourceName]: ResourceCapabilities<MigrationField<R>> } & {
  /** Webhooks: `verify` is `unsupported` for a provider that sends none. Absent means not declared. */
  readonly webhooks?: { readonly verify: Support }
  /**
   * Whether the provider honours idempotency keys on creates (a repeated key answers the first
   * outcome). Absent: it does not, and a create whose answer was lost is settled by looking for
   * the object (`markers`), never by sending it again. Migrations read it.
   */
  readonly idempotencyKeys?: Support
}

/**
 * An adapter's payment links. Writes the provider lacks reject with `unsupported` before any
 * request (the manifest says which); `delete` exists only where links can be deleted.
 */
export interface PaymentLinksResource {
  list(query?: PaymentLinkQuery): Paginator<PaymentLink>
  retrieve(id: string, opts?: CallOptions): Promise<PaymentLink>
  lineItems(id: string, query?: ListQuery): Paginator<LineItem>
  create(input: PaymentLinkCreate, opts?: MarkedWriteOptions): Promise<PaymentLink>
  update(id: string, patch: PaymentLinkUpdate, opts?: WriteOptions): Promise<PaymentLink>
  delete(id: string, opts?: WriteOptions): Promise<void>
  /** Markers on created links (optional): see `MarkerSupport`. */
  readonly markers?: MarkerSupport<PaymentLinkCreate, PaymentLink>
}

/** An adapter's checkout sessions: reads, create, expire. */
export interface CheckoutSessionsResource {
  list(query?: CheckoutSessionQuery): Paginator<CheckoutSession>
  retrieve(id: string, opts?: CallOptions): Promise<CheckoutSession>
  lineItems(id: string, query?: ListQuery): Paginator<LineItem>
  create(input: CheckoutSessionCreate, opts?: WriteOptions): Promise<CheckoutSession>
  expire(id: string, opts?: WriteOptions): Promise<CheckoutSession>
}

/** An adapter's payment intents: reads and the lifecycle (create, confirm, capture, cancel). */
export interface PaymentIntentsResource {
  list(query?: PaymentIntentQuery): Paginator<PaymentIntent>
  retrieve(id: string, opts?: CallOptions): Promise<PaymentIntent>
  create(input: PaymentIntentCreate, opts?: WriteOptions): Promise<PaymentIntent>
  confirm(id: string, input?: PaymentIntentConfirm, opts?: WriteOptions): Promise<PaymentIntent>
  capture(id: string, input?: PaymentIntentCapture, opts?: WriteOptions): Promise<PaymentIntent>
  cancel(id: string, input?: PaymentIntentCancel, opts?: WriteOptions): Promise<PaymentIntent>
}

/** An adapter's refunds: create and retrieve (no listing on the providers paymux knows). */
export interface RefundsResource {
  create(input: RefundCreate, opts?: WriteOptions): Promise<Refund>
  retrieve(id: string, opts?: CallOptions): Promise<Refund>
}

/** An adapter's products: the catalogue entries prices belong to. */
export interface ProductsResource {
  create(input: ProductCreate, opts?: WriteOptions): Promise<Product>
  retrieve(id: string, opts?: CallOptions): Promise<Product>
  list(query?: ProductQuery): Paginator<Product>
}

/** An adapter's prices: what a line item charges. */
export interface PricesResource {
  create(input: PriceCreate, opts?: WriteOptions): Promise<Price>
  retrieve(id: string, opts?: CallOptions): Promise<Price>
  list(query?: PriceQuery): Paginator<Price>
}

/** What an adapter factory (`wooshpay(options)`, `priceblocs(options)`) returns. */
export interface PaymentProvider {
  readonly id: ProviderId
  readonly capabilities: CapabilityManifest
  readonly paymentLinks: PaymentLinksResource
  readonly checkoutSessions: CheckoutSessionsResource
  readonly paymentIntents: PaymentIntentsResource
  readonly refunds: RefundsResource
  readonly products: ProductsResource
  readonly prices: PricesResource
  /**
   * Which resource an id of this provider names, when its ids say so (a prefix, say); null when
   * they do not. Lets `paymux([...]).retrieve('provider:id')` ask the right resource first
   * instead of trying each in turn. Core never guesses from an id itself.
   */
  readonly resourceOfId?: (id: string) => AnyResourceName | null
  /** Webhook verification and test signing (`unsupported` errors for a provider without webhooks). */
  readonly webhooks?: WebhooksResource
}

/** An adapter's webhooks: verify a delivery into a `PaymuxEvent`; sign a payload for tests. */
export interface WebhooksResource {
  verify(input: WebhookVerifyInput): PaymuxEvent
  /** The signature header value for `payload`, as the provider would send it. */
  sign(input: { payload: string | Uint8Array; secret: string; timestamp?: number }): string
}

/** What `webhooks.verify` takes. */
export interface WebhookVerifyInput {
  /** The bytes as received: never a parsed object. */
  readonly rawBody: string | Uint8Array
  /** A `Headers` object or a plain record, any header-name case. */
  readonly headers: HeaderSource
  /** One secret, or several during a rotation: any may match. */
  readonly secrets: readonly string[] | string
  /** `|now - t|` may not exceed it; 300 by default, 0 to skip the check (explicit opt-out only). */
  readonly toleranceSec?: number
  readonly now?: Date
}
