/**
 * Shared set-up of the event-poll tests (not a test file): a clock the test steps by hand, so a
 * poll never waits in real time, and a consumer that runs a poll in the background.
 */
import type { PollClock } from '@paymux/core'

/** Bound on waiting for the poll to reach its next sleep: a poll that hangs fails the test. */
const WAIT_BOUND_MS = 15_000

export interface SteppedClock extends PollClock {
  /**
   * Resolves when `count` polls (1 by default) have finished a poll and sleep; rejects after a
   * bound, so a hung poll fails the test.
   */
  sleeping(count?: number): Promise<void>
  /** Advances time by `ms` and wakes every sleeping poll. */
  tick(ms: number): void
  /** Advances time without waking anything (between polls, before a resume). */
  advance(ms: number): void
  /** Every sleep asked for, ms. */
  readonly sleeps: number[]
}

/** A clock at `start` ms whose sleeps last until the test calls `tick`; several polls may share it. */
export const steppedClock = (start: number): SteppedClock => {
  let t = start
  const asleep = new Set<() => void>()
  let waiter: { count: number; resolve: () => void } | null = null
  const sleeps: number[] = []
  const check = () => {
    if (waiter !== null && asleep.size >= waiter.count) {
      const w = waiter
      waiter = null
      w.resolve()
    }
  }
  return {
    now: () => t,
    sleeps,
    sleep(ms, signal) {
      sleeps.push(ms)
      return new Promise<void>((resolve) => {
        const wake = () => {
          asleep.delete(wake)
          resolve()
        }
        asleep.add(wake)
        signal.addEventListener('abort', wake, { once: true })
        check()
      })
    },
    sleeping(count = 1) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the poll did not reach its next sleep')), WAIT_BOUND_MS)
        waiter = {
          count,
          resolve: () => {
            clearTimeout(timer)
            resolve()
          },
        }
        check()
      })
    },
    tick(ms) {
      t += ms
      if (asleep.size === 0) throw new Error('tick() while no poll is sleeping')
      for (const wake of [...asleep]) wake()
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
