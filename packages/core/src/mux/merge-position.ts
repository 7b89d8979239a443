/**
 * The position of a merged listing (`paymux([...])`): plain JSON, one part per provider, never a
 * provider's checkpoint string. A part records where the provider's current page starts (`r`,
 * `f`: the resource and filter hash of the provider's own listing; `at`: its raw position) and
 * how much of that page was delivered (`skip` items; `last`: the id of the last object the part
 * delivered, on this page or before it), or `done`.
 * @example { "providers": { "wooshpay": { "r": "paymentIntents", "f": "1v3k", "at": { "after": "pi_9" }, "skip": 3, "last": "pi_7" },
 *   "priceblocs": { "skip": 0 }, "other": "done" } }
 *
 * Checkpoints written before `last` existed (same shape without it) resume by `skip` alone.
 */
import type { Position } from '../paging/types.ts'

/** Where a provider's page starts: its listing's resource and filter hash, and the raw position. */
export interface PageStart {
  readonly r: string
  readonly f: string
  readonly at: Position
}

/** How much of the page at a part's start was delivered: a count, and the id of the part's last object delivered. */
export interface Delivered {
  readonly skip: number
  /** The provider's id of the last object the part delivered (absent: none yet, or an older checkpoint). */
  readonly last?: string
}

/** Per provider: where its current page starts (no start: its first page) and how much of it was delivered, or done. */
export type PartState = (Partial<PageStart> & Delivered) | 'done'

/** The merged listing's position: plain JSON, one part per provider. */
export interface MergePosition {
  readonly providers: Readonly<Record<string, PartState>>
}

const isStart = (v: Record<string, unknown>): boolean =>
  typeof v['r'] === 'string' && typeof v['f'] === 'string' && v['at'] !== undefined && v['at'] !== null

const readPart = (part: unknown): PartState | null => {
  if (part === 'done') return part
  if (typeof part !== 'object' || part === null || Array.isArray(part)) return null
  const v = part as Record<string, unknown>
  const skip = v['skip']
  if (typeof skip !== 'number' || !Number.isSafeInteger(skip) || skip < 0) return null
  if (v['last'] !== undefined && (typeof v['last'] !== 'string' || v['last'] === '')) return null
  const started = 'r' in v || 'f' in v || 'at' in v
  if (started && !isStart(v)) return null
  return part as PartState
}

/** A merged position this version (or the one before it) wrote for exactly `providers`; null otherwise. */
export const readMergePosition = (at: unknown, providers: readonly string[]): MergePosition | null => {
  if (typeof at !== 'object' || at === null) return null
  const parts = (at as Record<string, unknown>)['providers']
  if (typeof parts !== 'object' || parts === null || Array.isArray(parts)) return null
  const keys = Object.keys(parts)
  if (keys.length !== providers.length || !providers.every((p) => keys.includes(p))) return null
  for (const part of Object.values(parts as Record<string, unknown>)) if (readPart(part) === null) return null
  return at as MergePosition
}

/**
 * Where delivery resumes in the page a part starts at. The resumed run no longer knows the ids
 * delivered before, so a provider that repeats objects across pages (the first object of a page
 * is the last of the page before) would have one delivered twice; `last` catches that:
 * - `skip` > 0: after the object `last` when the page still holds it (objects may have been
 *   added or removed above it since), else after `skip` objects;
 * - `skip` 0: the page's first object is skipped when it is `last`, the repeat.
 */
export const resumeIndex = <T extends { readonly id: string }>(items: readonly T[], done: Delivered): number => {
  if (done.last !== undefined) {
    if (done.skip === 0) return items[0]?.id === done.last ? 1 : 0
    const i = items.findIndex((item) => item.id === done.last)
    if (i >= 0) return i + 1
  }
  return Math.min(done.skip, items.length)
}
