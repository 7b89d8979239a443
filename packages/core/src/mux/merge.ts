/**
 * K-way merge of several providers' listings into one, newest first (`createdAt` desc, ties by
 * provider then the provider's own order). Each provider holds at most one page in memory and
 * one request in flight. The merged position records, per provider, the checkpoint of the page
 * it is in and how many of that page's items were delivered, so a composite checkpoint resumes
 * every provider exactly where it stopped.
 */
import * as E from 'fp-ts/lib/Either.js'
import { isPaymuxError, PaymuxError } from '../errors.ts'
import { canonicalJson } from '../paging/checkpoint.ts'
import type { FetchPage, Json, Page, Paginator, Position } from '../paging/types.ts'

export interface Mergeable {
  readonly provider: string
  readonly id: string
  readonly createdAt: Date
}

/** Per provider: where its current page starts and how much of it was delivered, or done. */
type PartState = { readonly cp: string | null; readonly skip: number } | 'done'
export type MergePosition = Readonly<Record<string, PartState>>

export interface MergeSource<T> {
  readonly provider: string
  /** Lists this provider from a checkpoint (null: from the start). */
  readonly list: (resumeFrom: string | null) => Paginator<T>
}

class Cursor<T> {
  private iterator: AsyncIterator<Page<T>> | null = null
  private items: readonly T[] = []
  private index = 0
  private pageStart: string | null
  private nextStart: string | null = null
  private exhausted = false
  private pendingSkip: number
  private loaded = 0

  private readonly source: MergeSource<T>

  constructor(source: MergeSource<T>, state: PartState) {
    this.source = source
    this.pageStart = state === 'done' ? null : state.cp
    this.pendingSkip = state === 'done' ? 0 : state.skip
    this.exhausted = state === 'done'
  }

  get provider(): string {
    return this.source.provider
  }

  head(): T | undefined {
    return this.items[this.index]
  }

  take(): T {
    return this.items[this.index++] as T
  }

  needsPage(): boolean {
    return !this.exhausted && this.index >= this.items.length
  }

  /** Loads the next page of this provider (skipping items delivered before a resume). */
  async load(): Promise<void> {
    this.iterator ??= this.source.list(this.pageStart).pages()[Symbol.asyncIterator]()
    const r = await this.iterator.next()
    if (r.done) {
      this.exhausted = true
      this.items = []
      this.index = 0
      return
    }
    if (this.loaded > 0) this.pageStart = this.nextStart
    this.loaded += 1
    this.items = r.value.items
    this.nextStart = r.value.checkpoint
    this.index = Math.min(this.pendingSkip, this.items.length)
    this.pendingSkip = 0
    if (this.index >= this.items.length && r.value.checkpoint === null) this.exhausted = true
  }

  state(): PartState {
    if (this.exhausted && this.index >= this.items.length) return 'done'
    return { cp: this.pageStart, skip: this.index }
  }

  close(): void {
    void this.iterator?.return?.()
  }
}

const newer = (a: Mergeable, b: Mergeable): boolean => {
  const d = a.createdAt.getTime() - b.createdAt.getTime()
  if (d !== 0) return d > 0
  return a.provider < b.provider
}

class MergeRun<T extends Mergeable> {
  readonly cursors: Cursor<T>[]
  constructor(sources: readonly MergeSource<T>[], at: MergePosition | null) {
    this.cursors = sources.map((s) => new Cursor(s, at?.[s.provider] ?? { cp: null, skip: 0 }))
  }

  position(): MergePosition {
    return Object.fromEntries(this.cursors.map((c) => [c.provider, c.state()]))
  }

  /** Fills every provider that needs a page, all at once (one request per provider). */
  private async refill(): Promise<void> {
    await Promise.all(this.cursors.filter((c) => c.needsPage()).map((c) => c.load()))
    // A page that came back empty but not last needs another load.
    if (this.cursors.some((c) => c.needsPage())) await this.refill()
  }

  async page(size: number): Promise<{ items: T[]; next: MergePosition | null }> {
    const items: T[] = []
    while (items.length < size) {
      await this.refill()
      let best: Cursor<T> | undefined
      for (const c of this.cursors) {
        const h = c.head()
        const b = best?.head()
        if (h !== undefined && (b === undefined || newer(h, b))) best = c
      }
      if (!best) break
      items.push(best.take())
    }
    await this.refill()
    const next = this.position()
    const done = Object.values(next).every((s) => s === 'done')
    return { items, next: done ? null : next }
  }

  close(): void {
    for (const c of this.cursors) c.close()
  }
}

/**
 * A `FetchPage` over merged positions. A run is kept per position so that sequential pages
 * continue the same provider iterators instead of refetching; an unknown position (a resume)
 * starts a new run from the providers' checkpoints.
 */
export const mergedFetchPage = <T extends Mergeable>(
  sources: readonly MergeSource<T>[],
  pageSize: number,
): FetchPage<T> => {
  const live = new Map<string, MergeRun<T>>()
  return ({ at }) =>
    async () => {
      const key = at === null ? '<start>' : canonicalJson(at)
      const run = live.get(key) ?? new MergeRun<T>(sources, at as MergePosition | null)
      live.delete(key)
      try {
        const { items, next } = await run.page(pageSize)
        if (next === null) run.close()
        else {
          live.set(canonicalJson(next as unknown as Json), run)
          // Runs abandoned by consumers that stopped early are dropped, oldest first.
          if (live.size > 8) live.delete(live.keys().next().value as string)
        }
        return E.right({ items, next: next as unknown as Position | null, total: null })
      } catch (cause) {
        run.close()
        // The paginator stamps the error with the merged checkpoint of this page's start, which
        // resumes every provider where it stood.
        return E.left(
          isPaymuxError(cause)
            ? cause
            : new PaymuxError({ kind: 'pagination', message: 'merged listing failed', cause }),
        )
      }
    }
}
