/** The write side's neutral inputs, their checks and idempotency keys (see packages/core/README.md). */
export * from './inputs.ts'
export { checkInput } from './check-input.ts'
export { fitKey, newIdempotencyKey, stepKey } from './idempotency.ts'
