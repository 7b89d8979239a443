/**
 * @paymux/core: provider-neutral payment objects, one paginator, one error model, the HTTP
 * transport and the contract that adapters implement. Core never imports an adapter.
 */
export {
  ERROR_KINDS,
  PaymuxError,
  configError,
  isPaymuxError,
  isRetryableKind,
  kindFromStatus,
  unsupported,
  type AttemptRecord,
  type ErrorKind,
  type PaymuxErrorFields,
} from './errors.ts'
export { maskKey, redact, registerSecret } from './redact.ts'
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
  CreatedRange,
  ListQuery,
  PaymentIntentQuery,
  PaymentIntentsResource,
  PaymentLinkQuery,
  PaymentLinksResource,
  PaymentProvider,
  ProviderId,
  ResourceCapabilities,
  ResourceName,
  Support,
} from './provider.ts'
export type { Checkpoint, FetchPage, Json, Page, PageRequest, PageResult, Paginator, Position } from './paging/types.ts'
export {
  canonicalJson,
  decodeCheckpoint,
  encodeCheckpoint,
  peekCheckpoint,
  scopeHash,
  type CheckpointScope,
} from './paging/checkpoint.ts'
export { createPaginator, failedPaginator, type PaginatorSpec } from './paging/paginator.ts'
export * from './paging/partition/index.ts'
export type { DriftInfo, ListingSummary, PageInfo, PagingHooks, RequestCounters } from './paging/page-run.ts'
export {
  createTransport,
  type Decoder,
  type ErrorReading,
  type HttpRequest,
  type QueryValue,
  type Transport,
  type TransportConfig,
  type TransportStats,
} from './http/transport.ts'
export type { ClientHooks, RequestView, ResponseView, RetryView } from './http/hooks.ts'
export {
  abortableSleep,
  backoffDelay,
  parseRetryAfter,
  resolveRetryPolicy,
  type ResolvedRetryPolicy,
  type RetryPolicy,
} from './http/retry-policy.ts'
export { checkBaseUrl, checkCommonOptions, isLoopbackHost, toUnixSeconds, type ProviderOptions } from './options.ts'
export { safeCall } from './hooks.ts'
export { decodeInto, decodeWith } from './decode.ts'
export { FAULT_KINDS, type FaultKind, type Sandbox, type SandboxOptions, type SandboxStats } from './sandbox.ts'
export { paymux, type MergedPaginator, type MuxResource, type Paymux } from './mux/client.ts'
export { formatGlobalId, parseGlobalId, type GlobalRef } from './mux/global-id.ts'
export * from './migrate/index.ts'
