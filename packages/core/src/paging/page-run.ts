/**
 * One run of a listing: fetches pages in order through the adapter's `FetchPage`, ahead of the
 * consumer when asked (prefetch, concurrency), and guards the loop: cycles, pages that do not
 * advance, endless empty pages, duplicates from shifting page numbers, aborts. Every error it
 * raises carries the checkpoint of the first page not yet delivered.
 */
import * as E from 'fp-ts/lib/Either.js'
import { PaymuxError, isPaymuxError } from '../errors.ts'
import { safeCall } from '../hooks.ts'
import { canonicalJson, encodeCheckpoint, type CheckpointScope } from './checkpoint.ts'
import { RunMeter, abortedListing, onAbort } from './run-meter.ts'
import { IdSet } from './id-set.ts'
import { SeenPositions } from './seen-positions.ts'
import type { FetchPage, ListingSummary, Page, PageResult, PagingHooks, Position, RequestCounters } from './types.ts'

export interface RunOptions<T> {
  readonly scope: CheckpointScope
  readonly fetchPage: FetchPage<T>
  readonly start: Position | null
  readonly signal: AbortSignal | undefined
  readonly maxPages: number
  readonly prefetch: number
  readonly concurrency: number
  /** Ids of delivered objects: each id is delivered at most once in the run (repeats go to `onDrift`). */
  readonly idOf: ((item: T) => string) | undefined
  /** Pages in a row that claim more but bring no new object (empty, or only repeats) before the run fails. */
  readonly maxEmptyPages: number
  /**
   * Page-number listings: a page that brings only objects already delivered is the provider
   * serving a page twice (its page numbers no longer line up), and fails the run at once.
   */
  readonly repeatedPageFails: boolean
  /** Client-side filter, applied after repeats are dropped (so filtered pages still count as progress). */
  readonly keep: ((item: T) => boolean) | undefined
  readonly hooks: PagingHooks | undefined
  readonly onSummary: ((summary: ListingSummary) => void) | undefined
  readonly counters: RequestCounters | undefined
  /**
   * The id set to record delivered ids in, when the run is one part of a larger run (a merged
   * listing's providers share one, keyed by global id); a run of its own keeps its own.
   */
  readonly ids?: IdSet | undefined
}

interface Slot<T> {
  readonly at: Position | null
  readonly controller: AbortController
  readonly result: Promise<E.Either<PaymuxError, PageResult<T>>>
}

const keyOf = (at: Position | null): string => (at === null ? '<start>' : canonicalJson(at))

export class PageRun<T> {
  /** Fetches started and not yet delivered, in delivery order. */
  private readonly slots: Slot<T>[] = []
  /**
   * Positions to fetch after the last slot, in order; `undefined` while unknown (a cursor is
   * only known once the page before it has arrived).
   */
  private frontier: (Position | null)[] | undefined
  /** Positions fetched (never fetch one twice) and delivered (cycle guard), in bounded memory. */
  private readonly started = new SeenPositions()
  private readonly accepted = new SeenPositions()
  /** Every id delivered in this run (compact: see id-set.ts). */
  private ids: IdSet
  private delivered = 0
  private emptyStreak = 0
  private repeatStreak = 0
  private lastTotal: number | null = null
  private finished = false
  /** True while the consumer awaits a page: it may then have one more page in flight. */
  private waiting = false
  private readonly unlink: () => void
  private readonly o: RunOptions<T>
  private readonly meter: RunMeter
  private items = 0
  /** Checkpoint after the last delivered page (null before the first: resume from the start). */
  private resumeAt: string | null = null
  private positionAfter: Position | null = null

  constructor(o: RunOptions<T>) {
    this.o = o
    this.ids = o.ids ?? new IdSet()
    this.frontier = [o.start]
    this.meter = new RunMeter(o.counters)
    this.resumeAt = this.checkpoint(o.start)
    // An abort releases the fetches in flight at once; the waiting `next()` then reports it.
    this.unlink = onAbort(o.signal, () => this.abortInFlight())
  }

  /**
   * The raw position after the last page delivered (null: at the start, or complete): what a
   * composite listing records of this run, as plain JSON, instead of the page's checkpoint.
   */
  get after(): Position | null {
    return this.positionAfter
  }

  /** Next page in order, or null when the listing is complete. Rejects with a `PaymuxError`. */
  async next(): Promise<Page<T> | null> {
    if (this.finished) return null
    const at = this.slots[0]?.at ?? this.frontier?.[0] ?? null
    if (this.o.signal?.aborted) throw this.fail(this.abortError(), at)
    this.waiting = true
    this.fill()
    const slot = this.slots[0]
    if (!slot) throw this.fail(new PaymuxError({ kind: 'pagination', message: 'no page position to fetch' }), at)
    const outcome = await slot.result
    this.waiting = false
    if (this.o.signal?.aborted && !this.finished) throw this.fail(this.abortError(), slot.at)
    if (this.finished) return null
    if (E.isLeft(outcome)) throw this.fail(outcome.left, slot.at)
    this.slots.shift()
    return this.accept(slot.at, outcome.right)
  }

  /** Releases everything: aborts fetches in flight and drops buffered pages. */
  stop(outcome: ListingSummary['outcome'] = 'stopped'): void {
    if (this.finished) return
    this.finished = true
    this.summarize(outcome)
    this.unlink()
    this.abortInFlight()
    this.slots.length = 0
    this.frontier = []
    // Drops this run's reference only: a shared set belongs to the run that gave it.
    this.ids = new IdSet(1)
  }

  private summarize(outcome: ListingSummary['outcome']): void {
    if (!this.o.onSummary) return
    const tally = { outcome, pages: this.delivered, items: this.items, checkpoint: this.resumeAt }
    safeCall(this.o.onSummary, this.meter.summary(this.o.scope, tally))
  }

  private abortInFlight(): void {
    for (const s of this.slots) s.controller.abort()
  }

  /** Pages that may be in flight or buffered: the consumer's own plus `prefetch` / `concurrency`. */
  private limit(): number {
    const ahead = Math.max(this.o.prefetch, this.o.concurrency - 1)
    return Math.min(ahead + (this.waiting ? 1 : 0), this.o.maxPages - this.delivered)
  }

  /** Starts fetches while there is room and a position is known. */
  private fill(): void {
    while (!this.finished && this.slots.length < this.limit() && this.frontier && this.frontier.length > 0) {
      this.start(this.frontier.shift() as Position | null)
      if (this.frontier.length === 0) this.frontier = undefined
    }
  }

  private start(at: Position | null): void {
    const controller = new AbortController()
    this.started.add(keyOf(at))
    const result = this.o
      .fetchPage({ at, signal: controller.signal })()
      .catch((cause: unknown) =>
        // A FetchPage must not reject, but a buggy adapter must not crash the consumer either.
        E.left(
          isPaymuxError(cause)
            ? cause
            : new PaymuxError({ kind: 'pagination', message: 'page fetch threw unexpectedly', cause }),
        ),
      )
    const slot: Slot<T> = { at, controller, result }
    this.slots.push(slot)
    void result.then((r) => this.settled(slot, r))
  }

  /** A fetch arrived: if it was the last one started, its `next` tells where to continue. */
  private settled(slot: Slot<T>, r: E.Either<PaymuxError, PageResult<T>>): void {
    if (this.finished || E.isLeft(r) || this.frontier !== undefined) return
    if (this.slots[this.slots.length - 1] !== slot) return
    this.frontier = this.unstarted(r.right)
    this.fill()
  }

  /** `next` and `following` of a page, minus positions already started (never fetched twice). */
  private unstarted(r: PageResult<T>): Position[] {
    if (r.next === null) return []
    return [r.next, ...(r.following ?? [])].filter((p) => !this.started.has(keyOf(p)))
  }

  private accept(at: Position | null, r: PageResult<T>): Page<T> {
    const index = this.delivered
    this.checkAdvance(at, r)
    this.reconcile(r)

    const { items: fresh, suppressed } = this.suppressDuplicates(r.items)
    this.checkProgress(at, r, fresh.length, suppressed)
    this.reportDrift(index, r.total, suppressed)
    const items = this.o.keep ? fresh.filter(this.o.keep) : fresh

    this.delivered += 1
    this.items += items.length
    const page: Page<T> = {
      items,
      hasMore: r.next !== null,
      checkpoint: r.next === null ? null : this.checkpoint(r.next),
      total: r.total,
    }
    this.resumeAt = page.checkpoint
    this.positionAfter = r.next
    if (r.next === null) this.stop('complete')
    else if (this.delivered >= this.o.maxPages) this.stop('stopped')
    else this.fill()
    safeCall(this.o.hooks?.onPage, {
      provider: this.o.scope.provider,
      resource: this.o.scope.resource,
      index,
      items: items.length,
      total: r.total,
      checkpoint: page.checkpoint,
    })
    return page
  }

  private checkpoint(at: Position | null): string {
    return encodeCheckpoint(this.o.scope, at)
  }

  private fail(error: PaymuxError, at: Position | null): PaymuxError {
    this.resumeAt = this.checkpoint(at)
    this.stop('failed')
    // Say which page failed (1-based within this run); the checkpoint resumes exactly there.
    const where = `page ${this.delivered + 1} of this ${this.o.scope.resource} listing`
    return error.with({
      checkpoint: this.resumeAt,
      provider: error.provider ?? this.o.scope.provider,
      message: `${error.message} (${where}; resume with error.checkpoint)`,
    })
  }

  private abortError(): PaymuxError {
    return abortedListing(this.o.scope, this.o.signal)
  }

  /** Cycle, no-progress and endless-empty-page detection. */
  private checkAdvance(at: Position | null, r: PageResult<T>): void {
    this.accepted.add(keyOf(at))
    if (r.next !== null && this.accepted.has(keyOf(r.next))) {
      throw this.fail(
        new PaymuxError({
          kind: 'pagination',
          message: `${this.o.scope.resource} listing does not advance: position ${keyOf(r.next)} was already fetched in this run`,
        }),
        at,
      )
    }
  }

  /**
   * Progress is counted in new objects (issue 12, guarantee 1): a page of repeats is no more
   * progress than an empty page, so a provider answering the same page forever is stopped too.
   */
  private checkProgress(at: Position | null, r: PageResult<T>, fresh: number, repeated: number): void {
    if (this.o.repeatedPageFails && fresh === 0 && repeated > 0) {
      throw this.fail(
        new PaymuxError({
          kind: 'pagination',
          message: `${this.o.scope.resource} page at position ${keyOf(at)} repeats ${repeated} objects already delivered and none new: the provider served a page twice (its page numbers shifted or loop)`,
        }),
        at,
      )
    }
    this.emptyStreak = fresh === 0 && r.next !== null ? this.emptyStreak + 1 : 0
    this.repeatStreak = this.emptyStreak === 0 ? 0 : this.repeatStreak + (repeated > 0 ? 1 : 0)
    if (this.emptyStreak > this.o.maxEmptyPages) {
      const what =
        this.repeatStreak > 0
          ? `${this.repeatStreak} of them only repeating objects already delivered`
          : 'all of them empty'
      throw this.fail(
        new PaymuxError({
          kind: 'pagination',
          message: `${this.o.scope.resource} listing makes no progress: ${this.emptyStreak} pages in a row claim more but bring no new object (${what})`,
        }),
        r.next,
      )
    }
  }

  /**
   * Makes the fetches already started agree with what this page says comes next. A speculative
   * fetch at the wrong position (the list changed shape) is aborted and the rest rescheduled.
   */
  private reconcile(r: PageResult<T>): void {
    if (r.next === null) return
    const upcoming = this.slots[0]?.at ?? this.frontier?.[0]
    if (upcoming !== undefined && keyOf(upcoming) === keyOf(r.next)) return
    if (upcoming === undefined && this.slots.length === 0) {
      this.frontier = this.unstarted(r)
      if (this.frontier.length === 0) this.frontier = [r.next]
      return
    }
    this.abortInFlight()
    this.slots.length = 0
    this.frontier = [r.next, ...(r.following ?? [])]
  }

  /** Drops items this run already delivered (page-number drift, a provider repeating itself). */
  private suppressDuplicates(items: readonly T[]): { items: readonly T[]; suppressed: number } {
    const idOf = this.o.idOf
    if (!idOf) return { items, suppressed: 0 }
    let kept: T[] | null = null
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as T
      const fresh = this.ids.add(idOf(item))
      if (!fresh && kept === null) kept = items.slice(0, i)
      else if (fresh && kept !== null) kept.push(item)
    }
    return kept === null ? { items, suppressed: 0 } : { items: kept, suppressed: items.length - kept.length }
  }

  private reportDrift(index: number, total: number | null, suppressed: number): void {
    const previous = this.lastTotal
    if (total !== null) this.lastTotal = total
    const totalChanged = previous !== null && total !== null && previous !== total
    if (!totalChanged && suppressed === 0) return
    safeCall(this.o.hooks?.onDrift, {
      provider: this.o.scope.provider,
      resource: this.o.scope.resource,
      previousTotal: previous ?? total ?? 0,
      total: total ?? previous ?? 0,
      index,
      suppressed,
    })
  }
}

export type { DriftInfo, ListingSummary, PageInfo, PagingHooks, RequestCounters } from './types.ts'
