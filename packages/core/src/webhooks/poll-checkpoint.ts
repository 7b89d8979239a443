/**
 * The poll checkpoint (`PollCheckpoint`, plain JSON): read back with every field checked, since
 * it comes from outside (a file, a database row), and written from the engine's state.
 */
import { PaymuxError } from '../errors.ts'
import type { PollCheckpoint } from './poll-types.ts'

/** The engine's state: the window's lower bound and the ids handed out inside it (id -> at). */
export interface PollState {
  horizon: number | null
  readonly seen: Map<string, number>
}

const isTime = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n)

const mismatch = (provider: string, message: string): PaymuxError =>
  new PaymuxError({ kind: 'checkpoint_mismatch', provider, message })

/** A checkpoint -> state; kind `checkpoint_mismatch` for another source's checkpoint or a malformed one. */
export const readPollCheckpoint = (provider: string, source: string, cp: unknown): PollState => {
  if (cp === null || cp === undefined) return { horizon: null, seen: new Map() }
  const o = cp as Partial<Record<keyof PollCheckpoint, unknown>>
  if (typeof cp !== 'object' || o.v !== 1 || !Array.isArray(o.seen)) {
    return thrown(mismatch(provider, 'not a poll checkpoint (expected { v: 1, source, horizon, seen })'))
  }
  if (o.source !== source) {
    return thrown(mismatch(provider, `this checkpoint is of ${JSON.stringify(o.source)}, not of ${source}`))
  }
  if (o.horizon !== null && !isTime(o.horizon)) return thrown(mismatch(provider, 'checkpoint horizon is not a time'))
  const seen = new Map<string, number>()
  for (const entry of o.seen as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string' || !isTime(entry[1])) {
      return thrown(mismatch(provider, 'checkpoint `seen` holds an entry that is not [eventId, time]'))
    }
    seen.set(entry[0], entry[1])
  }
  return { horizon: o.horizon, seen }
}

const thrown = (e: PaymuxError): never => {
  throw e
}

/** State -> checkpoint, leaving out `without` (an event handed out but not yet delivered). */
export const writePollCheckpoint = (source: string, state: PollState, without: string | null): PollCheckpoint => ({
  v: 1,
  source,
  horizon: state.horizon,
  seen: [...state.seen].filter(([id]) => id !== without),
})
