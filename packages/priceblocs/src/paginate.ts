/**
 * PriceBlocs page numbers -> core `FetchPage`. Core owns the loop, checkpoints, concurrency and
 * drift suppression; this file only translates one page.
 *
 * - Position: the page number (`2`). With a `pageSize` below PriceBlocs' fixed 20, a page is
 *   delivered in slices and a position inside a page is `[page, skip]`.
 * - SECURITY: the `links` hash carries absolute URLs. They are never fetched: the next page
 *   number is read from `links.next.page` and the request is rebuilt on the configured base
 *   URL, so a response can never send the Bearer key to another host.
 * - Quirk 27: `links.*.page` is a string; the codec reads it as a number.
 * - Quirk 26: `data` may be a single object; the codec reads it as an array.
 * - `links.last` reveals the pages to come: they are returned as `following`, so core can fetch
 *   them concurrently (`concurrency: k`) while still delivering strictly in order.
 * @see docs/providers/priceblocs.md#page-numbers
 */
import {
  PaymuxError,
  createDriftGuard,
  type Decoder,
  type FetchPage,
  type PageResult,
  type Position,
  type QueryValue,
  type Transport,
} from '@paymux/core/adapter'
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import type * as wire from './codecs.ts'
import { PROVIDER } from './options.ts'

/** PriceBlocs serves "up to 20" objects per page; the page size cannot be requested. */
export const SERVER_PAGE_SIZE = 20

/**
 * How many positions ahead a page announces. Enough for any `concurrency` (core caps it at 16);
 * a bound keeps each page O(1) however many pages `links.last` promises.
 */
const FOLLOWING_CAP = 32

/** Raw pages kept for the slices of a page delivered in several parts (`pageSize` < 20). */
const CACHED_PAGES = 8

export interface ListSpec<T> {
  readonly transport: Transport
  readonly path: string
  /** Filters PriceBlocs applies itself, sent on every page request. */
  readonly params: Readonly<Record<string, QueryValue>>
  /** Decodes and normalizes a page in one step (`decode.ts`): `data` holds neutral objects. */
  readonly decode: Decoder<wire.ListPage<T>>
  /**
   * True when a client-side filter drops objects (applied by core after repeats are dropped, so
   * a page the filter empties still counts as progress): PriceBlocs' `total` then counts objects
   * this listing does not deliver.
   */
  readonly filtered: boolean
  /**
   * True for an item no later item can improve on (lists are newest first, so an item older than
   * a `created` lower bound): the listing ends there instead of reading every older page.
   */
  readonly exhausted: ((item: T) => boolean) | null
  /** Objects per delivered page; null delivers PriceBlocs' pages whole. */
  readonly pageSize: number | null
}

interface At {
  readonly page: number
  readonly skip: number
}

const isPage = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 1
const isSkip = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0

const readPosition = (at: Position | null): At | null => {
  if (at === null) return { page: 1, skip: 0 }
  if (isPage(at)) return { page: at, skip: 0 }
  if (Array.isArray(at) && at.length === 2 && isPage(at[0]) && isSkip(at[1])) return { page: at[0], skip: at[1] }
  return null
}

const positionOf = (page: number, skip: number): Position => (skip === 0 ? page : [page, skip])

const paginationError = (message: string): PaymuxError =>
  new PaymuxError({ kind: 'pagination', provider: PROVIDER, message })

const badPosition = (): PaymuxError =>
  new PaymuxError({
    kind: 'checkpoint_mismatch',
    provider: PROVIDER,
    message: 'checkpoint does not hold a page position',
  })

/**
 * Positions after `from`, up to `links.last` and at most FOLLOWING_CAP of them. `step` is the
 * slice size (Infinity: whole pages); the last page's size comes from `total` when it is known.
 */
const followingOf = (
  from: At,
  step: number,
  last: number,
  perPage: number,
  total: number | null | undefined,
): Position[] => {
  const lastSize = typeof total === 'number' ? total - (last - 1) * perPage : perPage
  const sizeOf = (page: number) => (page < last || lastSize < 1 || lastSize > perPage ? perPage : lastSize)
  const out: Position[] = []
  let { page, skip } = from
  while (out.length < FOLLOWING_CAP) {
    skip += step
    if (skip >= sizeOf(page)) {
      page += 1
      skip = 0
    }
    if (page > last) break
    out.push(positionOf(page, skip))
  }
  return out
}

/**
 * Page numbers must follow each other (issue 12, guarantee 4): a `links.next` past `page + 1`
 * skips whole pages, and `has_more` on a page that already reaches `total` promises pages that
 * cannot exist. Either is the provider's paging gone wrong, said here rather than delivered as a
 * listing with a hole in it.
 */
const skippedPages = <W>(path: string, env: wire.ListPage<W>, page: number, next: number): PaymuxError | null => {
  const total = typeof env.total === 'number' ? `, total ${env.total}` : ''
  if (next !== page + 1) {
    return paginationError(
      `${path} page ${page} links to page ${next} as next${total}: pages ${page + 1} to ${next - 1} would be skipped`,
    )
  }
  const perPage = env.page_size ?? SERVER_PAGE_SIZE
  if (typeof env.total === 'number' && perPage >= 1 && page * perPage >= env.total + perPage) {
    return paginationError(
      `${path} page ${page} claims more although ${page} pages of ${perPage} already exceed total ${env.total}: the provider repeats pages`,
    )
  }
  return null
}

/** One PriceBlocs page (or slice of one) as a core `PageResult`. */
const toResult = <T>(
  spec: ListSpec<T>,
  env: wire.ListPage<T>,
  at: At,
  staleAhead: (page: number, total: number) => boolean,
): E.Either<PaymuxError, PageResult<T>> => {
  if (env.page !== undefined && env.page !== at.page) {
    return E.left(paginationError(`asked ${spec.path} for page ${at.page}, PriceBlocs answered page ${env.page}`))
  }
  const all = env.data
  const end = spec.pageSize === null ? all.length : Math.min(all.length, at.skip + spec.pageSize)
  const items: T[] = []
  let exhausted = false
  for (let i = at.skip; i < end; i++) {
    const item = all[i] as T
    if (spec.exhausted?.(item)) {
      exhausted = true
      break
    }
    items.push(item)
  }
  // A client-side filter makes PriceBlocs' `total` count objects this listing drops.
  const total = !spec.filtered && spec.exhausted === null ? (env.total ?? null) : null

  let next: At | null = null
  if (exhausted) next = null
  else if (end < all.length) next = { page: at.page, skip: end }
  else if (env.has_more) {
    // The page number, never the URL, is taken from the `links` hash.
    const page = env.links?.next?.page ?? at.page + 1
    if (page <= at.page) {
      return E.left(paginationError(`${spec.path} page ${at.page} links to page ${page} as next: it does not advance`))
    }
    const skipped = skippedPages(spec.path, env, at.page, page)
    if (skipped) return E.left(skipped)
    next = { page, skip: 0 }
  }
  if (next === null) return E.right({ items, next: null, total })

  const last = env.links?.last?.page
  const perPage = env.page_size ?? SERVER_PAGE_SIZE
  const following =
    last === undefined || perPage < 1
      ? []
      : followingOf(next, spec.pageSize ?? Number.POSITIVE_INFINITY, last, perPage, env.total)
  // Drift under concurrency (core's `createDriftGuard`): a next page answered before objects were created
  // that this page counts would skip an object. `[page, 0]` names the same page under a new
  // position, so core drops that answer and fetches the page again.
  const refetch = next.skip === 0 && typeof env.total === 'number' && staleAhead(next.page, env.total)
  return E.right({ items, next: refetch ? [next.page, 0] : positionOf(next.page, next.skip), total, following })
}

/** The `FetchPage` of one listing. Holds a few raw pages, for slices of a page already fetched. */
export const listPages = <T>(spec: ListSpec<T>): FetchPage<T> => {
  const cache = new Map<number, wire.ListPage<T>>()
  const remember = (page: number, env: wire.ListPage<T>) => {
    cache.delete(page)
    cache.set(page, env)
    if (cache.size > CACHED_PAGES) cache.delete(cache.keys().next().value as number)
  }
  const drift = createDriftGuard()
  const request = (page: number, signal: AbortSignal) =>
    spec.transport.request({ path: spec.path, query: { page, ...spec.params }, signal }, spec.decode)
  /** A page from PriceBlocs, fetched once more when it is behind the page in front of it. */
  const fresh = (page: number, signal: AbortSignal): TE.TaskEither<PaymuxError, wire.ListPage<T>> =>
    pipe(
      request(page, signal),
      TE.chain((env) =>
        typeof env.total === 'number' && drift.behind(page, env.total) ? request(page, signal) : TE.right(env),
      ),
      TE.map((env) => {
        if (typeof env.total === 'number') drift.record(page, env.total)
        if (spec.pageSize !== null && spec.pageSize < env.data.length) remember(page, env)
        return env
      }),
    )
  return ({ at, signal }) => {
    const position = readPosition(at)
    if (position === null) return TE.left(badPosition())
    if (at === null) drift.reset()
    // The first slice of a page is always fetched fresh; later slices reuse it when held.
    const held = position.skip > 0 ? cache.get(position.page) : undefined
    const envelope = held ? TE.right(held) : fresh(position.page, signal)
    return pipe(
      envelope,
      TE.chainEitherK((env) => toResult(spec, env, position, drift.staleAhead)),
    )
  }
}

/**
 * A listing of objects embedded in another object (line items inside a link or a checkout):
 * one request, served as one page, or in slices of `pageSize`. Positions are offsets.
 */
export const embeddedPages = <T>(
  load: (signal: AbortSignal) => TE.TaskEither<PaymuxError, readonly T[]>,
  pageSize: number | null,
): FetchPage<T> => {
  let held: readonly T[] | null = null
  return ({ at, signal }) => {
    const offset = at === null ? 0 : isSkip(at) ? at : -1
    if (offset < 0) return TE.left(badPosition())
    const all: TE.TaskEither<PaymuxError, readonly T[]> =
      offset > 0 && held !== null
        ? TE.right(held)
        : pipe(
            load(signal),
            TE.map((items) => (held = items)),
          )
    return pipe(
      all,
      TE.map((items): PageResult<T> => {
        if (pageSize === null || offset + pageSize >= items.length) {
          return { items: offset === 0 ? items : items.slice(offset), next: null, total: items.length }
        }
        const end = offset + pageSize
        const following: number[] = []
        for (let o = end + pageSize; o < items.length && following.length < FOLLOWING_CAP; o += pageSize)
          following.push(o)
        return { items: items.slice(offset, end), next: end, total: items.length, following }
      }),
    )
  }
}
