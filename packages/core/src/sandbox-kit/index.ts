/**
 * The sandbox server kit: what every adapter's sandbox shares (the server on 127.0.0.1, stats,
 * latency, faults, option checks, seeded randomness). A sandbox adds its routes, data, error
 * bodies and quirks.
 */
export * from './faults.ts'
export * from './options.ts'
export * from './random.ts'
export * from './rate-limit.ts'
export * from './server.ts'
