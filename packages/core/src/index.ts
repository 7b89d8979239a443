/**
 * @paymux/core: what applications use. Provider-neutral payment objects, the `Paginator`, the
 * error model, the multi-provider client and migration plans. What adapter authors need on top
 * (the transport, the paginator factory, checkpoint codecs, option checks) lives in
 * `@paymux/core/adapter`. Core never imports an adapter.
 */
export {
  ERROR_KINDS,
  PaymuxError,
  isPaymuxError,
  isRetryableKind,
  type AttemptRecord,
  type ErrorKind,
  type PaymuxErrorFields,
} from './errors.ts'
export { maskKey, redact } from './redact.ts'
export {
  Currency,
  MinorAmount,
  Money,
  formatMoney,
  minorUnitExponent,
  money,
  normalizeCurrency,
  toMajorUnits,
} from './money.ts'
export * from './model/index.ts'
export type {
  CallOptions,
  CapabilityManifest,
  CheckoutSessionQuery,
  CheckoutSessionsResource,
  EventsResource,
  CreatedRange,
  FieldSupport,
  FindMarkedOptions,
  ListingCapabilities,
  MarkedWriteOptions,
  MarkerSupport,
  ListQuery,
  PaymentIntentQuery,
  PaymentIntentsResource,
  PaymentLinkQuery,
  PaymentLinksResource,
  PaymentProvider,
  PriceQuery,
  PricesResource,
  ProductQuery,
  ProductsResource,
  ProviderId,
  RefundsResource,
  ResourceCapabilities,
  Support,
  WriteOptions,
  WebhooksResource,
  WebhookVerifyInput,
  ListedObjects,
  ListedQueries,
} from './provider.ts'
export type { ListingSource } from './paging/listing-source.ts'
export type {
  Checkpoint,
  DriftInfo,
  ListingOrder,
  ListingSummary,
  Page,
  PageInfo,
  Paginator,
  PagingHooks,
} from './paging/types.ts'
export { isPartitionedCheckpoint, MAX_PARTITIONS } from './paging/partition/index.ts'
export type { PartitionStats, PartitionedListingSummary } from './paging/partition/index.ts'
export type { RequestHooks, RequestView, ResponseView, RetryView } from './http/hooks.ts'
export type { RetryPolicy } from './http/retry-policy.ts'
export type { ClientHooks, ProviderOptions } from './options.ts'
export {
  FAULT_KINDS,
  type FaultKind,
  type Sandbox,
  type SandboxOptions,
  type SandboxRateLimit,
  type SandboxStats,
} from './sandbox.ts'
export { paymux, type MergedPaginator, type MuxResource, type Paymux } from './mux/client.ts'
export { formatGlobalId, parseGlobalId, type GlobalRef } from './mux/global-id.ts'
export type { MuxEvent, MuxEventPoll, MuxEventPollOptions, MuxEvents, MuxPollCheckpoint } from './mux/events.ts'
export type {
  MuxCheckoutSessionWrites,
  MuxCreateOptions,
  MuxPaymentIntentWrites,
  MuxPaymentLinkWrites,
  MuxPrices,
  MuxProducts,
  MuxRefunds,
  MuxWrites,
} from './mux/writes.ts'
export * from './migrate/index.ts'
export * from './write/index.ts'
export * from './webhooks/index.ts'
