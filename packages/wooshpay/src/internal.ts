/**
 * `@paymux/wooshpay/internal`: the adapter's building blocks (wire codecs, normalizers, the
 * decoders the transport runs, the error-body reader, option checks, query filters), for tests
 * and benchmarks that exercise them without HTTP. Not part of the stable API: names may change
 * in any release.
 */
export * as wire from './codecs.ts'
export * from './normalize.ts'
export * from './decode.ts'
export { readError } from './errors.ts'
export { resolveOptions, TEST_HOST, LIVE_HOST } from './options.ts'
export { PROVIDER, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE } from './capabilities.ts'
export { paymentLinkFilters, checkoutSessionFilters, paymentIntentFilters } from './query.ts'
export * as writeBodies from './write-bodies.ts'
