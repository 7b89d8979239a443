/**
 * A local pacer for target writes: at most `requestsPerSecond`, spaced evenly, on an injectable
 * clock (tests drive it without waiting). Local to migrations on purpose: the adaptive limiter of
 * core/http reacts to a provider's 429s; this one keeps a migration below what the caller allows.
 */
import { abortableSleep } from '../http/retry-policy.ts'
import type { MigrationClock } from './apply-types.ts'

/** Waits for the next write slot. */
export type Pacer = (signal?: AbortSignal) => Promise<void>

/** The system clock. */
export const systemClock: MigrationClock = { now: () => Date.now(), sleep: abortableSleep }

/** A pacer of `rps` slots a second (none when undefined). Slots are handed out in call order. */
export const createPacer = (rps: number | undefined, clock: MigrationClock): Pacer => {
  if (rps === undefined) return () => Promise.resolve()
  const gap = 1000 / rps
  let next = Number.NEGATIVE_INFINITY
  return async (signal) => {
    const now = clock.now()
    const slot = Math.max(now, next)
    next = slot + gap
    if (slot > now) await clock.sleep(slot - now, signal)
  }
}
