/**
 * An in-process listing that filters by `created` the way a provider does (newest first, a
 * window per `gte`/`lt`, a cursor per page), for testing `createPartitionedPaginator` without
 * HTTP. The WooshPay suite runs the same properties against the real sandbox.
 */
import * as E from 'fp-ts/lib/Either.js'
import { PaymuxError, type CreatedWindow, type FetchPage, type WindowListing } from '@paymux/core/adapter'

export interface Dated {
  readonly id: string
  readonly created: number
}

export interface SourceRecord {
  /** Every fetch, with the window and the page index within the window. */
  readonly fetches: { readonly window: CreatedWindow; readonly at: number }[]
  /** Fetches that brought no object. */
  empty: number
  aborted: number
  inFlight: number
}

export interface WindowSourceOptions {
  readonly pageSize: number
  /** A fetch fails with the returned error (checked before the page is served). */
  readonly fail?: (window: CreatedWindow, at: number) => PaymuxError | null
  /** Awaited by every fetch before it answers (e.g. a gate the test opens). */
  readonly wait?: (signal: AbortSignal) => Promise<void>
}

export const scope = { provider: 'testpay', resource: 'things', filters: { status: 'any' } }

/** Items sorted newest first, ties by id, as a provider lists them. */
export const dataset = (created: readonly number[]): Dated[] =>
  created
    .map((c, i) => ({ id: `t_${String(i).padStart(5, '0')}`, created: c }))
    .sort((a, b) => b.created - a.created || (a.id < b.id ? -1 : 1))

export const windowSource = (all: readonly Dated[], o: WindowSourceOptions) => {
  const rec: SourceRecord = { fetches: [], empty: 0, aborted: 0, inFlight: 0 }
  const window = (window: CreatedWindow): WindowListing<Dated> => {
    const items = all.filter((x) => x.created >= window.gte && (window.lt === undefined || x.created < window.lt))
    const fetchPage: FetchPage<Dated> =
      ({ at, signal }) =>
      async () => {
        const index = at === null ? 0 : (at as number)
        rec.fetches.push({ window, at: index })
        rec.inFlight += 1
        try {
          await o.wait?.(signal)
        } catch {
          rec.aborted += 1
          return E.left(new PaymuxError({ kind: 'aborted', message: 'fetch aborted' }))
        } finally {
          rec.inFlight -= 1
        }
        const error = o.fail?.(window, index) ?? null
        if (error) return E.left(error)
        const page = items.slice(index, index + o.pageSize)
        if (page.length === 0) rec.empty += 1
        const next = index + o.pageSize < items.length ? index + o.pageSize : null
        return E.right({ items: page, next, total: null })
      }
    return { scope: { ...scope, filters: { ...scope.filters, gte: window.gte, lt: window.lt ?? null } }, fetchPage }
  }
  return { window, rec }
}

export const createdOf = (x: Dated): number => x.created

export const idOf = (x: Dated): string => x.id

export const ids = (xs: readonly Dated[]): string[] => xs.map((x) => x.id)
