/**
 * One run of a merged listing: a k-way merge, newest first (`createdAt` desc, ties by provider,
 * then the provider's own order), over one `PageRun` per provider. Each provider's run is the
 * same run, with the same guards, as its plain listing (cycles, pages without new objects,
 * repeated pages), over the provider's `FetchPage`; this run owns everything else, once for all
 * of them: one id set keyed by global id (each object at most once in the whole run), the abort,
 * `maxPages`, the stop, one summary, and the plain-JSON merged position (merge-position.ts).
 *
 * Each provider holds at most its current page (plus `prefetch` pages) and one request in flight.
 * Every page's checkpoint, and every error's, resumes exactly after what the consumer got.
 */
import { PaymuxError, isPaymuxError } from '../errors.ts'
import { safeCall } from '../hooks.ts'
import { encodeCheckpoint, type CheckpointScope } from '../paging/checkpoint.ts'
import { IdSet } from '../paging/id-set.ts'
import { PageRun } from '../paging/page-run.ts'
import { RunMeter, abortedListing, onAbort } from '../paging/run-meter.ts'
import type { PageSource } from '../paging/run-paginator.ts'
import type { ListingSummary, Page, Position, RequestCounters } from '../paging/types.ts'
import { formatGlobalId } from './global-id.ts'
import { resumeIndex, type Delivered, type MergePosition, type PageStart, type PartState } from './merge-position.ts'
import type { Mergeable, MergeSource } from './merge-sources.ts'

/** Pages in a row without a new object before a provider's part fails (as in a plain listing). */
const MAX_EMPTY_PAGES = 10

export interface MergeRunOptions<T> {
  /** The merged listing's scope (`paymux`, the resource, the filters and the providers). */
  readonly scope: CheckpointScope
  readonly sources: readonly MergeSource<T>[]
  /** Per provider, where to start: its part of a checkpoint (positions already read), or from the start. */
  readonly start: ReadonlyMap<string, StartState>
  readonly pageSize: number
  /** Pages each provider's run fetches ahead of the merge. */
  readonly prefetch: number
  readonly maxPages: number
  readonly signal: AbortSignal | undefined
  readonly onSummary: ((summary: ListingSummary) => void) | undefined
}

/** A part of a checkpoint, read: `done`, or the raw position of its page (null: the first) and what was delivered of it. */
export type StartState = 'done' | { readonly at: Position | null; readonly skip: number; readonly last?: string }

/** One provider in the merge: its run, the page being merged, and where that page starts. */
class Part<T extends Mergeable> {
  readonly source: MergeSource<T>
  private readonly run: PageRun<T> | null
  private items: readonly T[] = []
  private index = 0
  /** Raw position of the page being merged; null: the provider's first page. */
  private pageStart: Position | null
  private loaded = false
  private done: boolean
  private pending: Delivered | null
  /** Id of the last object this part delivered (kept in checkpoints: `resumeIndex`). */
  private last: string | undefined

  constructor(source: MergeSource<T>, start: StartState, ids: IdSet, prefetch: number) {
    this.source = source
    this.done = start === 'done'
    this.pageStart = start === 'done' ? null : start.at
    this.pending =
      start === 'done' ? null : { skip: start.skip, ...(start.last === undefined ? {} : { last: start.last }) }
    this.last = start === 'done' ? undefined : start.last
    this.run =
      start === 'done'
        ? null
        : new PageRun<T>({
            scope: source.scope,
            fetchPage: source.fetchPage,
            start: start.at,
            // The merged run aborts, stops and reports for every provider.
            signal: undefined,
            maxPages: Number.POSITIVE_INFINITY,
            prefetch,
            concurrency: 1,
            idOf: (item) => formatGlobalId(source.provider, item.id),
            maxEmptyPages: MAX_EMPTY_PAGES,
            repeatedPageFails: source.repeatedPageFails,
            keep: source.keep,
            hooks: source.hooks,
            onSummary: undefined,
            counters: undefined,
            ids,
          })
  }

  head(): T | undefined {
    return this.items[this.index]
  }

  take(): T {
    const item = this.items[this.index++] as T
    this.last = item.id
    return item
  }

  needsPage(): boolean {
    return !this.done && this.index >= this.items.length
  }

  /** Loads the provider's next page; on a resumed part's first page, skips what was delivered before. */
  async load(): Promise<void> {
    const run = this.run as PageRun<T>
    const start = this.loaded ? run.after : this.pageStart
    const page = await run.next()
    if (page === null) {
      this.done = true
      this.items = []
      this.index = 0
      return
    }
    this.loaded = true
    this.pageStart = start
    this.items = page.items
    this.index = this.pending === null ? 0 : resumeIndex(page.items, this.pending)
    this.pending = null
    if (this.index >= this.items.length && page.checkpoint === null) this.done = true
  }

  state(): PartState {
    if (this.done && this.index >= this.items.length) return 'done'
    // Not loaded yet: the part of the checkpoint it started from, unchanged.
    const done: Delivered =
      !this.loaded && this.pending !== null
        ? this.pending
        : { skip: this.index, ...(this.last === undefined ? {} : { last: this.last }) }
    const start: PageStart | null = this.pageStart === null ? null : this.source.startOf(this.pageStart)
    return start === null ? { ...done } : { ...start, ...done }
  }

  stop(): void {
    this.run?.stop()
  }
}

const newer = (a: Mergeable, b: Mergeable): boolean => {
  const d = a.createdAt.getTime() - b.createdAt.getTime()
  if (d !== 0) return d > 0
  return a.provider < b.provider
}

/** Sums the providers' request counters; none when a provider does not count its requests. */
const sumCounters = (
  sources: readonly { readonly counters: RequestCounters | undefined }[],
): RequestCounters | undefined => {
  const all = sources.map((s) => s.counters)
  if (all.length === 0 || all.some((c) => c === undefined)) return undefined
  return () => {
    const total = { requests: 0, retries: 0, waitedMs: 0 }
    for (const c of all as RequestCounters[]) {
      const now = c()
      total.requests += now.requests
      total.retries += now.retries
      total.waitedMs += now.waitedMs
    }
    return total
  }
}

export class MergeRun<T extends Mergeable> implements PageSource<T> {
  private readonly o: MergeRunOptions<T>
  private readonly parts: Part<T>[]
  /** Every id delivered in this run, across providers, keyed by global id. */
  private readonly ids = new IdSet()
  private readonly meter: RunMeter
  private readonly unlink: () => void
  private finished = false
  private delivered = 0
  private items = 0
  /** Checkpoint after the last page delivered (the start's before the first). */
  private resumeAt: string
  private failure: PaymuxError | null = null

  constructor(o: MergeRunOptions<T>) {
    this.o = o
    this.parts = o.sources.map(
      (s) => new Part(s, o.start.get(s.provider) ?? { at: null, skip: 0 }, this.ids, o.prefetch),
    )
    this.meter = new RunMeter(sumCounters(o.sources))
    this.resumeAt = this.checkpoint(this.position())
    this.unlink = onAbort(o.signal, () => this.fail(abortedListing(o.scope, o.signal)))
  }

  /** The next merged page, or null when every provider is done. Rejects with a `PaymuxError` carrying the checkpoint. */
  async next(): Promise<Page<T> | null> {
    if (this.failure) throw this.failure
    if (this.finished) return null
    if (this.o.signal?.aborted) throw this.fail(abortedListing(this.o.scope, this.o.signal))
    try {
      const items: T[] = []
      while (items.length < this.o.pageSize) {
        await this.refill()
        if (this.finished) break
        let best: Part<T> | undefined
        for (const p of this.parts) {
          const h = p.head()
          const b = best?.head()
          if (h !== undefined && (b === undefined || newer(h, b))) best = p
        }
        if (!best) break
        items.push(best.take())
      }
      // Loads the pages that come next, so the last page already says the listing is complete.
      await this.refill()
      if (this.failure) throw this.failure
      if (this.finished) return null
      return this.deliver(items)
    } catch (e) {
      throw this.fail(
        isPaymuxError(e) ? e : new PaymuxError({ kind: 'pagination', message: 'merged listing failed', cause: e }),
      )
    }
  }

  /** Ends the run: stops every provider's run (aborting its request in flight). */
  stop(outcome: ListingSummary['outcome'] = 'stopped'): void {
    if (this.finished) return
    this.finished = true
    this.unlink()
    for (const p of this.parts) p.stop()
    if (this.o.onSummary) {
      const tally = { outcome, pages: this.delivered, items: this.items, checkpoint: this.resumeAt }
      safeCall(this.o.onSummary, this.meter.summary(this.o.scope, tally))
    }
  }

  /** Fills every provider that needs a page, all at once (one request per provider). */
  private async refill(): Promise<void> {
    for (;;) {
      const needy = this.parts.filter((p) => p.needsPage())
      if (needy.length === 0 || this.finished) return
      await Promise.all(needy.map((p) => p.load()))
      if (this.failure) throw this.failure
    }
  }

  private deliver(items: readonly T[]): Page<T> {
    const position = this.position()
    const complete = Object.values(position.providers).every((s) => s === 'done')
    const checkpoint = complete ? null : this.checkpoint(position)
    this.delivered += 1
    this.items += items.length
    if (checkpoint !== null) this.resumeAt = checkpoint
    if (complete) this.stop('complete')
    else if (this.delivered >= this.o.maxPages) this.stop('stopped')
    return { items, hasMore: !complete, checkpoint, total: null }
  }

  private position(): MergePosition {
    return { providers: Object.fromEntries(this.parts.map((p) => [p.source.provider, p.state()])) }
  }

  private checkpoint(position: MergePosition): string {
    return encodeCheckpoint(this.o.scope, position as unknown as Position)
  }

  /**
   * Fails the run, once: the error carries the checkpoint after the last page delivered (which
   * resumes every provider where the consumer stood), whichever provider failed.
   */
  private fail(error: PaymuxError): PaymuxError {
    if (this.failure) return this.failure
    this.failure = error.with({ checkpoint: this.resumeAt, provider: error.provider ?? this.o.scope.provider })
    this.stop('failed')
    return this.failure
  }
}
