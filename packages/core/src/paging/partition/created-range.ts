/**
 * The user's `created` filter as a half-open range of whole Unix seconds, `[from, to)`, which is
 * what the windows of a partitioned listing split. Bounds are read with `toUnixSeconds`, as the
 * adapters send them, so `gt: x` is `gte: x + 1` and `lte: x` is `lt: x + 1` on whole seconds:
 * the windows then select exactly the objects the unpartitioned listing selects.
 */
import { PaymuxError } from '../../errors.ts'
import { toUnixSeconds } from '../unix-seconds.ts'
import type { CreatedRange } from '../types.ts'

/** One window's filter: `created >= gte` and, when present, `created < lt` (Unix seconds). */
export interface CreatedWindow {
  readonly gte: number
  readonly lt?: number
}

/** `[from, to)` in Unix seconds; `to` null: no upper bound. */
export interface SecondsRange {
  readonly from: number
  readonly to: number | null
}

const BOUNDS = ['gt', 'gte', 'lt', 'lte'] as const

/** Largest |Unix seconds| a `Date` can hold (±8.64e15 ms): beyond it `toISOString` throws a RangeError. */
export const MAX_DATE_SECONDS = 8_640_000_000_000

const isValid = (v: unknown): v is Date | number =>
  v instanceof Date
    ? !Number.isNaN(v.getTime())
    : typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= MAX_DATE_SECONDS

/**
 * Checks a `created` filter: an object whose bounds are valid Dates or Unix seconds within the
 * `Date` range (issue 12, guarantee 5: `lt: 1e13` would crash an error message later). The one
 * check every adapter runs on `created`, before any request; null when it is fine.
 */
export const createdRangeError = (provider: string | null, range: unknown): PaymuxError | null => {
  if (range === undefined) return null
  if (typeof range !== 'object' || range === null) {
    return new PaymuxError({ kind: 'invalid_request', provider, message: 'created must be an object of gt/gte/lt/lte' })
  }
  for (const bound of BOUNDS) {
    const v = (range as Record<string, unknown>)[bound]
    if (v !== undefined && !isValid(v)) {
      return new PaymuxError({
        kind: 'invalid_request',
        provider,
        message: `created.${bound} must be a valid Date or Unix seconds within the Date range (±${MAX_DATE_SECONDS}), got ${String(v)}`,
      })
    }
  }
  return null
}

/**
 * The range a `created` filter selects. Without a lower bound the range starts at the epoch:
 * providers have no object created before it.
 */
export const secondsRange = (provider: string | null, range: CreatedRange | undefined): SecondsRange | PaymuxError => {
  if (range === undefined) return { from: 0, to: null }
  const error = createdRangeError(provider, range)
  if (error) return error
  const s = (v: Date | number | undefined): number | null => (v === undefined ? null : toUnixSeconds(v))
  const lows = [s(range.gte), mapNull(s(range.gt), (x) => x + 1)].filter((x): x is number => x !== null)
  const highs = [s(range.lt), mapNull(s(range.lte), (x) => x + 1)].filter((x): x is number => x !== null)
  return { from: lows.length > 0 ? Math.max(...lows) : 0, to: highs.length > 0 ? Math.min(...highs) : null }
}

const mapNull = (x: number | null, f: (x: number) => number): number | null => (x === null ? null : f(x))

/** True when the range holds no second at all (e.g. `gte` after `lt`). */
export const isEmptyRange = (r: SecondsRange): boolean => r.to !== null && r.to <= r.from
