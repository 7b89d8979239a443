/**
 * What every run (plain, partitioned, merged) shares of its lifecycle: how long it has taken and
 * what the client's counters moved by since it started (`RunMeter`, for the `ListingSummary`),
 * how it hears of the caller's abort (`onAbort`) and the error an abort is (`abortedListing`).
 */
import { PaymuxError } from '../errors.ts'
import type { CheckpointScope } from './checkpoint.ts'
import type { ListingSummary, RequestCounters } from './types.ts'

export type RunMeasures = Pick<ListingSummary, 'requests' | 'retries' | 'waitedMs' | 'durationMs'>

/** What a run knows of itself when it ends: the rest of its summary is measured. */
export interface RunTally {
  readonly outcome: ListingSummary['outcome']
  readonly pages: number
  readonly items: number
  readonly checkpoint: string | null
}

export class RunMeter {
  private readonly startedAt = Date.now()
  private readonly counters: RequestCounters | undefined
  private readonly atStart: ReturnType<RequestCounters> | undefined

  constructor(counters: RequestCounters | undefined) {
    this.counters = counters
    this.atStart = counters?.()
  }

  /** Counts are null when the source does not count requests. */
  read(): RunMeasures {
    const now = this.counters?.()
    const start = this.atStart
    const delta = (k: 'requests' | 'retries' | 'waitedMs') => (now && start ? now[k] - start[k] : null)
    return {
      requests: delta('requests'),
      retries: delta('retries'),
      waitedMs: delta('waitedMs'),
      durationMs: Date.now() - this.startedAt,
    }
  }

  /** The run's summary: what it tallied, measured now; the checkpoint is null when complete. */
  summary(scope: CheckpointScope, tally: RunTally): ListingSummary {
    return {
      provider: scope.provider,
      resource: scope.resource,
      outcome: tally.outcome,
      pages: tally.pages,
      items: tally.items,
      ...this.read(),
      checkpoint: tally.outcome === 'complete' ? null : tally.checkpoint,
    }
  }
}

/** Calls `react` once when `signal` aborts; the returned function unlinks it (a run that ended). */
export const onAbort = (signal: AbortSignal | undefined, react: () => void): (() => void) => {
  signal?.addEventListener('abort', react, { once: true })
  return () => signal?.removeEventListener('abort', react)
}

/** The error of a listing the caller aborted, its reason kept as the cause. */
export const abortedListing = (scope: CheckpointScope, signal: AbortSignal | undefined): PaymuxError =>
  new PaymuxError({
    kind: 'aborted',
    provider: scope.provider,
    message: `listing of ${scope.resource} was aborted`,
    cause: signal?.reason,
  })
