/**
 * What a run measures for its `ListingSummary`: how long it has taken and what the client's
 * counters moved by since it started. Shared by plain and partitioned runs.
 */
import type { ListingSummary, RequestCounters } from './types.ts'

export type RunMeasures = Pick<ListingSummary, 'requests' | 'retries' | 'waitedMs' | 'durationMs'>

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
}
