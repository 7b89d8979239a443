/**
 * Partitioned listings (core's `partitions` / `order`) of the WooshPay resources that filter by
 * `created` server-side: payment intents and checkout sessions. Each window is an ordinary
 * cursor listing of this adapter with the window as its `created` filter (`created[gte]`,
 * `created[lt]`) and the listing's other filters unchanged; core runs, splits, checks and merges
 * the windows. WooshPay compares `created` in whole seconds, which is what core's windows are cut in.
 */
import { PaymuxError, type CreatedRange, type CreatedWindow, type CreatedWindows } from '@paymux/core/adapter'
import { PROVIDER } from './capabilities.ts'
import { cursorListing, type ListingSpec } from './paginate.ts'
import type { Filters } from './query.ts'

/** `created` of a neutral object in Unix seconds, as WooshPay's filter compares it. */
export const createdSeconds = (o: { readonly createdAt: Date }): number => Math.floor(o.createdAt.getTime() / 1000)

/**
 * The windows core lists for `partitions`, or the error refusing them: a window is a listing
 * from its own start, so the cursor options cannot be combined with it.
 */
export const createdWindows = <W extends { readonly id: string }, T>(
  spec: ListingSpec<W, T>,
  range: CreatedRange | undefined,
  /** The listing's wire filters with `created` replaced by a window. */
  windowFilters: (window: CreatedWindow) => Filters | PaymuxError,
  createdOf: (item: T) => number,
): CreatedWindows<T> | PaymuxError => {
  const q = spec.query
  if (q.direction === 'backward' || q.startingAfter !== undefined || q.endingBefore !== undefined) {
    return new PaymuxError({
      kind: 'invalid_request',
      provider: PROVIDER,
      message: 'partitions cannot be combined with startingAfter, endingBefore or a backward direction',
    })
  }
  return {
    range,
    createdOf,
    window: (window) => {
      const filters = windowFilters(window)
      if (filters instanceof PaymuxError) return filters
      const pageSize = q.pageSize === undefined ? {} : { pageSize: q.pageSize }
      return cursorListing({ ...spec, filters, query: pageSize })
    },
  }
}
