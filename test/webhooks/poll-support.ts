/**
 * Shared set-up of the event-poll tests (not a test file): a clock the test steps by hand, so a
 * poll never waits in real time, and a consumer that runs a poll in the background.
 */
import type { PollClock } from '@paymux/core'

/** Bound on waiting for the poll to reach its next sleep: a poll that hangs fails the test. */
const WAIT_BOUND_MS = 15_000

export interface SteppedClock extends PollClock {
  /** Resolves when the poll has finished a poll and sleeps (rejects after a bound: a hung poll fails). */
  sleeping(): Promise<void>
  /** Advances time by `ms` and wakes the sleeping poll. */
  tick(ms: number): void
  /** Advances time without waking anything (between polls, before a resume). */
  advance(ms: number): void
  /** Every sleep asked for, ms. */
  readonly sleeps: number[]
}

/** A clock at `start` ms whose sleeps last until the test calls `tick`. */
export const steppedClock = (start: number): SteppedClock => {
  let t = start
  let wake: (() => void) | null = null
  let waiting: (() => void) | null = null
  let asleep = false
  const sleeps: number[] = []
  return {
    now: () => t,
    sleeps,
    sleep(ms, signal) {
      sleeps.push(ms)
      asleep = true
      waiting?.()
      waiting = null
      return new Promise<void>((resolve) => {
        const done = () => {
          asleep = false
          wake = null
          resolve()
        }
        wake = done
        signal.addEventListener('abort', done, { once: true })
      })
    },
    sleeping() {
      if (asleep) return Promise.resolve()
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the poll did not reach its next sleep')), WAIT_BOUND_MS)
        waiting = () => {
          clearTimeout(timer)
          resolve()
        }
      })
    },
    tick(ms) {
      t += ms
      const w = wake
      if (w === null) throw new Error('tick() while the poll is not sleeping')
      w()
    },
    advance(ms) {
      t += ms
    },
  }
}

export interface Drain<E> {
  readonly events: E[]
  /** Resolves when the iteration ends; rejects with its error. */
  readonly done: Promise<void>
}

/** Iterates `source` in the background, collecting what it yields. */
export const drain = <E>(source: AsyncIterable<E>, onEach?: (e: E) => void): Drain<E> => {
  const events: E[] = []
  const done = (async () => {
    for await (const e of source) {
      events.push(e)
      onEach?.(e)
    }
  })()
  // Observed here so an ending that the test does not await is not an unhandled rejection.
  done.catch(() => {})
  return { events, done }
}
