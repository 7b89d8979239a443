/**
 * The provider-neutral event source: `provider.events.poll(options)` yields `PaymuxEvent`s read
 * from a provider's listings instead of pushed webhooks. The shapes here are what an application
 * sees; `poll.ts` is the engine that runs them and `poll-checkpoint.ts` the checkpoint format.
 */
import type { PaymuxError } from '../errors.ts'
import type { EventType, PaymuxEvent } from './event.ts'

/** Time as the poll sees it. Injected in tests, so a poll never waits in real time there. */
export interface PollClock {
  /** Milliseconds since the epoch. */
  now(): number
  /** Resolves after `ms`; rejects (or resolves) early when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>
}

/**
 * Where a poll resumes from: plain JSON (store it as text, pass it back as `resumeFrom`).
 * `seen` holds `[eventId, at]` for every event already handed out whose object is still inside
 * the rescanned window; `horizon` is the window's lower bound after the last complete poll. It
 * holds event ids and times only: never a key or a payload.
 */
export interface PollCheckpoint {
  readonly v: 1
  /** What was polled (`priceblocs:checkouts`, `wooshpay:events`): a checkpoint resumes only its own source. */
  readonly source: string
  /** Milliseconds since the epoch, or null before the first complete poll. */
  readonly horizon: number | null
  readonly seen: readonly (readonly [string, number])[]
}

/** Options of `events.poll()`. Every member is optional. */
export interface EventPollOptions {
  /** Time between the end of one poll and the start of the next, ms. @default 30000 */
  readonly intervalMs?: number
  /**
   * How far back each poll rescans, ms, so a change to a recent object is still seen (the
   * adapter's default is in its README). Changes to objects older than this are not seen.
   */
  readonly lookbackMs?: number
  /**
   * Without `resumeFrom`: `lookback` (default) hands out the events of the whole lookback window
   * on the first poll; `now` takes the first poll as the baseline and hands out only what changes after.
   */
  readonly from?: 'lookback' | 'now'
  /** Only these neutral types (all when absent). */
  readonly types?: readonly EventType[]
  /** A checkpoint from `poll.checkpoint()`: no event it covers is handed out again. */
  readonly resumeFrom?: PollCheckpoint | null
  /** Stops the poll: the iteration ends (without an error) at the next event or during the wait. */
  readonly signal?: AbortSignal
  /**
   * Called with each failed poll (a typed `PaymuxError` naming the provider); the poll tries
   * again after `intervalMs`, from where it was, so nothing is skipped. Without it the error
   * ends the iteration (the checkpoint stays valid for a resume).
   */
  readonly onError?: (error: PaymuxError) => void
  /** Stop after this many polls (a cron job polls once: `polls: 1`). Unbounded when absent. */
  readonly polls?: number
  /** Clock and sleep; real time by default. */
  readonly clock?: PollClock
  /** Most event ids held in memory and in the checkpoint. @default 100000 */
  readonly maxSeen?: number
}

/** What `events.poll()` returns: the events, and where to resume. Iterate it once. */
export interface EventPoll extends AsyncIterable<PaymuxEvent> {
  /** Covers every event handed out so far, the one being handled included. */
  checkpoint(): PollCheckpoint
  /**
   * The checkpoint without `eventId` when it is the last event handed out (else `checkpoint()`):
   * for a consumer that buffers events (the multi-provider stream) and has not delivered it yet.
   */
  checkpointWithout(eventId: string): PollCheckpoint
  /** The id of the last event handed out, or null. */
  lastEventId(): string | null
  /** Counters of this run. */
  stats(): PollStats
}

/** Counters of one poll run. */
export interface PollStats {
  /** Polls completed. */
  readonly polls: number
  /** Polls that failed (each one reported to `onError`). */
  readonly errors: number
  /** Events handed out. */
  readonly emitted: number
  /** Event ids currently held (bounded by the window and `maxSeen`). */
  readonly seen: number
}

/**
 * One event a snapshot found. `at` is the time the source's window is bounded on (an object's or
 * an event's `created`, ms): it decides when the id may be forgotten.
 */
export interface PollCandidate {
  readonly event: PaymuxEvent
  readonly at: number
}

/** What an adapter gives the engine: a source name and a snapshot of one window. */
export interface PollSource {
  readonly provider: string
  /** Binds checkpoints, e.g. `priceblocs:checkouts`. */
  readonly source: string
  /** Default `lookbackMs` for this source. */
  readonly lookbackMs: number
  /**
   * Everything the provider shows for the window `[since, now]`, newest first: may repeat an
   * event (the engine hands each id out once); the engine sorts by `createdAt`, events of the
   * same time in the reverse of the order given. Throws (or rejects) a `PaymuxError` when the
   * listing fails: the engine reports it and tries again.
   */
  snapshot(request: SnapshotRequest): AsyncIterable<PollCandidate>
}

/** One snapshot's window and the poll's filters. */
export interface SnapshotRequest {
  /** The window's lower bound, ms since the epoch. */
  readonly since: number
  /** Neutral types wanted, or null for all: a source may filter at the provider. */
  readonly types: ReadonlySet<EventType> | null
  readonly signal: AbortSignal
}
