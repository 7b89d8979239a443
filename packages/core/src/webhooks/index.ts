/** Webhooks: the neutral event, the stores that claim event ids, and the once-per-event handler. */
export * from './event.ts'
export * from './store.ts'
export * from './handler.ts'
export type { EventPoll, EventPollOptions, PollCheckpoint, PollClock, PollStats } from './poll-types.ts'
export type { HeaderSource, SignatureFailure } from './signature.ts'
export { DEFAULT_TOLERANCE_SEC } from './signature.ts'
