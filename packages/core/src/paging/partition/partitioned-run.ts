/**
 * One run of a partitioned listing: a worker per window pages through the window's own run (a
 * `PageRun` over the adapter's `FetchPage` for the window, its `created` filter path), keeps what the window still owns, and hands pages to
 * the merge buffer; when fewer than `partitions` windows run, pending windows of a resumed run
 * start first, then the largest window that has shown data is split (`windows.ts`).
 *
 * What has been delivered is tracked per window (the raw position of its listing after the last
 * page the consumer took), so every page's checkpoint, and every error's, resumes exactly after what the consumer
 * got: pages fetched but still buffered are fetched again, never lost, never repeated.
 */
import { PaymuxError, isPaymuxError } from '../../errors.ts'
import { safeCall } from '../../hooks.ts'
import type { CheckpointScope } from '../checkpoint.ts'
import type { ListingSummary, PagingHooks, RequestCounters } from '../types.ts'
import { RunMeter, abortedListing, onAbort } from '../run-meter.ts'
import type { Checkpoint, Page, Position } from '../types.ts'
import { IdSet } from '../id-set.ts'
import { CutObjects, assumptionError, checkWindowPage } from './assumptions.ts'
import { encodeComposite, type WindowCheckpoint } from './composite-checkpoint.ts'
import type { CreatedWindow } from './created-range.ts'
import { MergeBuffer } from './merge-buffer.ts'
import type { ListingOrder } from './options.ts'
import {
  byRangeDescending,
  largestSplittable,
  ownedPart,
  splitWindow,
  worthSplitting,
  type PartitionWindow,
} from './windows.ts'

/** How the windows of a partitioned run went (in `onSummary`'s summary as `partitioned`). */
export interface PartitionStats {
  /** Windows listed in all, including the first and those of a resumed checkpoint. */
  readonly windows: number
  /** Windows that held no object. */
  readonly emptyWindows: number
  /** Objects a window fetched after a split had given them to a newer window (listed there). */
  readonly droppedItems: number
  /** Most pages fetched or in flight and not yet taken by the consumer at once (at most the buffer bound). */
  readonly peakBufferedPages: number
}

/** The summary of a partitioned run: an ordinary `ListingSummary` plus its windows' stats. */
export interface PartitionedListingSummary extends ListingSummary {
  readonly partitioned: PartitionStats
}

export interface PartitionedRunOptions<T> {
  /** Scope of the unpartitioned listing with the same filters. */
  readonly scope: CheckpointScope
  readonly partitions: number
  readonly order: ListingOrder
  readonly bufferPages: number
  /** Start of the listing's `created` range, in Unix seconds (windows above it overlap by a second). */
  readonly rangeFrom: number
  /** Where the run starts: one window over the whole range, or a checkpoint's windows. */
  readonly windows: readonly WindowCheckpoint[]
  /** Starts the window's own run at `at` (a raw position of its `FetchPage`; null: its start). */
  readonly openWindow: (window: CreatedWindow, at: Position | null) => WindowRun<T>
  readonly createdOf: (item: T) => number
  /** Each id is delivered at most once in the whole run, across windows (issue 12, guarantee 2). */
  readonly idOf: (item: T) => string
  /**
   * True when the run starts from the beginning (no checkpoint): only then has it seen every
   * window below a cut, so only then can it tell that an object cut off was never delivered.
   */
  readonly fromStart: boolean
  readonly signal: AbortSignal | undefined
  readonly maxPages: number
  readonly hooks: PagingHooks | undefined
  readonly onSummary: ((summary: PartitionedListingSummary) => void) | undefined
  readonly counters: RequestCounters | undefined
}

/** A window's own run (a `PageRun`): its pages in order, and the raw position after the last one. */
export interface WindowRun<T> {
  next(): Promise<Page<T> | null>
  stop(): void
  readonly after: Position | null
}

interface RunWindow extends PartitionWindow {
  /** Position of the window's own listing after its last page the consumer took; null: from its start. */
  at: Position | null
  state: 'pending' | 'running' | 'ended'
  fetched: number
  /** `created` of the newest object it owns (the density estimate of `worthSplitting`). */
  top: number | null
  /** `created` of the last object the window's listing brought (newest-first check). */
  last: number | null
  /** Objects its listing brought created exactly at `gte` (the overlap second: `gteEvidence`). */
  atGte: number
  /** Its listing got down to `gte` (ended, or crossed its original floor `gte + 1`). */
  reachedGte: boolean
  /** Closes the window's listing, aborting its request in flight. */
  close: () => void
}

interface BufferedPage<T> {
  readonly items: readonly T[]
  /** The window's position once this page is delivered. */
  readonly at: Position | null
  /** The window has nothing after this page. */
  readonly last: boolean
}

/** A window as a run tracks it, not started yet. */
const runWindow = (w: PartitionWindow, at: Position | null): RunWindow => ({
  ...w,
  at,
  state: 'pending',
  fetched: 0,
  top: null,
  last: null,
  atGte: 0,
  reachedGte: false,
  close: () => undefined,
})

/** Objects below its floor a cut window reads (at least) as evidence for the cut check. */
const CUT_EVIDENCE = 100
/** Pages past its end a cut window may read for that evidence. */
const CUT_EVIDENCE_PAGES = 10
/**
 * Pages of objects a window must be expected to still hold to be split. Splitting one that holds
 * fewer cost the bench's 50,000-intent run 9 of its 29 requests beyond the 500 pages (and 180 of
 * its 428 dropped objects): near the end of a run, free slots kept splitting windows a page or
 * two from their end into windows of a handful of objects each (bench/README.md, "Partitioned listing").
 */
const MIN_SPLIT_PAGES = 2

/** A bound for messages; never throws (a bound outside the Date range is shown as seconds). */
const iso = (s: number | null): string => {
  if (s === null) return 'now'
  const d = new Date(s * 1000)
  return Number.isNaN(d.getTime()) ? `${s} s` : d.toISOString()
}

export class PartitionedRun<T> {
  private readonly o: PartitionedRunOptions<T>
  private readonly buffer: MergeBuffer<RunWindow, BufferedPage<T>>
  /** Windows not yet fully delivered: what a checkpoint lists. */
  private readonly live = new Set<RunWindow>()
  private begun = false
  private finished = false
  private failure: PaymuxError | null = null
  private delivered = 0
  private items = 0
  private windowsStarted = 0
  private emptyWindows = 0
  private droppedItems = 0
  /** Every id delivered in this run, across windows. */
  private readonly ids = new IdSet()
  private readonly cut = new CutObjects()
  /** Windows that ask for one second below their floor, and per such second the objects delivered at it. */
  private readonly overlapping: RunWindow[] = []
  private readonly overlapSeconds = new Map<number, number>()
  /** The largest page a window's listing brought: the provider's page size, as far as the run knows. */
  private pageSize = 0
  /** Cut evidence still being read (`moreCutEvidence`); settles, never rejects. */
  private readonly evidence = new Set<Promise<void>>()
  private readonly meter: RunMeter
  private readonly unlink: () => void

  constructor(o: PartitionedRunOptions<T>) {
    this.o = o
    this.buffer = new MergeBuffer(o.order, o.bufferPages)
    this.meter = new RunMeter(o.counters)
    for (const w of o.windows) {
      const window = runWindow({ ...w, seen: null }, w.at)
      this.live.add(window)
      this.buffer.add(window)
    }
    this.unlink = onAbort(o.signal, () => this.fail(this.abortError()))
  }

  /** Next page, or null when the run is over. Rejects with a `PaymuxError` carrying the checkpoint. */
  async next(): Promise<Page<T> | null> {
    if (this.failure) throw this.failure
    if (this.finished) return null
    if (this.o.signal?.aborted) {
      this.fail(this.abortError())
      throw this.failure
    }
    if (!this.begun) {
      this.begun = true
      this.refill()
    }
    const got = await this.buffer.take()
    if (this.failure) throw this.failure
    if (this.finished) return null
    // got null: every window is delivered, but the last page said "more" while other windows
    // were still listing: end with an empty page, so the final checkpoint is null as in any listing.
    const ends = got !== null && (got.page.last || !this.buffer.has(got.key))
    if (this.evidence.size > 0 && (got === null ? this.live.size === 0 : ends && this.live.size === 1)) {
      // The run's last page: the cut check needs the evidence still being read. Its window stays
      // live, at its position before this page, until then: if reading the evidence fails, the
      // error's checkpoint must still list this page's objects (it listed none once, and they
      // were lost).
      await Promise.all(this.evidence)
      if (this.failure) throw this.failure
      if (this.finished) return null
    }
    if (got !== null) {
      got.key.at = got.page.at
      if (ends) this.live.delete(got.key)
    }
    return this.deliver(got === null ? [] : got.page.items)
  }

  /** Ends the run: aborts every window's request in flight and drops buffered pages. */
  stop(outcome: ListingSummary['outcome'] = 'stopped'): void {
    if (this.finished) return
    this.finished = true
    this.unlink()
    this.buffer.close()
    for (const w of this.live) w.close()
    this.summarize(outcome)
  }

  /**
   * The objects of a window's page not delivered before in this run (a provider whose windows
   * overlap, or that repeats itself); the repeats are dropped and reported to `onDrift`.
   */
  private firstTime(items: readonly T[]): readonly T[] {
    const fresh = items.filter((item) => this.ids.add(this.o.idOf(item)))
    if (this.overlapSeconds.size > 0) {
      for (const item of fresh) {
        const created = this.o.createdOf(item)
        const count = this.overlapSeconds.get(created)
        if (count !== undefined) this.overlapSeconds.set(created, count + 1)
      }
    }
    if (fresh.length < items.length) {
      safeCall(this.o.hooks?.onDrift, {
        provider: this.o.scope.provider,
        resource: this.o.scope.resource,
        previousTotal: 0,
        total: 0,
        index: this.delivered,
        suppressed: items.length - fresh.length,
      })
    }
    return fresh.length === items.length ? items : fresh
  }

  private deliver(items: readonly T[]): Page<T> {
    const checkpoint = this.live.size === 0 ? null : this.checkpoint()
    if (checkpoint === null && this.o.fromStart) {
      // The listing is complete: every object cut off above must have come from a window below.
      const lost = this.cut.check((id) => this.ids.has(id)) ?? this.gteEvidence()
      if (lost) {
        this.fail(lost)
        throw this.failure
      }
    }
    const index = this.delivered
    this.delivered += 1
    this.items += items.length
    if (checkpoint === null) this.stop('complete')
    else if (this.delivered >= this.o.maxPages) this.stop('stopped')
    safeCall(this.o.hooks?.onPage, {
      provider: this.o.scope.provider,
      resource: this.o.scope.resource,
      index,
      items: items.length,
      total: null,
      checkpoint,
    })
    return { items, hasMore: checkpoint !== null, checkpoint, total: null }
  }

  private checkpoint(): Checkpoint {
    const windows = [...this.live]
      .sort(byRangeDescending)
      .map((w): WindowCheckpoint => ({ gte: w.gte, lt: w.lt, floor: w.floor, at: w.at }))
    return encodeComposite(this.o.scope, windows)
  }

  /** Starts pending windows (newest first), then splits, until `partitions` windows run. */
  private refill(): void {
    if (this.finished) return
    const running = () => [...this.live].filter((w) => w.state === 'running')
    let count = running().length
    for (const w of [...this.live].sort(byRangeDescending)) {
      if (count >= this.o.partitions) return
      if (w.state !== 'pending') continue
      this.start(w)
      count += 1
    }
    while (count < this.o.partitions) {
      // Windows expected to hold too little to gain from a split are listed to their end instead.
      const parent = largestSplittable(running().filter((w) => worthSplitting(w, this.pageSize, MIN_SPLIT_PAGES)))
      if (parent === null) return
      const lower = runWindow(splitWindow(parent, this.o.rangeFrom), null)
      if (lower.gte < lower.floor) {
        this.overlapping.push(lower)
        this.overlapSeconds.set(lower.gte, this.overlapSeconds.get(lower.gte) ?? 0)
      }
      this.live.add(lower)
      this.buffer.add(lower, parent)
      this.start(lower)
      count += 1
    }
  }

  private start(w: RunWindow): void {
    w.state = 'running'
    this.windowsStarted += 1
    this.work(w).catch((e: unknown) => this.fail(this.windowError(e), w))
  }

  private async work(w: RunWindow): Promise<void> {
    const filter: CreatedWindow = w.lt === null ? { gte: w.gte } : { gte: w.gte, lt: w.lt }
    const run = this.o.openWindow(filter, w.at)
    w.close = () => run.stop()
    try {
      while (await this.buffer.acquire(w)) {
        const page = await run.next()
        if (this.finished) return
        if (page === null) {
          w.reachedGte = true
          this.buffer.release()
          return this.windowEnded(w)
        }
        const raw = page.items
        if (raw.length > this.pageSize) this.pageSize = raw.length
        const broken = checkWindowPage(w, raw, this.o.createdOf, this.o.idOf)
        if (broken) throw broken
        this.countAtGte(w, raw)
        const owned = ownedPart(raw, w.floor, this.o.createdOf)
        if (!page.hasMore || (owned.ended && w.floor === w.gte + 1)) w.reachedGte = true
        this.droppedItems += raw.length - owned.items.length
        if (owned.ended) this.cut.add(raw.slice(owned.items.length), this.o.createdOf, this.o.idOf)
        const last = owned.ended || !page.hasMore
        if (owned.items.length > 0) {
          if (w.top === null) w.top = this.o.createdOf(owned.items[0] as T)
          w.seen = this.o.createdOf(owned.items[owned.items.length - 1] as T)
          w.fetched += owned.items.length
          this.buffer.put(w, { items: this.firstTime(owned.items), at: run.after, last })
        } else {
          this.buffer.release()
        }
        // Synchronously after the page is queued: the consumer must never see a window's last
        // page while the window still looks unfinished (its checkpoint would list it again).
        if (last) {
          const cutOff = raw.length - owned.items.length
          if (owned.ended && page.hasMore && this.o.fromStart) await this.moreCutEvidence(w, run, cutOff)
          return this.windowEnded(w)
        }
        this.refill()
      }
    } finally {
      run.stop()
    }
  }

  /**
   * A window cut at its floor has listed a few objects of the windows below: the cut check's
   * evidence. A page that crossed the floor near its end brings only a handful, too few to catch
   * a provider whose filter misses one object in ten; so the window's listing reads on, past its
   * end, until it has CUT_EVIDENCE objects below its floor (at most CUT_EVIDENCE_PAGES more
   * pages, never delivered). Completion waits for it. A request that fails here, or a broken
   * assumption in what it reads, fails the run like any other window's.
   */
  private async moreCutEvidence(w: RunWindow, run: WindowRun<T>, have: number): Promise<void> {
    const gather = async () => {
      // Each read takes a permit like any fetch, so the buffer's bound holds for evidence too.
      for (let pages = 0; have < CUT_EVIDENCE && pages < CUT_EVIDENCE_PAGES; pages++) {
        if (!(await this.buffer.acquire(w))) return
        const page = await run.next().finally(() => this.buffer.release())
        if (page === null || this.finished) return
        const broken = checkWindowPage(w, page.items, this.o.createdOf, this.o.idOf)
        if (broken) throw broken
        this.countAtGte(w, page.items)
        this.cut.add(page.items, this.o.createdOf, this.o.idOf)
        have += page.items.length
        if (!page.hasMore) return
      }
    }
    const done = gather()
    const settled = done.then(
      () => undefined,
      () => undefined,
    )
    this.evidence.add(settled)
    try {
      await done
    } finally {
      this.evidence.delete(settled)
    }
  }

  private countAtGte(w: RunWindow, items: readonly T[]): void {
    for (const item of items) if (this.o.createdOf(item) === w.gte) w.atGte += 1
  }

  /**
   * The overlap second as evidence that `gte` is inclusive: a window that asked for
   * `created >= s` and listed down to `s` without an object created at `s`, while the run
   * delivered some, was served `created > s`.
   */
  private gteEvidence(): PaymuxError | null {
    for (const w of this.overlapping) {
      const delivered = this.overlapSeconds.get(w.gte) ?? 0
      if (!w.reachedGte || w.atGte > 0 || delivered === 0) continue
      return assumptionError(
        'its created[gte] filter is inclusive',
        `a window asked for created >= ${w.gte} and listed down to it without any of the ${delivered} objects created at ${w.gte}`,
      )
    }
    return null
  }

  private windowEnded(w: RunWindow): void {
    w.state = 'ended'
    if (w.fetched === 0) this.emptyWindows += 1
    this.buffer.finish(w)
    if (!this.buffer.has(w)) this.live.delete(w)
    this.refill()
  }

  /** Fails the run: the consumer gets `error` (now or at its next call) with the checkpoint. */
  private fail(error: PaymuxError, w?: RunWindow): void {
    if (this.finished) return
    const where = w === undefined ? '' : ` (window created ${iso(w.gte)} to ${iso(w.lt)} of a partitioned listing)`
    this.failure = error.with({
      checkpoint: this.checkpoint(),
      provider: error.provider ?? this.o.scope.provider,
      message: `${error.message}${where}`,
    })
    this.buffer.fail(this.failure)
    this.stop('failed')
  }

  private windowError(e: unknown): PaymuxError {
    return isPaymuxError(e)
      ? e
      : new PaymuxError({
          kind: 'pagination',
          message: 'a window of a partitioned listing failed unexpectedly',
          cause: e,
        })
  }

  private abortError(): PaymuxError {
    return abortedListing(this.o.scope, this.o.signal)
  }

  private summarize(outcome: ListingSummary['outcome']): void {
    if (!this.o.onSummary) return
    const checkpoint = outcome === 'complete' ? null : (this.failure?.checkpoint ?? this.checkpoint())
    safeCall(this.o.onSummary, {
      ...this.meter.summary(this.o.scope, { outcome, pages: this.delivered, items: this.items, checkpoint }),
      partitioned: {
        windows: this.windowsStarted,
        emptyWindows: this.emptyWindows,
        droppedItems: this.droppedItems,
        peakBufferedPages: this.buffer.peakHeld,
      },
    })
  }
}
