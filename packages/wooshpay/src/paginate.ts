/**
 * WooshPay's cursor scheme (docs/providers/wooshpay.md#cursor-pagination) as a core `FetchPage`: `limit` 1..100 checked
 * before any request, forward with `starting_after` = last id of a page, backward with
 * `ending_before` = first id of a page, stop when `has_more` is false. Core owns the loop,
 * checkpoints, prefetch and abort. Positions are `{ after: id }` or `{ before: id }`.
 *
 * Backward listings (`direction: 'backward'` with `endingBefore`) yield objects in reverse list
 * order, oldest first, starting just after the anchor (as stripe-node's auto-pagination does):
 * each page is reversed, and the next page ends before the newest object of the current one.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import type * as t from 'io-ts'
import {
  PaymuxError,
  readPageSize,
  type CheckpointScope,
  type FetchPage,
  type ListQuery,
  type Position,
  type QueryValue,
  type Transport,
} from '@paymux/core/adapter'
import { MAX_PAGE_SIZE, MIN_PAGE_SIZE, DEFAULT_PAGE_SIZE, PROVIDER } from './capabilities.ts'
import type * as wire from './codecs.ts'
import { decodeInto } from './decode.ts'
import type { Filters } from './query.ts'

/** WooshPay cursor options, accepted by every WooshPay listing on top of core's `ListQuery`. */
export interface CursorQuery {
  /**
   * `forward` (default): newest first, optionally from `startingAfter`. `backward`: from
   * `endingBefore` towards newer objects (required then), oldest first.
   */
  readonly direction?: 'forward' | 'backward'
  /** Start after this object id (forward). */
  readonly startingAfter?: string
  /** Start just before this object id and page towards newer objects (backward). */
  readonly endingBefore?: string
}

/** A WooshPay listing query: the neutral one plus cursor options. */
export type WooshpayListQuery = ListQuery & CursorQuery

export interface ListingSpec<W, T> {
  readonly transport: Transport
  /** Checkpoint scope, e.g. `paymentLinks` or `paymentLinks.lineItems`. */
  readonly resource: string
  readonly path: string
  /** For decode error messages, e.g. `a list of payment links`. */
  readonly what: string
  readonly codec: t.Type<wire.List<W>, wire.List<W>, unknown>
  readonly normalize: (w: W) => T
  readonly filters: Filters
  readonly query: WooshpayListQuery
}

type Cursor = { readonly after: string } | { readonly before: string }

interface WirePage<T> {
  readonly items: readonly T[]
  readonly firstId: string | null
  readonly lastId: string | null
  readonly hasMore: boolean
}

const invalid = (message: string): PaymuxError =>
  new PaymuxError({ kind: 'invalid_request', provider: PROVIDER, message })

const isId = (v: unknown): v is string => typeof v === 'string' && v !== ''

/** Where the first page starts, from the cursor options. */
const startOf = (q: CursorQuery): Cursor | null | PaymuxError => {
  const direction = q.direction ?? (q.endingBefore !== undefined ? 'backward' : 'forward')
  if (direction !== 'forward' && direction !== 'backward') return invalid(`direction must be forward or backward`)
  if (q.startingAfter !== undefined && q.endingBefore !== undefined) {
    return invalid('startingAfter and endingBefore cannot be used together')
  }
  if (direction === 'backward') {
    if (!isId(q.endingBefore)) return invalid('a backward listing needs endingBefore: the id to page back from')
    return { before: q.endingBefore }
  }
  if (q.endingBefore !== undefined) return invalid('endingBefore needs direction backward')
  if (q.startingAfter === undefined) return null
  return isId(q.startingAfter) ? { after: q.startingAfter } : invalid('startingAfter must be a non-empty id')
}

/** A checkpoint's position, checked: it is JSON from outside. */
const cursorOf = (at: Position): Cursor | PaymuxError => {
  const o = at as Record<string, unknown>
  if (typeof at === 'object' && !Array.isArray(at)) {
    if (isId(o['after'])) return { after: o['after'] }
    if (isId(o['before'])) return { before: o['before'] }
  }
  return new PaymuxError({
    kind: 'checkpoint_mismatch',
    provider: PROVIDER,
    message: 'checkpoint position is not a WooshPay cursor',
  })
}

/** `limit` of a query, or the error for a page size WooshPay refuses (core's check, before any request). */
export const pageSizeOf = (q: ListQuery): number | PaymuxError =>
  readPageSize(PROVIDER, q, { min: MIN_PAGE_SIZE, max: MAX_PAGE_SIZE }, DEFAULT_PAGE_SIZE)

/**
 * What a listing's checkpoints are bound to. The path binds line-item checkpoints to their
 * parent; the anchor and direction bind them to the listing's start.
 */
export const listingScope = (resource: string, path: string, filters: Filters, start: Cursor | null) => ({
  provider: PROVIDER,
  resource,
  filters: { path, ...filters, start: start === null ? null : { ...start } },
})

/**
 * The plain cursor listing of `spec`: its checkpoint scope and its `FetchPage`, or the error for
 * a cursor option or page size WooshPay refuses (before any request). Core's `createListing`
 * runs it (provider.ts).
 */
export const cursorListing = <W extends { readonly id: string }, T>(
  spec: ListingSpec<W, T>,
): { readonly scope: CheckpointScope; readonly fetchPage: FetchPage<T> } | PaymuxError => {
  const q = spec.query
  const limit = pageSizeOf(q)
  if (limit instanceof PaymuxError) return limit
  const start = startOf(q)
  if (start instanceof PaymuxError) return start
  const scope = listingScope(spec.resource, spec.path, spec.filters, start)

  const decode = decodeInto(spec.codec, spec.what, (list): WirePage<T> => {
    const data = list.data
    const n = data.length
    const items = new Array<T>(n)
    for (let i = 0; i < n; i++) items[i] = spec.normalize(data[i] as W)
    return {
      items,
      firstId: n > 0 ? (data[0] as W).id : null,
      lastId: n > 0 ? (data[n - 1] as W).id : null,
      hasMore: list.has_more,
    }
  })

  const fetchPage: FetchPage<T> = ({ at, signal }) => {
    const cursor = at === null ? start : cursorOf(at)
    if (cursor instanceof PaymuxError) return TE.left(cursor)
    const query: Record<string, QueryValue> = { limit, ...spec.filters }
    if (cursor !== null) {
      if ('after' in cursor) query['starting_after'] = cursor.after
      else query['ending_before'] = cursor.before
    }
    const backward = cursor !== null && 'before' in cursor
    return pipe(
      spec.transport.request({ path: spec.path, query, signal }, decode),
      TE.chainEitherK((page) => {
        const items = backward ? [...page.items].reverse() : page.items
        if (!page.hasMore) return E.right({ items, next: null, total: null })
        const id = backward ? page.firstId : page.lastId
        if (id === null) {
          return E.left(
            new PaymuxError({
              kind: 'pagination',
              provider: PROVIDER,
              message: `${spec.path} returned an empty page that claims has_more: true`,
            }),
          )
        }
        const next: Cursor = backward ? { before: id } : { after: id }
        return E.right({ items, next, total: null })
      }),
    )
  }

  return { scope, fetchPage }
}
