/**
 * `paymux migrate <resource> --to Q --revert --journal FILE`: core's `revertMigration` deletes
 * (or, where Q cannot delete, deactivates) what the journal says this migration created on Q,
 * and nothing else; the journal records each revert, so a rerun skips what is done. The journal
 * is checked first to record a migration to Q: a journal against the wrong provider would name
 * objects that are not the migration's.
 */
import { revertMigration, type RevertObjectResult } from '@paymux/core'
import type { Io } from '../io.ts'
import { RESOURCES } from '../resources.ts'
import type { RevertRequest } from './migrate-args.ts'
import { checkJournal, shownPath } from './migrate-journal.ts'
import { countFailure, emptyTally, finishRun, migrationFailure, pace } from './migrate-outcome.ts'
import { writeResults, type ResultRow } from './migrate-results.ts'
import { openMigrateSession } from './migrate-session.ts'

export const revertRow = (r: RevertObjectResult): ResultRow => ({
  subject: r.subject,
  sourceId: r.source,
  outcome: r.status,
  targetId: r.target,
  reason: null,
  errorKind: r.errorKind ?? null,
})

export const revertCommand = async (r: RevertRequest, io: Io): Promise<number> => {
  const info = RESOURCES[r.resource]
  const session = openMigrateSession(io, { mode: 'revert', providers: [r.to], journal: r.journal, sandbox: r.sandbox })
  try {
    await checkJournal(r.journal, io.cwd, 'revert', { from: null, to: r.to, resource: info.key })
    const target = await session.provider(r.to)
    const started = Date.now()
    let result
    try {
      result = await revertMigration(target, { journal: r.journal, ...(io.signal ? { signal: io.signal } : {}) })
    } catch (e) {
      throw migrationFailure(e, 'revert')
    }
    const tally = emptyTally()
    for (const o of result.results) if (o.status === 'failed') countFailure(tally, o.errorKind)
    await writeResults(r.results, result.results.map(revertRow))
    const t = result.totals
    const all = t.deleted + t.deactivated + t.already + t.failed
    const summary =
      `paymux: reverted the ${info.plural} migration on ${r.to}: ${t.deleted} deleted, ${t.deactivated} deactivated, ` +
      `${t.already} already reverted, ${t.failed} failed (${pace(all, Date.now() - started)}; journal ${shownPath(r.journal, io.cwd)})`
    return finishRun(io.stderr, summary, tally, false)
  } finally {
    await session.close()
  }
}
