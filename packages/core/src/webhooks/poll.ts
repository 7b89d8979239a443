/**
 * The poll engine behind every adapter's `events.poll()`. An adapter gives a `PollSource` (a
 * snapshot of one window of its listing, as candidate events); the engine runs the loop:
 *
 * - each poll rescans `[since, now]`, `since` being the lower of the last complete poll's horizon
 *   and `now - lookbackMs`, so a restart after a long pause still covers the whole pause;
 * - hands out each event id once, oldest first within a poll, and remembers the id (in memory
 *   and in the checkpoint) while its object is inside the window: bounded by the window and `maxSeen`;
 * - a failed snapshot hands out nothing of that poll (events are handed out only once the whole
 *   snapshot was read), is reported to `onError` and tried again at the next interval from the
 *   same horizon, so nothing is skipped;
 * - waits with an injectable clock, stops on `signal` or after `polls`.
 *
 * Ids are the adapter's and deterministic (a provider's event id, or one derived from the object
 * and the change), so an `EventStore` dedupes across restarts even without the checkpoint.
 */
import { PaymuxError, configError, isPaymuxError } from '../errors.ts'
import { abortableSleep } from '../http/retry-policy.ts'
import { EVENT_TYPES, type EventType, type PaymuxEvent } from './event.ts'
import { readPollCheckpoint, writePollCheckpoint, type PollState } from './poll-checkpoint.ts'
import type { EventPoll, EventPollOptions, PollCandidate, PollClock, PollSource, PollStats } from './poll-types.ts'

/** Default time between polls, ms. */
export const DEFAULT_POLL_INTERVAL_MS = 30_000
/** Default bound on the event ids held. */
export const DEFAULT_MAX_SEEN = 100_000

const MAX_TIMER_MS = 2 ** 31 - 1

const realClock: PollClock = {
  now: () => Date.now(),
  sleep: (ms, signal) => abortableSleep(ms, signal),
}

interface Resolved {
  readonly intervalMs: number
  readonly lookbackMs: number
  readonly from: 'lookback' | 'now'
  readonly types: ReadonlySet<EventType> | null
  readonly polls: number
  readonly maxSeen: number
  readonly clock: PollClock
}

const integer = (provider: string, name: string, v: unknown, min: number, max: number, fallback: number): number => {
  if (v === undefined) return fallback
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max) return v
  throw configError(provider, `${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(v)}`)
}

/** Every option checked before the first request: a bad one is kind `config`. */
const resolve = (source: PollSource, o: EventPollOptions): Resolved => {
  const p = source.provider
  if (o.from !== undefined && o.from !== 'lookback' && o.from !== 'now') {
    throw configError(p, `from must be 'lookback' or 'now', got ${JSON.stringify(o.from)}`)
  }
  let types: Set<EventType> | null = null
  if (o.types !== undefined) {
    if (!Array.isArray(o.types)) throw configError(p, 'types must be an array of neutral event types')
    const bad = o.types.find((t) => !(EVENT_TYPES as readonly string[]).includes(t))
    if (bad !== undefined) throw configError(p, `types: ${JSON.stringify(bad)} is not a neutral event type`)
    types = new Set(o.types)
  }
  if (o.onError !== undefined && typeof o.onError !== 'function') throw configError(p, 'onError must be a function')
  const clock = o.clock ?? realClock
  if (typeof clock.now !== 'function' || typeof clock.sleep !== 'function') {
    throw configError(p, 'clock must have now() and sleep(ms, signal)')
  }
  return {
    intervalMs: integer(p, 'intervalMs', o.intervalMs, 0, MAX_TIMER_MS, DEFAULT_POLL_INTERVAL_MS),
    lookbackMs: integer(p, 'lookbackMs', o.lookbackMs, 0, Number.MAX_SAFE_INTEGER, source.lookbackMs),
    from: o.from ?? 'lookback',
    types,
    polls: integer(p, 'polls', o.polls, 1, Number.MAX_SAFE_INTEGER, Number.POSITIVE_INFINITY),
    maxSeen: integer(p, 'maxSeen', o.maxSeen, 1, Number.MAX_SAFE_INTEGER, DEFAULT_MAX_SEEN),
    clock,
  }
}

/** A failure that is not a `PaymuxError` is a bug of the source: said so, with the provider named. */
const asPaymuxError = (provider: string, e: unknown): PaymuxError =>
  isPaymuxError(e)
    ? e.provider === null
      ? e.with({ provider })
      : e
    : new PaymuxError({ kind: 'decode', provider, message: `the event poll failed: ${String(e)}`, cause: e })

/**
 * Runs a `PollSource` as an `EventPoll`. Options are checked at once (kind `config`), the
 * checkpoint too (kind `checkpoint_mismatch`); no request is made before the iteration starts.
 */
export const createEventPoll = (source: PollSource, options: EventPollOptions = {}): EventPoll => {
  const o = resolve(source, options)
  const provider = source.provider
  const state: PollState = readPollCheckpoint(provider, source.source, options.resumeFrom)
  const stats = { polls: 0, errors: 0, emitted: 0 }
  let last: string | null = null
  let iterated = false
  const outer = options.signal

  /** The unseen events of one window, oldest first; throws when the snapshot fails or overflows. */
  const collect = async (since: number, signal: AbortSignal): Promise<PollCandidate[]> => {
    const fresh = new Map<string, PollCandidate>()
    for await (const c of source.snapshot({ since, types: o.types, signal })) {
      // Outside the window: handed out (and forgotten) by an earlier poll. A provider whose filter
      // is coarser than the window (whole seconds) sends it again; it must not come out twice.
      if (c.at < since) continue
      // A source may repeat an event (a provider repeating pages): each id once.
      if (state.seen.has(c.event.id) || fresh.has(c.event.id)) continue
      if (o.types !== null && !o.types.has(c.event.type)) continue
      fresh.set(c.event.id, c)
      if (state.seen.size + fresh.size > o.maxSeen) {
        throw new PaymuxError({
          kind: 'pagination',
          provider,
          code: 'poll_window_too_large',
          message: `${source.source}: the rescanned window holds more than maxSeen (${o.maxSeen}) events; lower lookbackMs or raise maxSeen`,
        })
      }
    }
    // Oldest first; a snapshot comes newest first, so events of the same time go in its reverse order.
    return [...fresh.values()]
      .map((c, i) => ({ c, i }))
      .sort((a, b) => a.c.event.createdAt.getTime() - b.c.event.createdAt.getTime() || b.i - a.i)
      .map(({ c }) => c)
  }

  /** Forgets ids older than the new horizon: the next window starts there, so they cannot come back. */
  const advance = (now: number) => {
    state.horizon = now - o.lookbackMs
    for (const [id, at] of state.seen) if (at < state.horizon) state.seen.delete(id)
  }

  async function* run(): AsyncGenerator<PaymuxEvent> {
    if (iterated) throw configError(provider, 'an event poll can be iterated once; start another with resumeFrom')
    iterated = true
    const signal = outer ?? new AbortController().signal
    while (!signal.aborted) {
      const now = o.clock.now()
      const since = Math.min(state.horizon ?? Number.POSITIVE_INFINITY, now - o.lookbackMs)
      // The first poll of `from: 'now'` records what exists without handing it out.
      const baseline = state.horizon === null && o.from === 'now'
      // From the first poll on, the window is owed: a run stopped (or failed) mid-poll resumes from it.
      if (!baseline) state.horizon = since
      let batch: PollCandidate[] | null = null
      try {
        batch = await collect(since, signal)
      } catch (e) {
        if (signal.aborted) return
        stats.errors += 1
        const error = asPaymuxError(provider, e)
        if (options.onError === undefined) throw error
        options.onError(error)
      }
      if (batch !== null) {
        for (const c of batch) {
          if (signal.aborted) return
          // Marked before it is handed out: `checkpoint()` taken while handling it covers it.
          state.seen.set(c.event.id, c.at)
          if (baseline) continue
          last = c.event.id
          stats.emitted += 1
          yield c.event
        }
        advance(now)
        stats.polls += 1
      }
      if (stats.polls + stats.errors >= o.polls || signal.aborted) return
      try {
        await o.clock.sleep(o.intervalMs, signal)
      } catch (e) {
        if (signal.aborted) return
        throw e
      }
    }
  }

  const generator = run()
  return {
    [Symbol.asyncIterator]: () => generator,
    checkpoint: () => writePollCheckpoint(source.source, state, null),
    checkpointWithout: (eventId) => writePollCheckpoint(source.source, state, eventId === last ? eventId : null),
    lastEventId: () => last,
    stats: (): PollStats => ({ ...stats, seen: state.seen.size }),
  }
}
