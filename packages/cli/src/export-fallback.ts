/**
 * The partitioned export's safety net. Listing `created` windows in parallel assumes things of
 * the provider (its `created` filter compares the objects' own `created`, windows come newest
 * first); core checks them with the evidence a listing already has and fails with kind
 * `pagination`, code `partition_assumption`, when one breaks. The export then starts over as
 * one sequential listing by itself, so the default export never delivers less than
 * `--sequential` would.
 */
import { isPaymuxError, type PaymuxError } from '@paymux/core'
import { SEQUENTIAL, isPartitioned, type FetchMode } from './parallel.ts'

/** The error core raises when a provider breaks an assumption of a partitioned listing. */
export const isPartitionAssumptionError = (e: unknown): e is PaymuxError =>
  isPaymuxError(e) && e.kind === 'pagination' && e.code === 'partition_assumption'

/**
 * Runs `attempt(mode)`. When a partitioned attempt fails with `partition_assumption`,
 * `restart(error)` resets the output (and says why), then one sequential attempt runs. Any
 * other error, and any error of a sequential attempt, is the caller's.
 */
export const withSequentialFallback = async <T>(
  mode: FetchMode,
  attempt: (mode: FetchMode) => Promise<T>,
  restart: (error: PaymuxError) => Promise<void>,
): Promise<{ readonly result: T; readonly mode: FetchMode }> => {
  try {
    return { result: await attempt(mode), mode }
  } catch (e) {
    if (!isPartitioned(mode) || !isPartitionAssumptionError(e)) throw e
    await restart(e)
    return { result: await attempt(SEQUENTIAL), mode: SEQUENTIAL }
  }
}
