/**
 * `paymux migrate <resource> --from P --to Q --apply --journal FILE`: core's `applyMigration`
 * with what a shell needs around it: a progress line on a terminal (stderr), one results row per
 * object as it finishes (`--results`), a summary line, and an exit code that says what to do next
 * (migrate-outcome.ts). The journal is the library's: the CLI only names the file. Ctrl-C stops
 * the run cleanly (nothing new is claimed), prints the summary and exits 130; the same command
 * continues.
 */
import { applyMigration, type ApplyObjectResult, type ApplyTotals } from '@paymux/core'
import type { Io } from '../io.ts'
import { createProgress } from '../progress.ts'
import { RESOURCES } from '../resources.ts'
import type { ApplyRequest } from './migrate-args.ts'
import { shownPath } from './migrate-journal.ts'
import { countFailure, emptyTally, finishRun, migrationFailure, pace } from './migrate-outcome.ts'
import { openResults, type ResultRow, type ResultsWriter } from './migrate-results.ts'
import { openMigrateSession } from './migrate-session.ts'

/** One source object's result as a results row. */
export const applyRow = (r: ApplyObjectResult): ResultRow => ({
  subject: 'object',
  sourceId: r.source,
  outcome: r.outcome,
  targetId: r.target ?? null,
  reason: r.reasons && r.reasons.length > 0 ? r.reasons.join('; ') : null,
  errorKind: r.errorKind ?? null,
})

/** Objects this run has settled one way or another (everything read but those still in flight). */
export const settled = (t: ApplyTotals): number =>
  t.created + t.alreadyDone + t.notMigratable + t.failed + t.outcomeUnknown

/** The summary line of a run. */
export const applySummary = (
  plural: string,
  from: string,
  to: string,
  t: ApplyTotals,
  ms: number,
  journal: string,
): string =>
  `paymux: migrated ${plural} from ${from} to ${to}: ${t.read} read, ${t.created} created, ` +
  `${t.alreadyDone} already done, ${t.notMigratable} not migratable, ${t.failed} failed, ` +
  `${t.outcomeUnknown} outcome unknown (${pace(settled(t), ms)}; journal ${journal})`

export const applyCommand = async (r: ApplyRequest, io: Io): Promise<number> => {
  const info = RESOURCES[r.resource]
  const session = openMigrateSession(io, {
    mode: 'apply',
    providers: [r.from, r.to],
    journal: r.journal,
    sandbox: r.sandbox,
    // `--rps` caps every request of the target client (its creates, updates and look-ups), under
    // which the client still learns the provider's limit from its 429s: one limiter, not two.
    ...(r.requestsPerSecond === undefined ? {} : { limits: { [r.to]: { maxRequestsPerSecond: r.requestsPerSecond } } }),
  })
  let results: ResultsWriter | null = null
  try {
    // One after the other, so the sandbox notices on stderr come in a fixed order.
    const source = await session.provider(r.from)
    const target = await session.provider(r.to)
    results = r.results ? await openResults(r.results) : null
    const tally = emptyTally()
    const progress = createProgress(io.stderr, 0)
    const started = Date.now()
    let result
    try {
      result = await applyMigration(source, target, info.key, {
        journal: r.journal,
        ...(r.concurrency !== undefined ? { concurrency: r.concurrency } : {}),
        ...(r.force ? { force: true } : {}),
        ...(r.successUrl !== undefined ? { successUrl: r.successUrl } : {}),
        ...(io.signal ? { signal: io.signal } : {}),
        onProgress: (p) => {
          if (p.last.outcome === 'failed' || p.last.outcome === 'outcome_unknown') {
            countFailure(tally, p.last.outcome === 'outcome_unknown' ? 'outcome_unknown' : p.last.errorKind)
          }
          results?.add(applyRow(p.last))
          progress.update(settled(p.totals), null)
        },
      })
    } catch (e) {
      throw migrationFailure(e, 'apply')
    } finally {
      progress.end()
    }
    const ms = Date.now() - started
    const summary = applySummary(info.plural, r.from, r.to, result.totals, ms, shownPath(r.journal, io.cwd))
    return finishRun(
      io.stderr,
      `${summary}${result.aborted ? ' (interrupted)' : ''}`,
      tally,
      result.aborted || !result.done,
      result.aborted,
    )
  } finally {
    await results?.close()
    await session.close()
  }
}
