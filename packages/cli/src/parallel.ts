/**
 * How `export` fetches: the fastest mode the listing allows unless told otherwise (`--parallel N`,
 * `--sequential`), read from the provider's capability manifest. A listing whose manifest says
 * `options.partitions: 'supported'` is listed as N `created` windows at once in no particular
 * order (core's `partitions`, `order: 'any'`); one with `listing.maxConcurrency` above 1 fetches
 * N pages at once and still delivers them in order (`concurrency`); other listings (cursor
 * pages, the merged `--provider all`) fetch one page ahead of the writer.
 */
import { MAX_PARTITIONS, isPartitionedCheckpoint, type PaymentProvider } from '@paymux/core'
import { flag, parseInteger, str, type OptionSpecs, type Parsed } from './args.ts'
import { CliError, usageError } from './cli-error.ts'
import { listingOf, type Paging } from './listing.ts'
import { entryOf } from './providers.ts'
import { RESOURCES, type CliResource } from './resources.ts'

export const PARALLEL_OPTIONS = {
  parallel: { type: 'string' },
  sequential: { type: 'boolean' },
} as const satisfies OptionSpecs

/** Requests in flight when neither option is given, where the listing allows more than one. */
export const DEFAULT_PARALLEL = 8

/** `--parallel N` or `--sequential` (which is `--parallel 1`); null when neither is given. */
export const parseParallel = (p: Parsed): number | null => {
  const text = str(p, 'parallel')
  const sequential = flag(p, 'sequential')
  if (text === undefined) return sequential ? 1 : null
  const n = parseInteger('--parallel', text, 1, MAX_PARTITIONS)
  if (sequential && n !== 1) throw usageError('--sequential contradicts --parallel', 'give one of them')
  return n
}

export interface FetchMode {
  /** What `openListing` adds to the query. */
  readonly paging: Pick<Paging, 'partitions' | 'order' | 'concurrency' | 'prefetch'>
  /** For the summary line, e.g. `8 created windows in parallel`. */
  readonly description: string
}

export const SEQUENTIAL: FetchMode = { paging: { prefetch: 1 }, description: 'sequential' }

/** Whether a mode lists `created` windows, the one mode that can break a provider's assumptions. */
export const isPartitioned = (mode: FetchMode): boolean => mode.paging.partitions !== undefined

/**
 * The mode of an export. `source` is the one provider listed, or null for the merged listing
 * of all providers. `resumeFrom` is the interrupted export's checkpoint: a partitioned one
 * resumes partitioned (with any N, 1 included), and a sequential one sequentially whatever N,
 * since a plain checkpoint holds one cursor.
 */
export const fetchMode = (
  source: Pick<PaymentProvider, 'id' | 'capabilities'> | null,
  resource: CliResource,
  requested: number | null,
  resumeFrom: string | null,
): FetchMode => {
  const info = RESOURCES[resource]
  const n = requested ?? DEFAULT_PARALLEL
  if (source === null) {
    if (requested !== null && requested > 1) {
      throw new CliError(
        'unsupported',
        'a merged export of all providers cannot be fetched in parallel',
        'drop --parallel',
      )
    }
    return SEQUENTIAL
  }
  const label = entryOf(source.id).label
  if (source.capabilities[info.key].options?.['partitions'] === 'supported') {
    const partitionedCheckpoint = resumeFrom !== null && isPartitionedCheckpoint(resumeFrom)
    if (resumeFrom !== null && !partitionedCheckpoint) return SEQUENTIAL
    if (n === 1 && !partitionedCheckpoint) return SEQUENTIAL
    return {
      paging: { partitions: n, order: 'any' },
      description: n === 1 ? '1 created window at a time' : `${n} created windows in parallel`,
    }
  }
  const maxConcurrency = listingOf(source, resource)?.maxConcurrency ?? 1
  if (maxConcurrency > 1) {
    if (n > maxConcurrency) throw usageError(`--parallel for ${label} is at most ${maxConcurrency}`)
    return n === 1 ? SEQUENTIAL : { paging: { concurrency: n }, description: `${n} pages in parallel` }
  }
  if (requested !== null && requested > 1) {
    throw new CliError('unsupported', `${label} ${info.plural} cannot be fetched in parallel`, 'drop --parallel')
  }
  return SEQUENTIAL
}
