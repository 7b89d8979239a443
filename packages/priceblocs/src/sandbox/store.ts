/**
 * The sandbox's collections: a count per resource and functions of the index, newest first.
 * Unfiltered pages cost O(page). A filtered listing scans once and keeps the matching indexes
 * (extended, never rebuilt, when objects are inserted), so its later pages cost O(page) too.
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

  const matching = (f: Filter): Matches => {
    let m = indexes.get(f.key)
    if (!m) {
      m = { scanned: 0, ks: [] }
      indexes.set(f.key, m)
    }
    for (; m.scanned < live; m.scanned++) if (f.test(make(m.scanned))) m.ks.push(m.scanned)
    return m
  }

  return {
    resource,
    count: () => live,
    insert: (n) => {
      live += n
    },
    at: make,
    find: (id) => {
      const k = indexOfId(gen.seed, resource, id)
      return k !== null && k < live ? make(k) : null
    },
    page: (filter, page, size) => {
      const ks = filter ? matching(filter).ks : null
      const total = ks ? ks.length : live
      const items: WireObject[] = []
      for (let j = (page - 1) * size; j < Math.min(total, page * size); j++) {
        items.push(make(ks ? (ks[total - 1 - j] as number) : live - 1 - j))
      }
      return { items, total }
    },
    ids: () => Array.from({ length: live }, (_, j) => idOf(gen.seed, resource, live - 1 - j)),
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
