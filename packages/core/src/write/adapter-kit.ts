/** What adapter authors need to build writes: `runWrite`, integrity checks, the `unsupported` fillers. */
export { runWrite, type IdempotencyKeyRule, type WriteCall, type WriteContext } from './run-write.ts'
export { mayHaveHappened } from './ambiguity.ts'
export { checkExpectations, type Expectation } from './integrity.ts'
export * from './unsupported.ts'
