/**
 * `@paymux/priceblocs/internal`: the adapter's building blocks (wire codecs, normalizers, the
 * decoders the transport runs, the error-body reader, option checks), for tests and benchmarks
 * that exercise them without HTTP.
 * Not part of the stable API: names here may change in any release.
 */
export * as wire from './codecs.ts'
export * from './normalize.ts'
export { readError } from './errors.ts'
export * from './decode.ts'
export { resolveOptions } from './options.ts'
export { PROVIDER } from './capabilities.ts'
export { SERVER_PAGE_SIZE } from './paginate.ts'
