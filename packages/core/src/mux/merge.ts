/**
 * `createMergedListing`: the merged listing of `paymux([...])` behind the ordinary `Paginator<T>`.
 * It checks the paging options and the checkpoint once, before any request (each part of a merged
 * checkpoint against the listing of its provider), and every iteration is one `MergeRun` over
 * the providers' `FetchPage`s (merge-run.ts; sources: merge-sources.ts; position: merge-position.ts).
 */
import * as E from 'fp-ts/lib/Either.js'
import { PaymuxError } from '../errors.ts'
import { decodeCheckpoint, type CheckpointScope } from '../paging/checkpoint.ts'
import { readPagingOptions } from '../paging/list-query.ts'
import { failedPaginator } from '../paging/paginator.ts'
import { firstPageAt, paginatorFromRuns } from '../paging/run-paginator.ts'
import type { ListQuery, Paginator } from '../paging/types.ts'
import { readMergePosition, type MergePosition } from './merge-position.ts'
import { MergeRun, type StartState } from './merge-run.ts'
import type { Mergeable, MergeSource } from './merge-sources.ts'

export type { Mergeable, MergeSource } from './merge-sources.ts'

/** Objects per merged page when the query gives none. */
export const DEFAULT_MERGED_PAGE = 100
/** Most objects per merged page (each provider pages with its own size). */
const MAX_MERGED_PAGE = 10_000

export interface MergedListingSpec<T> {
  /** The merged listing's scope: its checkpoints are bound to it. */
  readonly scope: CheckpointScope
  readonly sources: readonly MergeSource<T>[]
  /** The paging mechanics of the query (`pageSize` is the merged page's). */
  readonly query: ListQuery
}

const corrupted = (): PaymuxError =>
  new PaymuxError({
    kind: 'checkpoint_mismatch',
    provider: 'paymux',
    message: 'merged checkpoint is corrupted: its providers part does not match this listing',
  })

/** Each provider's start, read from a merged position: its raw position, checked by its source. */
const startsOf = <T>(
  sources: readonly MergeSource<T>[],
  position: MergePosition | null,
): Map<string, StartState> | PaymuxError => {
  const starts = new Map<string, StartState>()
  for (const source of sources) {
    const part = position?.providers[source.provider] ?? { skip: 0 }
    if (part === 'done') {
      starts.set(source.provider, 'done')
      continue
    }
    const delivered = { skip: part.skip, ...(part.last === undefined ? {} : { last: part.last }) }
    if (part.at === undefined || part.r === undefined || part.f === undefined) {
      starts.set(source.provider, { at: null, ...delivered })
      continue
    }
    const at = source.positionOf({ r: part.r, f: part.f, at: part.at })
    if (at instanceof PaymuxError) return at
    starts.set(source.provider, { at, ...delivered })
  }
  return starts
}

/** The merged listing of `spec.sources`, newest first; bad options and a foreign checkpoint fail before any request. */
export const createMergedListing = <T extends Mergeable>(spec: MergedListingSpec<T>): Paginator<T> => {
  const q = spec.query
  const options = readPagingOptions('paymux', q, { pageSize: { min: 1, max: MAX_MERGED_PAGE } })
  if (options instanceof PaymuxError) return failedPaginator(options)
  const decoded = q.resumeFrom === undefined ? E.right(null) : decodeCheckpoint(spec.scope, q.resumeFrom)
  if (E.isLeft(decoded)) return failedPaginator(decoded.left)
  const position =
    decoded.right === null
      ? null
      : readMergePosition(
          decoded.right,
          spec.sources.map((s) => s.provider),
        )
  if (decoded.right !== null && position === null) return failedPaginator(corrupted())
  const start = startsOf(spec.sources, position)
  if (start instanceof PaymuxError) return failedPaginator(start)

  const newRun = () =>
    new MergeRun<T>({
      scope: spec.scope,
      sources: spec.sources,
      start,
      pageSize: options.pageSize ?? DEFAULT_MERGED_PAGE,
      prefetch: options.prefetch,
      maxPages: options.maxPages,
      signal: q.signal,
      onSummary: q.onSummary,
    })

  return paginatorFromRuns(
    newRun,
    firstPageAt(q, (query) => createMergedListing({ ...spec, query })),
  )
}
