/**
 * The buffer between a partitioned listing's windows (producers, one lane each) and its consumer,
 * with a hard bound on memory: a window takes a permit before it fetches a page and the permit
 * returns when the consumer takes that page, so pages in flight plus pages waiting never exceed
 * `bound`. A window without a permit pauses.
 *
 * `any`: the consumer takes pages in arrival order. `newest_first`: lanes are ordered (newest
 * window first) and the consumer takes only from the first lane until it is finished and drained.
 * Other lanes may then only fill `bound - 1` permits, so the first lane always has one: waiting
 * pages of later windows can never starve the window the consumer is waiting for.
 */
import type { ListingOrder } from './options.ts'

interface Lane<K, P> {
  readonly key: K
  readonly pages: P[]
  /** The lane's window will put no more pages. */
  finished: boolean
}

interface Waiter<K, P> {
  readonly lane: Lane<K, P>
  readonly grant: (ok: boolean) => void
}

export interface Delivery<K, P> {
  readonly key: K
  readonly page: P
}

export class MergeBuffer<K, P> {
  private readonly order: ListingOrder
  private readonly bound: number
  /** Lanes in delivery order; a lane leaves once it is finished and drained. */
  private readonly lanes: Lane<K, P>[] = []
  private readonly byKey = new Map<K, Lane<K, P>>()
  /** `any`: one entry per waiting page, in arrival order. */
  private readonly arrivals: Lane<K, P>[] = []
  private readonly waiters: Waiter<K, P>[] = []
  private consumer: (() => void) | null = null
  private failure: { readonly error: unknown } | null = null
  private closed = false
  /** Permits out: pages in flight or waiting for the consumer. */
  private held = 0
  private peak = 0

  constructor(order: ListingOrder, bound: number) {
    this.order = order
    this.bound = bound
  }

  /** Most permits out at once so far (pages fetched or being fetched and not yet taken). */
  get peakHeld(): number {
    return this.peak
  }

  /** Adds a lane, right after `after`'s lane when given (a split window follows its parent). */
  add(key: K, after?: K): void {
    const lane: Lane<K, P> = { key, pages: [], finished: false }
    this.byKey.set(key, lane)
    const at = after === undefined ? -1 : this.lanes.findIndex((l) => l.key === after)
    if (at < 0) this.lanes.push(lane)
    else this.lanes.splice(at + 1, 0, lane)
    this.pump()
  }

  /** Waits for a permit to fetch one page; false when the buffer was closed or failed meanwhile. */
  acquire(key: K): Promise<boolean> {
    const lane = this.byKey.get(key)
    if (this.closed || lane === undefined) return Promise.resolve(false)
    return new Promise<boolean>((grant) => {
      this.waiters.push({ lane, grant })
      this.pump()
    })
  }

  /** Returns a permit without a page (the fetch brought nothing to deliver). */
  release(): void {
    this.held -= 1
    this.pump()
  }

  /** Queues a page fetched with a permit. */
  put(key: K, page: P): void {
    const lane = this.byKey.get(key)
    if (this.closed || lane === undefined) return
    lane.pages.push(page)
    if (this.order === 'any') this.arrivals.push(lane)
    this.wakeConsumer()
  }

  /** The lane's window is done: once its pages are taken, the next lane comes first. */
  finish(key: K): void {
    const lane = this.byKey.get(key)
    if (lane === undefined) return
    lane.finished = true
    if (lane.pages.length === 0) this.remove(lane)
    this.pump()
    this.wakeConsumer()
  }

  /** True while the lane has pages waiting or its window may still put some. */
  has(key: K): boolean {
    return this.byKey.has(key)
  }

  /**
   * The next page for the consumer, waiting for one if needed; null once every lane is finished
   * and drained. Rejects with the error given to `fail`. One consumer at a time.
   */
  async take(): Promise<Delivery<K, P> | null> {
    for (;;) {
      if (this.failure) throw this.failure.error
      if (this.closed) return null
      const lane = this.order === 'any' ? this.arrivals.shift() : this.lanes[0]
      const page = lane?.pages.shift()
      if (lane !== undefined && page !== undefined) {
        this.held -= 1
        if (lane.finished && lane.pages.length === 0) this.remove(lane)
        this.pump()
        return { key: lane.key, page }
      }
      if (this.lanes.length === 0) return null
      await new Promise<void>((resolve) => (this.consumer = resolve))
    }
  }

  /** Fails the consumer (now or at its next `take`) and refuses every permit. */
  fail(error: unknown): void {
    if (this.closed) return
    this.failure = { error }
    this.close()
  }

  /** Stops everything: permits are refused, pages dropped, a waiting consumer gets null. */
  close(): void {
    if (this.closed) return
    this.closed = true
    for (const w of this.waiters.splice(0)) w.grant(false)
    for (const lane of this.lanes) lane.pages.length = 0
    this.arrivals.length = 0
    this.wakeConsumer()
  }

  private remove(lane: Lane<K, P>): void {
    this.byKey.delete(lane.key)
    this.lanes.splice(this.lanes.indexOf(lane), 1)
  }

  private wakeConsumer(): void {
    const wake = this.consumer
    this.consumer = null
    wake?.()
  }

  /** Grants permits while the bound allows, the first lane first when order matters. */
  private pump(): void {
    if (this.closed) return
    if (this.order === 'newest_first') {
      const rank = (w: Waiter<K, P>) => this.lanes.indexOf(w.lane)
      this.waiters.sort((a, b) => rank(a) - rank(b))
    }
    while (this.waiters.length > 0) {
      const next = this.waiters[0] as Waiter<K, P>
      if (!this.grantable(next.lane)) return
      this.waiters.shift()
      this.held += 1
      this.peak = Math.max(this.peak, this.held)
      next.grant(true)
    }
  }

  private grantable(lane: Lane<K, P>): boolean {
    if (this.order === 'any' || lane === this.lanes[0]) return this.held < this.bound
    return this.held < this.bound - 1
  }
}
