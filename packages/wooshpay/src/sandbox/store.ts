/**
 * Cursor windows over an indexed collection, as the real API pages (docs/providers/wooshpay.md#cursor-pagination): newest
 * first, `limit` objects after `starting_after` or before `ending_before`, `has_more` in the
 * paging direction. Without a filter a page costs O(limit): objects are built by index only
 * for the page. A filter scans from the cursor and builds candidates until the page is full.
 */

export interface Collection<O> {
  readonly count: number
  /** Index of an id, or -1 when it is not in the collection. */
  indexOf(id: string): number
  /** Builds object `i`, or returns null when it does not match the listing's filters. */
  pick(i: number): O | null
}

export interface WindowRequest {
  readonly limit: number
  readonly startingAfter?: string | undefined
  readonly endingBefore?: string | undefined
  /** Index range allowed by range filters (`created`), [lo, hi). */
  readonly lo: number
  readonly hi: number
}

export type Window<O> =
  | { readonly ok: true; readonly data: O[]; readonly hasMore: boolean }
  | { readonly ok: false; readonly param: 'starting_after' | 'ending_before'; readonly id: string }

export const window = <O>(c: Collection<O>, w: WindowRequest): Window<O> => {
  const found: O[] = []
  if (w.endingBefore !== undefined) {
    const anchor = c.indexOf(w.endingBefore)
    if (anchor < 0) return { ok: false, param: 'ending_before', id: w.endingBefore }
    // Walk towards newer objects; keep the `limit` closest to the anchor, in list order.
    for (let i = Math.min(anchor, w.hi) - 1; i >= w.lo && found.length <= w.limit; i--) {
      const o = c.pick(i)
      if (o !== null) found.push(o)
    }
    const hasMore = found.length > w.limit
    return { ok: true, data: found.slice(0, w.limit).reverse(), hasMore }
  }
  let start = w.lo
  if (w.startingAfter !== undefined) {
    const anchor = c.indexOf(w.startingAfter)
    if (anchor < 0) return { ok: false, param: 'starting_after', id: w.startingAfter }
    start = Math.max(start, anchor + 1)
  }
  for (let i = start; i < w.hi && found.length <= w.limit; i++) {
    const o = c.pick(i)
    if (o !== null) found.push(o)
  }
  const hasMore = found.length > w.limit
  if (hasMore) found.length = w.limit
  return { ok: true, data: found, hasMore }
}
