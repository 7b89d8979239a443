/**
 * `@paymux/priceblocs/internal`: the adapter's building blocks (wire codecs, normalizers, the
 * decoders the transport runs, the error-body reader, option checks, query plans), for tests
 * and benchmarks that exercise them without HTTP. Not part of the stable API: names may change
 * in any release.
 */
export * as wire from './codecs.ts'
export * from './normalize.ts'
export * from './decode.ts'
export { readError } from './errors.ts'
export { resolveOptions, DEFAULT_BASE_URL } from './options.ts'
export { PROVIDER } from './capabilities.ts'
export { SERVER_PAGE_SIZE } from './paginate.ts'
export { planPaymentLinks, planCheckouts } from './query.ts'
export * from './write-bodies.ts'
