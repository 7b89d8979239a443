/**
 * Window planning: how a partitioned listing divides the `created` range (measured in the bench,
 * see bench/README.md "Partitioned listing").
 *
 * The range starts as one window. Once a window has fetched a page, the listing knows how far
 * down it has got (`seen`, the oldest `created` it fetched: lists are newest first), and while
 * fewer than `partitions` windows run, the window with the largest unlisted span `[floor, seen)`
 * is split at its middle: a new window lists `[floor, mid)` and the old one keeps `[mid, seen]`,
 * dropping (and stopping at) the first object older than `mid` that its next page brings. After
 * the first page this halves the first window k-1 times: windows that double in length going
 * back in time, short near the newest objects (where data usually is) and one long window down
 * to the start of the range. Empty windows end after one request and their slot splits the
 * largest window that has shown data, so windows converge on where the data is without knowing
 * its range in advance. Every object lands in exactly one window: the windows always cover the
 * whole range and never overlap.
 */

/** One window of the `created` range, in Unix seconds. */
export interface PartitionWindow {
  /** Lower bound sent to the provider. Fixed for the window's life: its positions are bound to it. */
  readonly gte: number
  /** Upper bound sent to the provider, exclusive; null: no upper bound. */
  readonly lt: number | null
  /** Lowest `created` the window still owns: raised when a split hands `[gte, floor)` to a new window. */
  floor: number
  /** Oldest `created` the window has fetched; null before its first object. */
  seen: number | null
}

export const newWindow = (gte: number, lt: number | null): PartitionWindow => ({ gte, lt, floor: gte, seen: null })

/**
 * Unlisted span of a window, in seconds: what a split can take from it. Only a window that has
 * fetched objects is split: one still waiting for its first page may well be empty, and
 * splitting it would only multiply empty requests.
 */
export const span = (w: PartitionWindow): number => (w.seen === null ? 0 : w.seen - w.floor)

/** The window a split should take from: the largest unlisted span, at least 2 s; null when none. */
export const largestSplittable = <W extends PartitionWindow>(windows: Iterable<W>): W | null => {
  let best: W | null = null
  for (const w of windows) if (best === null || span(w) > span(best)) best = w
  return best !== null && span(best) >= 2 ? best : null
}

/** What a window has listed so far: how many objects it owns, and the newest `created` among them. */
export interface Listed {
  readonly fetched: number
  /** `created` of the newest object the window fetched; null before its first. */
  readonly top: number | null
}

/**
 * Objects a window is expected to still hold below what it has listed: its unlisted span at the
 * density of what it listed (`fetched` objects over the seconds from `seen` to `top`).
 */
export const estimatedLeft = (w: PartitionWindow & Listed): number =>
  w.seen === null || w.top === null || w.fetched === 0 ? 0 : (span(w) * w.fetched) / (w.top - w.seen + 1)

/**
 * Whether splitting `w` can save time: a split costs requests of its own (the new window's
 * first and last pages, the page on which the old one crosses its new floor, and the objects
 * read below it for the cut check), and saves at most half of the round trips the window still
 * needs. Below `minPages` pages of objects expected, it is listed to its end instead.
 */
export const worthSplitting = (w: PartitionWindow & Listed, pageSize: number, minPages: number): boolean =>
  pageSize > 0 && estimatedLeft(w) >= minPages * pageSize

/**
 * Splits `w` at the middle of its unlisted span and returns the new, lower window `[floor, mid)`.
 * `mid` is above the old floor and below `seen`, so both windows keep a non-empty range and
 * everything `w` already fetched (all at or above `seen`) stays `w`'s.
 *
 * Above `rangeFrom`, the new window asks the provider for one second more than it owns
 * (`gte: floor - 1`): a provider that takes `gte` as `>` then still returns every object the
 * window owns, and with a correct one the window's last objects (one second of the window below)
 * are evidence that the window below must deliver (assumptions.ts, the cut check).
 */
export const splitWindow = (w: PartitionWindow, rangeFrom = Number.NEGATIVE_INFINITY): PartitionWindow => {
  const mid = w.floor + Math.floor(span(w) / 2)
  const lower: PartitionWindow = { ...newWindow(w.floor, mid), gte: w.floor > rangeFrom ? w.floor - 1 : w.floor }
  w.floor = mid
  return lower
}

/**
 * The part of a fetched page that its window still owns. Pages are newest first: from the first
 * object below the floor on, the rest belongs to a window split off while the page was in flight,
 * and the window has nothing more to list (`ended`).
 */
export const ownedPart = <T>(
  items: readonly T[],
  floor: number,
  createdOf: (item: T) => number,
): { readonly items: readonly T[]; readonly ended: boolean } => {
  const cut = items.findIndex((o) => createdOf(o) < floor)
  return cut < 0 ? { items, ended: false } : { items: items.slice(0, cut), ended: true }
}

/** Newest window first: windows are disjoint, so their floors order them. */
export const byRangeDescending = (a: PartitionWindow, b: PartitionWindow): number => b.floor - a.floor
