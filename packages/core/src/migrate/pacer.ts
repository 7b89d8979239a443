/**
 * The pace of `requestsPerSecond`: at most that many target writes a second, spaced evenly, on
 * an injectable clock (tests drive it without waiting).
 *
 * One story with the target client's send rate (http/send-rate.ts), not two limiters that fight:
 * every write the pacer lets through still goes through the client's limiter, which learns the
 * provider's limit from its 429s and is capped by the client's `maxRequestsPerSecond`. The lower
 * of the two holds. The pacer only spends slots and never saves them (a slot not taken is gone),
 * so after a pause of the client (a `Retry-After`) it releases no burst the learned rate would
 * meet with 429s; and the client's retries of a throttled write are its own, never paced twice.
 *
 * Why a pacer of its own, and not the client's cap: `applyMigration` is handed clients the caller
 * built and may use for other work at the same time. A migration that changed its target
 * client's maximum would slow that other work too, and the change would outlive the run. So the
 * client's `maxRequestsPerSecond` (set where the client is built, as the CLI does from `--rps`)
 * caps every request of the client; `requestsPerSecond` caps this run's writes only.
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
