/**
 * Parallel listing by `created` windows (issue 8, target 3), written here because core has no
 * `partitions` option yet. It is meant to move into core's paginator; see bench/README.md for
 * the API it asks for.
 *
 * The created range starts as one open window `[from, +inf)`. As soon as a window has delivered
 * a page, the listing knows how far down it has got (`seen`, the oldest `created` it delivered:
 * lists are newest first), and while fewer than `partitions` windows are running, the window
 * with the largest unlisted span `[floor, seen)` is split at its middle: a new window lists
 * `[floor, mid)` and the old one keeps `[mid, seen]`, dropping (and stopping at) the first item
 * older than `mid` that its next page brings. After the first page this halves the first window
 * k-1 times: windows that double in length going back in time, short near the newest objects
 * (where data usually is) and one long window down to `from`. Empty windows end after one
 * request and their worker splits the largest window that has shown data, so the windows
 * converge on where the data is without knowing its range in advance. Every object lands in
 * exactly one window: the union of the windows is always the whole range and they never overlap.
 *
 * Output is in no particular order (`order: 'any'`, for exports); pages wait in a buffer of
 * `bufferPages` pages when the consumer is slower than the windows (bounded memory).
 * Not done here: ordered output and a composite checkpoint (one cursor per window).
 */

export interface CreatedWindow {
  readonly gte: number
  readonly lt?: number
}

export interface PartitionSpec<T> {
  /** Windows listed at once. */
  readonly partitions: number
  /** Pages of one window, newest first, e.g. `(created) => resource.list({ created }).pages()`. */
  readonly list: (created: CreatedWindow) => AsyncIterable<{ readonly items: readonly T[] }>
  /** `created` of an object in Unix seconds, as the provider's filter compares it. */
  readonly createdOf: (item: T) => number
  /** Lower bound of the whole range. @default 0 */
  readonly from?: number
  /** Pages buffered for the consumer before the windows wait. @default partitions */
  readonly bufferPages?: number
}

export interface PartitionStats {
  /** Windows listed in all, including the first. */
  readonly windows: number
  /** Windows that held no object. */
  readonly emptyWindows: number
  readonly pages: number
  /** Objects dropped because the window that fetched them had been split below them. */
  readonly dropped: number
}

export interface PartitionRun<T> {
  /** Pages of objects as windows deliver them, in no particular order. Iterate once. */
  readonly batches: AsyncIterable<readonly T[]>
  stats(): PartitionStats
}

interface Window {
  /** Lowest `created` this window still owns (raised when it is split). */
  floor: number
  /** Exclusive upper bound; null for the first, open window. */
  readonly hi: number | null
  /** Oldest `created` delivered so far; null before the first object. */
  seen: number | null
  delivered: number
}

/**
 * Unlisted span of a window, in seconds: what a split can take from it. Only a window that has
 * delivered objects is split: one still waiting for its first page may well be empty, and
 * splitting it would only multiply empty requests.
 */
const span = (w: Window): number => (w.seen === null ? 0 : w.seen - w.floor)

export const listPartitioned = <T>(spec: PartitionSpec<T>): PartitionRun<T> => {
  const k = spec.partitions
  if (!Number.isInteger(k) || k < 1 || k > 64) throw new RangeError('partitions must be an integer from 1 to 64')
  const channel = new Channel<readonly T[]>(spec.bufferPages ?? k)
  const active = new Set<Window>()
  const stats = { windows: 0, emptyWindows: 0, pages: 0, dropped: 0 }

  const work = async (w: Window): Promise<void> => {
    const created: CreatedWindow = w.hi === null ? { gte: w.floor } : { gte: w.floor, lt: w.hi }
    const it = spec.list(created)[Symbol.asyncIterator]()
    try {
      for (;;) {
        const r = await it.next()
        if (r.done || channel.closed) return
        stats.pages += 1
        const items = r.value.items
        // Newest first: from the first object below the floor on, the rest belongs to a window
        // split off from this one while the page was in flight.
        const cut = items.findIndex((o) => spec.createdOf(o) < w.floor)
        const keep = cut < 0 ? items : items.slice(0, cut)
        if (cut >= 0) stats.dropped += items.length - cut
        if (keep.length > 0) {
          w.seen = spec.createdOf(keep[keep.length - 1] as T)
          w.delivered += keep.length
          if (!(await channel.push(keep))) return
        }
        if (cut >= 0) return
        refill()
      }
    } finally {
      await it.return?.()
    }
  }

  const start = (w: Window): void => {
    active.add(w)
    stats.windows += 1
    work(w).then(
      () => {
        active.delete(w)
        if (w.delivered === 0) stats.emptyWindows += 1
        refill()
        if (active.size === 0) channel.end()
      },
      (e: unknown) => {
        active.delete(w)
        channel.end(e)
      },
    )
  }

  /** Splits the largest unlisted spans until `k` windows run (or nothing can be split). */
  const refill = (): void => {
    if (channel.closed) return
    const fresh: Window[] = []
    while (active.size + fresh.length < k) {
      let best: Window | null = null
      for (const w of [...active, ...fresh]) if (best === null || span(w) > span(best)) best = w
      if (best === null || span(best) < 2) break
      const mid = best.floor + Math.floor(span(best) / 2)
      fresh.push({ floor: best.floor, hi: mid, seen: null, delivered: 0 })
      best.floor = mid
    }
    // Started after the loop: a window's request is built from its floor when it starts.
    for (const w of fresh) start(w)
  }

  start({ floor: spec.from ?? 0, hi: null, seen: null, delivered: 0 })
  return { batches: channel, stats: () => ({ ...stats }) }
}

/** A single-consumer queue with a bound: `push` waits while it is full. */
class Channel<A> implements AsyncIterable<A> {
  private readonly items: A[] = []
  private readonly bound: number
  private wakeConsumer: (() => void) | null = null
  private readonly wakeProducers: (() => void)[] = []
  private error: { readonly cause: unknown } | null = null
  private ended = false
  closed = false

  constructor(bound: number) {
    this.bound = Math.max(1, bound)
  }

  /** Resolves false when the consumer has gone (stop producing). */
  async push(a: A): Promise<boolean> {
    while (!this.closed && this.items.length >= this.bound) {
      await new Promise<void>((resolve) => this.wakeProducers.push(resolve))
    }
    if (this.closed) return false
    this.items.push(a)
    this.wake()
    return true
  }

  end(error?: unknown): void {
    if (this.ended) return
    this.ended = true
    if (error !== undefined) {
      this.error = { cause: error }
      this.closed = true
    }
    this.wake()
    this.release()
  }

  private wake(): void {
    const w = this.wakeConsumer
    this.wakeConsumer = null
    w?.()
  }

  private release(): void {
    for (const w of this.wakeProducers.splice(0)) w()
  }

  async *[Symbol.asyncIterator](): AsyncIterator<A> {
    try {
      for (;;) {
        if (this.error) throw this.error.cause
        const a = this.items.shift()
        if (a !== undefined) {
          this.release()
          yield a
          continue
        }
        if (this.ended) return
        await new Promise<void>((resolve) => (this.wakeConsumer = resolve))
      }
    } finally {
      this.closed = true
      this.release()
    }
  }
}
