/**
 * Drift under concurrency, for page-number listings (it lives in core because any
 * provider paging by page number has it). Page numbers shift when objects are created during a listing: each
 * new object pushes the last object of every page onto the next one. Read in order, that only
 * repeats an object (the run drops the repeat: `idOf`). But with `concurrency > 1` pages can be
 * answered out of order, and a page answered *before* a creation that the page in front of it
 * already saw misses the object pushed onto it: the listing would skip that object silently.
 *
 * Such a stale page reports a lower `total` than the page in front of it. This guard remembers
 * the `total` each page was answered with and finds stale pages whichever answer is read first:
 * - `behind(q)`: page q is read after page q-1 and is behind it: fetch q again at once;
 * - `staleAhead(q)`: page q-1 is read after page q, which is behind it: page q-1 then names its
 *   next page `[q, 0]`, a new position for the same page, so the run drops the stale answer
 *   and fetches the page again (the adapter's `FetchPage` does this).
 */

/** Pages kept behind the newest answer; far more than the largest concurrency (16). */
const WINDOW = 128

/** What a page-number `FetchPage` asks to find stale pages (see above). */
export interface DriftGuard {
  /** Forgets everything (a listing starts over from its first page). */
  reset(): void
  record(page: number, total: number): void
  /** True when page `page` answered with `total` is behind the answer of the page in front of it. */
  behind(page: number, total: number): boolean
  /**
   * True when the recorded answer of `page` is behind `total`, the total of the page in front of
   * it. The stale answers (that page and any after it) are forgotten.
   */
  staleAhead(page: number, total: number): boolean
}

/** A guard for one listing's `FetchPage`. */
export const createDriftGuard = (): DriftGuard => {
  const totals = new Map<number, number>()
  return {
    reset: () => totals.clear(),
    record: (page, total) => {
      totals.set(page, total)
      for (const p of totals.keys()) if (p < page - WINDOW) totals.delete(p)
    },
    behind: (page, total) => {
      const before = totals.get(page - 1)
      return before !== undefined && total < before
    },
    staleAhead: (page, total) => {
      const ahead = totals.get(page)
      if (ahead === undefined || ahead >= total) return false
      // Core drops the answers at and after `page`: so must this record.
      for (const p of totals.keys()) if (p >= page) totals.delete(p)
      return true
    },
  }
}
