/**
 * K-way merge of several providers' listings into one, newest first (`createdAt` desc, ties by
 * provider then the provider's own order). Each provider holds at most one page in memory and
 * one request in flight. The merged position records, per provider, where the page it is in
 * starts and how many of that page's items were delivered, so a composite checkpoint resumes
 * every provider exactly where it stopped. It is plain JSON, never a provider's checkpoint
 * string: where a provider's page starts is the envelope of that provider's checkpoint, unpacked
 * (`r`, `f`: its resource and filter hash; `at`: its raw position), and packed again on resume,
 * so the provider's own listing checks it against its scope as it checks any checkpoint.
 * @example { "providers": { "wooshpay": { "r": "payment_intents", "f": "1v3k", "at": { "after": "pi_9" }, "skip": 3 },
 *   "priceblocs": { "skip": 0 }, "other": "done" } }
 */
import * as E from 'fp-ts/lib/Either.js'
import { isPaymuxError, PaymuxError } from '../errors.ts'
import { canonicalJson, encodeEnvelope, readEnvelope } from '../paging/checkpoint.ts'
import type { Checkpoint, FetchPage, Json, Page, Paginator, Position } from '../paging/types.ts'

export interface Mergeable {
  readonly provider: string
  readonly id: string
  readonly createdAt: Date
}

/** Where a provider's page starts: its checkpoint's envelope minus the provider (the key). */
interface PageStart {
  readonly r: string
  readonly f: string
  readonly at: Position
}

/** Per provider: where its current page starts (none: its first page) and how much of it was delivered, or done. */
type PartState = (Partial<PageStart> & { readonly skip: number }) | 'done'
/** The merged listing's position: plain JSON, one part per provider. */
export interface MergePosition {
  readonly providers: Readonly<Record<string, PartState>>
}

const isStart = (v: Record<string, unknown>): boolean =>
  typeof v['r'] === 'string' && typeof v['f'] === 'string' && v['at'] !== undefined && v['at'] !== null

/** A merged position this version wrote for `providers`, or null (the checkpoint is then refused). */
const readMergePosition = (at: unknown, providers: readonly string[]): MergePosition | null => {
  if (typeof at !== 'object' || at === null) return null
  const parts = (at as Record<string, unknown>)['providers']
  if (typeof parts !== 'object' || parts === null || Array.isArray(parts)) return null
  const keys = Object.keys(parts)
  if (keys.length !== providers.length || !providers.every((p) => keys.includes(p))) return null
  for (const part of Object.values(parts as Record<string, unknown>)) {
    if (part === 'done') continue
    if (typeof part !== 'object' || part === null) return null
    const v = part as Record<string, unknown>
    const skip = v['skip']
    if (typeof skip !== 'number' || !Number.isSafeInteger(skip) || skip < 0) return null
    const started = 'r' in v || 'f' in v || 'at' in v
    if (started && !isStart(v)) return null
  }
  return at as MergePosition
}

const pageStartOf = (checkpoint: Checkpoint | null): PageStart | null => {
  if (checkpoint === null) return null
  const e = readEnvelope(checkpoint)
  if (e === null || e.a === null) {
    throw new PaymuxError({ kind: 'pagination', message: 'a merged provider returned an unreadable checkpoint' })
  }
  return { r: e.r, f: e.f, at: e.a }
}

export interface MergeSource<T> {
  readonly provider: string
  /** Lists this provider from a checkpoint (null: from the start). */
  readonly list: (resumeFrom: string | null) => Paginator<T>
}

class Cursor<T> {
  private iterator: AsyncIterator<Page<T>> | null = null
  private items: readonly T[] = []
  private index = 0
  private pageStart: PageStart | null
  private nextStart: PageStart | null = null
  private exhausted = false
  private pendingSkip: number
  private loaded = 0

  private readonly source: MergeSource<T>

  constructor(source: MergeSource<T>, state: PartState) {
    this.source = source
    this.pageStart = state === 'done' || state.at === undefined ? null : (state as PageStart)
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
    // The provider's own listing checks its part against its scope (provider, resource, filters).
    if (this.iterator === null) {
      const start = this.pageStart
      const resumeFrom =
        start === null ? null : encodeEnvelope({ p: this.provider, r: start.r, f: start.f, a: start.at })
      this.iterator = this.source.list(resumeFrom).pages()[Symbol.asyncIterator]()
    }
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
    this.nextStart = pageStartOf(r.value.checkpoint)
    this.index = Math.min(this.pendingSkip, this.items.length)
    this.pendingSkip = 0
    if (this.index >= this.items.length && r.value.checkpoint === null) this.exhausted = true
  }

  state(): PartState {
    if (this.exhausted && this.index >= this.items.length) return 'done'
    const start = this.pageStart
    return start === null ? { skip: this.index } : { r: start.r, f: start.f, at: start.at, skip: this.index }
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
    this.cursors = sources.map((s) => new Cursor(s, at?.providers[s.provider] ?? { skip: 0 }))
  }

  position(): MergePosition {
    return { providers: Object.fromEntries(this.cursors.map((c) => [c.provider, c.state()])) }
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
    const done = Object.values(next.providers).every((s) => s === 'done')
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
  const providers = sources.map((s) => s.provider)
  return ({ at }) =>
    async () => {
      const key = at === null ? '<start>' : canonicalJson(at)
      let run = live.get(key)
      if (run === undefined) {
        const position = at === null ? null : readMergePosition(at, providers)
        if (at !== null && position === null) {
          return E.left(
            new PaymuxError({
              kind: 'checkpoint_mismatch',
              provider: 'paymux',
              message: 'merged checkpoint is corrupted: its providers part does not match this listing',
            }),
          )
        }
        run = new MergeRun<T>(sources, position)
      }
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
