/**
 * The composite checkpoint of a partitioned listing: one ordinary checkpoint (`encodeCheckpoint`)
 * whose position is plain JSON: every window not yet fully delivered, each with its filter bounds
 * (its position is bound to them), its floor after splits, and the raw position of its own
 * listing after the last page delivered to the consumer (`at`, what the window's `FetchPage`
 * takes; null: from the window's start). No checkpoint string is nested inside: on resume the
 * window's listing starts at `at` under the window's own scope.
 * @example { "v": 2, "windows": [{ "gte": 100, "lt": null, "floor": 5000, "at": { "after": "x_9" } }] }
 *
 * Its scope is the unpartitioned listing's, marked as partitioned, so that either kind of
 * listing refuses the other's checkpoint (`checkpoint_mismatch`), and a checkpoint is bound to
 * the filters, the user's `created` range included. It does not hold `partitions` or `order`:
 * the windows it lists partition what is left whatever the number of windows running, and each
 * window resumes at its own position, so a checkpoint taken with 8 windows in any order resumes
 * correctly with 4, or 1, and in either order.
 */
import * as E from 'fp-ts/lib/Either.js'
import { PaymuxError } from '../../errors.ts'
import { decodeCheckpoint, encodeCheckpoint, readEnvelope, type CheckpointScope } from '../checkpoint.ts'
import type { Checkpoint, Json, Position } from '../types.ts'
import type { SecondsRange } from './created-range.ts'

/** What the composite checkpoint records of one window. */
export interface WindowCheckpoint {
  readonly gte: number
  readonly lt: number | null
  readonly floor: number
  /** Where the window's own listing resumes (its raw position); null: from the window's start. */
  readonly at: Position | null
}

/** 2: windows hold raw positions (`at`); 1 held each window's checkpoint string (`pmx1.`, refused). */
const VERSION = 2

const partitionedScopes = new WeakMap<CheckpointScope, CheckpointScope>()

/**
 * The scope of the partitioned form of a listing whose unpartitioned scope is `scope`. One
 * object per scope, so the filter hash behind every page's checkpoint is computed once.
 */
export const partitionedScope = (scope: CheckpointScope): CheckpointScope => {
  let partitioned = partitionedScopes.get(scope)
  if (partitioned === undefined) {
    partitioned = {
      provider: scope.provider,
      resource: scope.resource,
      filters: { partitioned: VERSION, listing: scope.filters },
    }
    partitionedScopes.set(scope, partitioned)
  }
  return partitioned
}

export const encodeComposite = (scope: CheckpointScope, windows: readonly WindowCheckpoint[]): Checkpoint =>
  encodeCheckpoint(partitionedScope(scope), {
    v: VERSION,
    windows: windows.map((w): Json => ({ gte: w.gte, lt: w.lt, floor: w.floor, at: w.at })),
  })

const mismatch = (scope: CheckpointScope, message: string): PaymuxError =>
  new PaymuxError({ kind: 'checkpoint_mismatch', provider: scope.provider, message })

const isSeconds = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v)

const readWindow = (v: unknown): WindowCheckpoint | null => {
  if (typeof v !== 'object' || v === null) return null
  const w = v as Record<string, unknown>
  const { gte, lt, floor, at } = w
  if (!isSeconds(gte) || !isSeconds(floor) || !(lt === null || isSeconds(lt))) return null
  // Any JSON is a position (the window's FetchPage checks its own); a missing one is not.
  if (at === undefined) return null
  if (floor < gte || (lt !== null && floor >= lt)) return null
  return { gte, lt, floor, at: at as Position | null }
}

/**
 * The windows of a composite position, newest first, or null when it is not one this version
 * wrote: windows inside the listing's range and disjoint, at most one open above (the newest).
 */
const readPosition = (position: unknown, range: SecondsRange): WindowCheckpoint[] | null => {
  if (typeof position !== 'object' || position === null) return null
  const p = position as Record<string, unknown>
  if (p['v'] !== VERSION || !Array.isArray(p['windows'])) return null
  const windows: WindowCheckpoint[] = []
  for (const raw of p['windows'] as unknown[]) {
    const w = readWindow(raw)
    if (w === null || w.gte < range.from) return null
    if (range.to !== null && (w.lt === null || w.lt > range.to)) return null
    windows.push(w)
  }
  windows.sort((a, b) => b.floor - a.floor)
  for (let i = 1; i < windows.length; i++) {
    const lt = (windows[i] as WindowCheckpoint).lt
    if (lt === null || lt > (windows[i - 1] as WindowCheckpoint).floor) return null
  }
  return windows
}

/**
 * Reads a composite checkpoint for the partitioned listing of `scope` over `range`. A plain
 * checkpoint of the same listing, one of another listing, and a malformed one are each a
 * `checkpoint_mismatch` that says which.
 */
export const decodeComposite = (
  scope: CheckpointScope,
  range: SecondsRange,
  checkpoint: Checkpoint,
): E.Either<PaymuxError, WindowCheckpoint[]> => {
  const decoded = decodeCheckpoint(partitionedScope(scope), checkpoint)
  if (E.isLeft(decoded)) {
    return E.isRight(decodeCheckpoint(scope, checkpoint))
      ? E.left(
          mismatch(
            scope,
            `checkpoint was taken by an unpartitioned ${scope.resource} listing: resume it without partitions`,
          ),
        )
      : decoded
  }
  const windows = readPosition(decoded.right, range)
  return windows === null ? E.left(mismatch(scope, 'partitioned checkpoint is corrupted')) : E.right(windows)
}

/**
 * For unpartitioned listings: a `checkpoint_mismatch` that says what to do when `resumeFrom` is
 * the composite checkpoint of the same listing (instead of "other filters"); null otherwise.
 */
export const refusePartitionedCheckpoint = (
  scope: CheckpointScope,
  resumeFrom: Checkpoint | undefined,
): PaymuxError | null =>
  resumeFrom !== undefined && E.isRight(decodeCheckpoint(partitionedScope(scope), resumeFrom))
    ? mismatch(
        scope,
        `checkpoint was taken by a partitioned ${scope.resource} listing: pass partitions (any number) to resume it`,
      )
    : null

/**
 * True when `checkpoint` was written by a partitioned listing, whatever its scope; for callers
 * that store checkpoints and must choose how to resume (the CLI's export).
 */
export const isPartitionedCheckpoint = (checkpoint: Checkpoint): boolean => {
  const a = readEnvelope(checkpoint)?.a
  if (typeof a !== 'object' || a === null || Array.isArray(a)) return false
  const position = a as { readonly [key: string]: Json }
  return position['v'] === VERSION && Array.isArray(position['windows'])
}
