/**
 * `findMarked`: the adapters' `markers.find` in one place. Walks a newest-first listing until the
 * objects are older than `since` (minus the provider's possible clock lag), keeping those the
 * adapter's `carries` test says hold the marker. Without `since`, the whole listing is read.
 */
import type { Paginator } from '../paging/types.ts'
import type { FindMarkedOptions } from '../provider.ts'

/** How far before `since` objects are still looked at: a provider clock behind this machine's. */
export const MARKER_CLOCK_SKEW_MS = 300_000

/** The objects of `list` (newest first) for which `holds` is true, created since `opts.since`. */
export const findMarked = async <T extends { readonly createdAt: Date }>(
  list: (q: { signal?: AbortSignal }) => Paginator<T>,
  holds: (object: T) => boolean,
  opts: FindMarkedOptions = {},
): Promise<T[]> => {
  const floor = opts.since === undefined ? Number.NEGATIVE_INFINITY : opts.since.getTime() - MARKER_CLOCK_SKEW_MS
  const found: T[] = []
  for await (const o of list(opts.signal ? { signal: opts.signal } : {})) {
    if (o.createdAt.getTime() < floor) break
    if (holds(o)) found.push(o)
  }
  return found
}
