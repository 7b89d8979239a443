/**
 * The codec kit: io-ts building blocks shared by adapters' wire codecs (validation-only
 * structs, `""`-for-null fields, strict integers and epoch times) and the readers their
 * normalizers convert validated values with.
 */
export * from './guards.ts'
export * from './scalars.ts'
export * from './read.ts'
