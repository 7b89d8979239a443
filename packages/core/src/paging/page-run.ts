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
import type { FetchPage, Page, PageResult, Position } from './types.ts'

export interface PageInfo {
  readonly provider: string
  readonly resource: string
  /** 0-based index of the page within this run. */
  readonly index: number
  readonly items: number
  readonly total: number | null
  readonly checkpoint: string | null
}

export interface DriftInfo {
  readonly provider: string
  readonly resource: string
  readonly previousTotal: number
  readonly total: number
  readonly index: number
  /** Items dropped on this page because an earlier page already delivered them. */
  readonly suppressed: number
}

export interface PagingHooks {
  /** After each page is delivered. A throwing hook is ignored. */
  readonly onPage?: (info: PageInfo) => void
  /** When the provider's `total` changes between pages, or duplicates were suppressed. */
  readonly onDrift?: (info: DriftInfo) => void
}

export interface RunOptions<T> {
  readonly scope: CheckpointScope
  readonly fetchPage: FetchPage<T>
  readonly start: Position | null
  readonly signal: AbortSignal | undefined
  readonly maxPages: number
  readonly prefetch: number
  readonly concurrency: number
  readonly idOf: ((item: T) => string) | undefined
  readonly maxEmptyPages: number
  readonly hooks: PagingHooks | undefined
}

interface Slot<T> {
  readonly at: Position | null
  readonly controller: AbortController
  readonly result: Promise<E.Either<PaymuxError, PageResult<T>>>
}

const keyOf = (at: Position | null): string => (at === null ? '<start>' : canonicalJson(at))

export class PageRun<T> {
  private readonly slots: Slot<T>[] = []
  /** Positions known to follow the last scheduled slot, not yet started. */
  private known: (Position | null)[]
  /** True when the position after the last scheduled slot is not known yet (cursor paging). */
  private tailUnknown = false
  private readonly seen = new Set<string>()
  private recentIds: Set<string>[] = []
  private delivered = 0
  private emptyStreak = 0
  private lastTotal: number | null = null
  private finished = false
  private readonly window: number
  private readonly unlink: () => void
  private readonly o: RunOptions<T>

  constructor(o: RunOptions<T>) {
    this.o = o
    this.known = [o.start]
    this.window = Math.max(1, o.concurrency, o.prefetch + 1)
    const onAbort = () => this.stop()
    o.signal?.addEventListener('abort', onAbort, { once: true })
    this.unlink = () => o.signal?.removeEventListener('abort', onAbort)
  }

  /** Next page in order, or null when the listing is complete. Rejects with a `PaymuxError`. */
  async next(): Promise<Page<T> | null> {
    if (this.finished) return null
    const head = this.slots[0]
    const at = head ? head.at : (this.known[0] ?? null)
    if (this.o.signal?.aborted) throw this.fail(this.abortError(), at)
    // The consumer is waiting: one page for it plus the pages it may have ahead.
    this.fill(Math.max(this.o.prefetch + 1, this.o.concurrency))
    const slot = this.slots[0]
    if (!slot) throw this.fail(new PaymuxError({ kind: 'pagination', message: 'no page to fetch' }), at)
    const outcome = await slot.result
    if (this.finished) return null
    if (this.o.signal?.aborted) throw this.fail(this.abortError(), slot.at)
    if (E.isLeft(outcome)) throw this.fail(outcome.left, slot.at)
    this.slots.shift()
    return this.accept(slot.at, outcome.right)
  }

  /** Releases everything: aborts fetches in flight and drops buffered pages. */
  stop(): void {
    if (this.finished) return
    this.finished = true
    this.unlink()
    for (const s of this.slots) s.controller.abort()
    this.slots.length = 0
    this.known = []
    this.recentIds = []
  }

  private checkpoint(at: Position | null): string {
    return encodeCheckpoint(this.o.scope, at)
  }

  private fail(error: PaymuxError, at: Position | null): PaymuxError {
    this.stop()
    return error.with({ checkpoint: this.checkpoint(at), provider: error.provider ?? this.o.scope.provider })
  }

  private abortError(): PaymuxError {
    return new PaymuxError({
      kind: 'aborted',
      provider: this.o.scope.provider,
      message: `listing of ${this.o.scope.resource} was aborted`,
      cause: this.o.signal?.reason,
    })
  }

  /** Starts fetches while fewer than `limit` pages are in flight or buffered and a position is known. */
  private fill(limit: number): void {
    const remaining = this.o.maxPages - this.delivered
    while (this.slots.length < Math.min(limit, remaining) && this.known.length > 0 && !this.tailUnknown) {
      const at = this.known.shift() as Position | null
      this.start(at)
      if (this.known.length === 0) this.tailUnknown = true
    }
  }

  private start(at: Position | null): void {
    const controller = new AbortController()
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
    this.slots.push({ at, controller, result })
  }

  private accept(at: Position | null, r: PageResult<T>): Page<T> {
    const index = this.delivered
    this.checkAdvance(at, r)
    this.reconcile(r)

    const { items, suppressed } = this.suppressDuplicates(r.items)
    this.reportDrift(index, r.total, suppressed)

    this.delivered += 1
    const reachedMax = this.delivered >= this.o.maxPages
    const page: Page<T> = {
      items,
      hasMore: r.next !== null,
      checkpoint: r.next === null ? null : this.checkpoint(r.next),
      total: r.total,
    }
    if (r.next === null || reachedMax) this.stop()
    // The consumer now holds this page: only `prefetch` (or `concurrency`) pages may run ahead.
    else this.fill(Math.max(this.o.prefetch, this.o.concurrency))
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

  /** Cycle, no-progress and endless-empty-page detection. */
  private checkAdvance(at: Position | null, r: PageResult<T>): void {
    this.seen.add(keyOf(at))
    if (r.next !== null && this.seen.has(keyOf(r.next))) {
      throw this.fail(
        new PaymuxError({
          kind: 'pagination',
          message: `${this.o.scope.resource} listing does not advance: position ${keyOf(r.next)} was already fetched in this run`,
        }),
        at,
      )
    }
    this.emptyStreak = r.items.length === 0 && r.next !== null ? this.emptyStreak + 1 : 0
    if (this.emptyStreak > this.o.maxEmptyPages) {
      throw this.fail(
        new PaymuxError({
          kind: 'pagination',
          message: `${this.o.scope.resource} listing returned ${this.emptyStreak} empty pages in a row that each claim more`,
        }),
        r.next,
      )
    }
  }

  /**
   * Makes the scheduled positions agree with what this page says comes next. A speculative
   * fetch at the wrong position (the list changed shape) is aborted and rescheduled.
   */
  private reconcile(r: PageResult<T>): void {
    if (r.next === null) return
    const expected = this.slots[0]?.at ?? (this.tailUnknown ? undefined : this.known[0])
    if (expected !== undefined && keyOf(expected) === keyOf(r.next)) {
      this.adoptFollowing(r)
      return
    }
    for (const s of this.slots) s.controller.abort()
    this.slots.length = 0
    this.known = [r.next, ...(r.following ?? [])]
    this.tailUnknown = false
  }

  /** Learns positions further ahead when only the immediate next one was known. */
  private adoptFollowing(r: PageResult<T>): void {
    if (!this.tailUnknown || !r.following || r.following.length === 0) return
    const scheduled = new Set(this.slots.map((s) => keyOf(s.at)))
    const fresh = r.following.filter((p) => !scheduled.has(keyOf(p)))
    if (fresh.length > 0) {
      this.known = fresh
      this.tailUnknown = false
    }
  }

  /** Drops items an earlier page of the current window already delivered (page-number drift). */
  private suppressDuplicates(items: readonly T[]): { items: readonly T[]; suppressed: number } {
    const idOf = this.o.idOf
    if (!idOf) return { items, suppressed: 0 }
    const kept: T[] = []
    const ids = new Set<string>()
    for (const item of items) {
      const id = idOf(item)
      if (ids.has(id) || this.recentIds.some((s) => s.has(id))) continue
      ids.add(id)
      kept.push(item)
    }
    this.recentIds.push(ids)
    if (this.recentIds.length > this.window + 1) this.recentIds.shift()
    return { items: kept.length === items.length ? items : kept, suppressed: items.length - kept.length }
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
