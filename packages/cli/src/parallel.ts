/**
 * How `export` fetches: the fastest mode the listing allows unless told otherwise (`--parallel N`,
 * `--sequential`). WooshPay payment intents and checkout sessions are listed as N `created`
 * windows at once in no particular order (core's `partitions`, `order: 'any'`); PriceBlocs
 * fetches N pages at once and still delivers them in order (`concurrency`); other listings
 * (WooshPay payment links, the merged `--provider all`) fetch one page ahead of the writer.
 */
import { MAX_PARTITIONS, isPartitionedCheckpoint } from '@paymux/core'
import { flag, parseInteger, str, type OptionSpecs, type Parsed, type ProviderId } from './args.ts'
import { CliError, usageError } from './cli-error.ts'
import type { Paging } from './listing.ts'
import { RESOURCES, type CliResource } from './resources.ts'

export const PARALLEL_OPTIONS = {
  parallel: { type: 'string' },
  sequential: { type: 'boolean' },
} as const satisfies OptionSpecs

/** Requests in flight when neither option is given, where the listing allows more than one. */
export const DEFAULT_PARALLEL = 8
/** PriceBlocs' `concurrency` is capped by core's paginator. */
const MAX_PRICEBLOCS_CONCURRENCY = 16

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

const SEQUENTIAL: FetchMode = { paging: { prefetch: 1 }, description: 'sequential' }

/**
 * The mode of an export. `resumeFrom` is the interrupted export's checkpoint: a partitioned one
 * resumes partitioned (with any N, 1 included), and a sequential one sequentially whatever N,
 * since a plain checkpoint holds one cursor.
 */
export const fetchMode = (
  provider: ProviderId | 'all',
  resource: CliResource,
  requested: number | null,
  resumeFrom: string | null,
): FetchMode => {
  const info = RESOURCES[resource]
  const n = requested ?? DEFAULT_PARALLEL
  const partitionable = provider === 'wooshpay' && info.key !== 'paymentLinks'
  if (partitionable) {
    const partitionedCheckpoint = resumeFrom !== null && isPartitionedCheckpoint(resumeFrom)
    if (resumeFrom !== null && !partitionedCheckpoint) return SEQUENTIAL
    if (n === 1 && !partitionedCheckpoint) return SEQUENTIAL
    return {
      paging: { partitions: n, order: 'any' },
      description: n === 1 ? '1 created window at a time' : `${n} created windows in parallel`,
    }
  }
  if (provider === 'priceblocs') {
    if (n > MAX_PRICEBLOCS_CONCURRENCY) {
      throw usageError(`--parallel for PriceBlocs is at most ${MAX_PRICEBLOCS_CONCURRENCY}`)
    }
    return n === 1 ? SEQUENTIAL : { paging: { concurrency: n }, description: `${n} pages in parallel` }
  }
  if (requested !== null && requested > 1) {
    const which = provider === 'all' ? 'a merged export of all providers' : `WooshPay ${info.plural}`
    throw new CliError('unsupported', `${which} cannot be fetched in parallel`, 'drop --parallel')
  }
  return SEQUENTIAL
}
