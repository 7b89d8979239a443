/**
 * `paymux migrate <resource> --from P --to Q --verify --journal FILE`: core's `verifyMigration`
 * re-reads every copy the journal names and compares what was carried with its source object.
 * Read-only on both sides. Exit 0 when every copy matches; 1 when one differs or is missing
 * (running again changes nothing: see `--results` for which fields); 75 when some could not be
 * read for now.
 */
import { verifyMigration, type VerifyObjectResult } from '@paymux/core'
import type { Io } from '../io.ts'
import { RESOURCES } from '../resources.ts'
import type { VerifyRequest } from './migrate-args.ts'
import { checkJournal, shownPath } from './migrate-journal.ts'
import { countFailure, emptyTally, finishRun, migrationFailure, pace } from './migrate-outcome.ts'
import { writeResults, type ResultRow } from './migrate-results.ts'
import { openMigrateSession } from './migrate-session.ts'

export const verifyRow = (r: VerifyObjectResult): ResultRow => ({
  subject: 'object',
  sourceId: r.source,
  outcome: r.status,
  targetId: r.target,
  reason:
    r.status === 'mismatch' && r.fields
      ? `differs: ${r.fields.join(', ')}`
      : r.status === 'missing'
        ? 'the target has no such object'
        : null,
  errorKind: r.errorKind ?? null,
})

export const verifyCommand = async (r: VerifyRequest, io: Io): Promise<number> => {
  const info = RESOURCES[r.resource]
  const session = openMigrateSession(io, {
    mode: 'verify',
    providers: [r.from, r.to],
    journal: r.journal,
    sandbox: r.sandbox,
  })
  try {
    await checkJournal(r.journal, io.cwd, 'verify', { from: r.from, to: r.to, resource: info.key })
    const source = await session.provider(r.from)
    const target = await session.provider(r.to)
    const started = Date.now()
    let result
    try {
      result = await verifyMigration(source, target, info.key, {
        journal: r.journal,
        ...(io.signal ? { signal: io.signal } : {}),
      })
    } catch (e) {
      throw migrationFailure(e, 'verify')
    }
    const tally = emptyTally()
    for (const o of result.results) {
      if (o.status === 'error') countFailure(tally, o.errorKind)
      else if (o.status !== 'ok') tally.permanent += 1
    }
    await writeResults(r.results, result.results.map(verifyRow))
    const t = result.totals
    const summary =
      `paymux: verified ${info.plural} from ${r.from} to ${r.to}: ${t.checked} checked, ${t.ok} ok, ${t.mismatch} differ, ` +
      `${t.missing} missing, ${t.error} unreadable (${pace(t.checked, Date.now() - started)}; journal ${shownPath(r.journal, io.cwd)})`
    return finishRun(io.stderr, summary, tally, false)
  } finally {
    await session.close()
  }
}
