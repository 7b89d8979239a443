/**
 * The sandbox's collections: a count per resource and functions of the index, newest first.
 * Unfiltered pages cost O(page). A filtered listing scans once and keeps the matching indexes
 * (extended, never rebuilt, when objects are inserted), so its later pages cost O(page) too.
 *
 * Writes make a collection stateful: a created or updated object is kept as an override of its
 * index, a deleted one as a tombstone. Only written objects cost memory; once anything is
 * deleted, unfiltered pages scan (a sandbox that deletes is a small test sandbox).
 */
import { checkoutAt, paymentLinkAt, type GenOptions, type WireObject } from './data.ts'
import { idOf, indexOfId, type SandboxResource } from './timeline.ts'

export interface Filter {
  /** Canonical text of the filter, the cache key. */
  readonly key: string
  readonly test: (o: WireObject) => boolean
}

export interface Collection {
  readonly resource: SandboxResource
  count(): number
  /** Adds `n` objects newer than every existing one (as if created now). */
  insert(n: number): void
  at(k: number): WireObject
  /** The object with this id, or null. O(1). */
  find(id: string): WireObject | null
  /** A page (1-based) of `size`, newest first, and the total matching. */
  page(filter: Filter | null, page: number, size: number): { readonly items: WireObject[]; readonly total: number }
  /** Every id, newest first (what a full listing yields). */
  ids(): string[]
  /** The index of an id that exists (not deleted), or null. */
  indexOf(id: string): number | null
  /** Appends a new newest object built from its index (a create). */
  add(build: (k: number) => WireObject): WireObject
  /** Replaces the object at index `k` (an update). */
  put(k: number, o: WireObject): void
  /** Deletes the object at index `k`: later lookups and listings do not see it. */
  remove(k: number): void
}

interface Matches {
  scanned: number
  readonly ks: number[]
}

const collection = (
  resource: SandboxResource,
  seeded: number,
  gen: GenOptions,
  make: (k: number) => WireObject,
): Collection => {
  let live = seeded
  const indexes = new Map<string, Matches>()
  const overrides = new Map<number, WireObject>()
  const deleted = new Set<number>()
  const at = (k: number): WireObject => overrides.get(k) ?? make(k)
  const exists = (k: number | null): k is number => k !== null && k < live && !deleted.has(k)
  /** Every existing index, newest first: the scan used once something was deleted. */
  const existing = (): number[] => {
    const ks: number[] = []
    for (let k = live - 1; k >= 0; k--) if (!deleted.has(k)) ks.push(k)
    return ks
  }

  const matching = (f: Filter): Matches => {
    let m = indexes.get(f.key)
    if (!m) {
      m = { scanned: 0, ks: [] }
      indexes.set(f.key, m)
    }
    for (; m.scanned < live; m.scanned++) if (!deleted.has(m.scanned) && f.test(at(m.scanned))) m.ks.push(m.scanned)
    return m
  }

  return {
    resource,
    count: () => live - deleted.size,
    insert: (n) => {
      live += n
    },
    at,
    find: (id) => {
      const k = indexOfId(gen.seed, resource, id)
      return exists(k) ? at(k) : null
    },
    page: (filter, page, size) => {
      if (filter === null && deleted.size > 0) {
        const ks = existing()
        const items = ks.slice((page - 1) * size, page * size).map(at)
        return { items, total: ks.length }
      }
      const ks = filter ? matching(filter).ks : null
      const total = ks ? ks.length : live
      const items: WireObject[] = []
      for (let j = (page - 1) * size; j < Math.min(total, page * size); j++) {
        items.push(at(ks ? (ks[total - 1 - j] as number) : live - 1 - j))
      }
      return { items, total }
    },
    ids: () =>
      deleted.size > 0
        ? existing().map((k) => idOf(gen.seed, resource, k))
        : Array.from({ length: live }, (_, j) => idOf(gen.seed, resource, live - 1 - j)),
    indexOf: (id) => {
      const k = indexOfId(gen.seed, resource, id)
      return exists(k) ? k : null
    },
    add: (build) => {
      const o = build(live)
      overrides.set(live, o)
      live += 1
      indexes.clear() // a filter's cached matches were scanned before this object
      return o
    },
    put: (k, o) => {
      overrides.set(k, o)
      indexes.clear() // the object may now match a filter differently
    },
    remove: (k) => {
      deleted.add(k)
      overrides.delete(k)
      indexes.clear()
    },
  }
}

export interface Store {
  readonly paymentLinks: Collection
  readonly checkoutSessions: Collection
}

export const createStore = (gen: GenOptions, counts: Readonly<Record<SandboxResource, number>>): Store => {
  const paymentLinks = collection('paymentLinks', counts.paymentLinks, gen, (k) => paymentLinkAt(gen, k))
  // Checkouts point at seeded links only, so a checkout never changes when links are inserted.
  const checkoutSessions = collection('checkoutSessions', counts.checkoutSessions, gen, (k) =>
    checkoutAt(gen, k, counts.paymentLinks),
  )
  return { paymentLinks, checkoutSessions }
}
