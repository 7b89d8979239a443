/**
 * `revertMigration(to, { journal })`: deletes what the journal created at `to` or, where the
 * target cannot delete links, deactivates them, and touches nothing else (it acts on the target
 * ids the journal recorded, never on a listing). Each one is recorded (`reverted`), so a second
 * revert sends nothing. Products and prices are kept: the neutral API can neither delete nor
 * deactivate them (they are listed as `kept`).
 */
import { isPaymuxError } from '../errors.ts'
import type { PaymentProvider } from '../provider.ts'
import type { RevertObjectResult, RevertOptions, RevertResult } from './apply-types.ts'
import { openJournal } from './journal.ts'
import { systemClock } from './pacer.ts'

/** Deactivates or deletes every object the journal created at `to`; records each in the journal. */
export const revertMigration = async (to: PaymentProvider, options: RevertOptions): Promise<RevertResult> => {
  const journal = await openJournal(
    options.journal,
    { version: 1, from: undefined, to: to.id, resource: undefined, filters: undefined },
    { create: false, now: systemClock.now },
  )
  try {
    if (journal.header.resource !== 'paymentLinks') {
      return { ok: true, results: [], totals: { deleted: 0, deactivated: 0, already: 0, kept: 0, failed: 0 } }
    }
    const canDelete = to.capabilities.paymentLinks.operations['delete'] === 'supported'
    const results: RevertObjectResult[] = []
    const totals = { deleted: 0, deactivated: 0, already: 0, kept: 0, failed: 0 }
    const opts = options.signal ? { signal: options.signal } : {}
    for (const it of journal.items()) {
      if (it.target === null) continue
      const base = { source: it.source, target: it.target, subject: it.subject }
      let r: RevertObjectResult
      if (it.step === 'reverted') r = { ...base, status: 'already' }
      else if (it.subject !== 'object') r = { ...base, status: 'kept' }
      else {
        try {
          if (canDelete) await to.paymentLinks.delete(it.target, opts)
          else await to.paymentLinks.update(it.target, { active: false }, opts)
          r = { ...base, status: canDelete ? 'deleted' : 'deactivated' }
        } catch (e) {
          if (!isPaymuxError(e)) throw e
          r = e.kind === 'not_found' ? { ...base, status: 'already' } : { ...base, status: 'failed', errorKind: e.kind }
        }
        if (r.status !== 'failed') {
          await journal.record({ type: 'reverted', subject: 'object', source: it.source, target: it.target })
        }
      }
      totals[r.status] += 1
      results.push(r)
    }
    return { ok: totals.failed === 0, results, totals }
  } finally {
    await journal.close()
  }
}
