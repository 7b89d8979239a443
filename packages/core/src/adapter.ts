/**
 * @paymux/core/adapter: everything an adapter author needs, on top of the public API (which this
 * entry re-exports, so an adapter imports from one place). Applications import `@paymux/core`.
 */
export * from './index.ts'
export { configError, kindFromStatus, unsupported } from './errors.ts'
export { registerSecret, registerSecretPrefixes } from './redact.ts'
export { checkApiKey, type KeyRule } from './api-key.ts'
export type { FetchPage, Json, PageRequest, PageResult, Position, RequestCounters } from './paging/types.ts'
export {
  canonicalJson,
  decodeCheckpoint,
  encodeCheckpoint,
  peekCheckpoint,
  scopeHash,
  type CheckpointScope,
} from './paging/checkpoint.ts'
export { createPaginator, failedPaginator, type PaginatorSpec } from './paging/paginator.ts'
export { createDriftGuard, type DriftGuard } from './paging/drift-guard.ts'
export { createListing, type CreatedWindows, type ListingSpec, type WindowListing } from './paging/listing.ts'
export { readPageSize, readPagingOptions, type PagingLimits, type PagingOptions } from './paging/list-query.ts'
export * from './paging/partition/index.ts'
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
export {
  abortableSleep,
  backoffDelay,
  parseRetryAfter,
  resolveRetryPolicy,
  type ResolvedRetryPolicy,
} from './http/retry-policy.ts'
export { MAX_TIMER_MS, checkBaseUrl, checkCommonOptions, isLoopbackHost, toUnixSeconds } from './options.ts'
export { safeCall } from './hooks.ts'
export { decodeInto, decodeWith } from './decode.ts'
/** The transport's body reader, for a tool that parses provider bodies itself (the bench's breakdown). */
export { JsonTextDecoder, jsonText } from './http/json-text.ts'
export {
  BoolLike,
  Count,
  CurrencyLetters,
  EPOCH_MS_THRESHOLD,
  EpochNumber,
  EpochTime,
  IntLike,
  MAX_DATE_MS,
  NonNegativeInteger,
  PositiveInteger,
  SafeInteger,
  epochDate,
  guard,
  isAbsent,
  isIntLike,
  isRecord,
  lean,
  nullish,
  orNull,
  readBool,
  readCurrency,
  readInt,
  readMetadata,
  readText,
  struct,
  type Nullish,
  type NullishType,
  type Struct,
} from './codec/index.ts'
export {
  GATEWAY_HTML,
  MAX_SANDBOX_BODY_BYTES,
  MAX_SANDBOX_COUNT,
  Rng,
  checkCount,
  checkOption,
  createTokenBucket,
  hash32,
  hashString,
  isStatusFault,
  mix,
  mulberry32,
  pickFault,
  resolveSandboxOptions,
  retryAfterSeconds,
  rngFor,
  serveBrokenConnection,
  startSandboxServer,
  type BucketAnswer,
  type FaultPlan,
  type ResolvedRateLimit,
  type ResolvedSandboxOptions,
  type SandboxReply,
  type SandboxRequest,
  type SandboxRoute,
  type SandboxServer,
  type SandboxServerSpec,
  type StatusFault,
  type TokenBucket,
} from './sandbox-kit/index.ts'
export * from './write/adapter-kit.ts'
export {
  readHeader,
  signTimestampedHmac,
  verifyTimestampedHmac,
  type TimestampedHmacInput,
  type TimestampedHmacSign,
} from './webhooks/signature.ts'
export { createEventPoll, DEFAULT_MAX_SEEN, DEFAULT_POLL_INTERVAL_MS } from './webhooks/poll.ts'
export type { PollCandidate, PollSource, SnapshotRequest } from './webhooks/poll-types.ts'
