/**
 * `verifyMigration(from, to, resource, { journal })`: re-reads every object the journal says was
 * created, and its source, and compares what the migration carried (the plan's field list for
 * that object). Each result is recorded in the journal (`verified` or `mismatch`).
 */
import { isPaymuxError } from '../errors.ts'
import type { PaymentLink } from '../model/payment-link.ts'
import type { PaymentProvider, ResourceName } from '../provider.ts'
import type { VerifyObjectResult, VerifyOptions, VerifyResult } from './apply-types.ts'
import { differences } from './compare.ts'
import { planObject, targetModel } from './evaluate.ts'
import { openJournal } from './journal.ts'
import { hasCatalogue } from './link-input.ts'
import { systemClock } from './pacer.ts'
import { retrieveObject } from './source-objects.ts'

const CREATED = new Set(['created', 'updated', 'verified', 'mismatch'])

/** Re-reads every created target object and compares the carried fields with the source's. */
export const verifyMigration = async (
  from: PaymentProvider,
  to: PaymentProvider,
  resource: ResourceName,
  options: VerifyOptions,
): Promise<VerifyResult> => {
  const journal = await openJournal(
    options.journal,
    { version: 1, from: from.id, to: to.id, resource, filters: undefined },
    { create: false, now: systemClock.now, ...(options.force === undefined ? {} : { force: options.force }) },
  )
  try {
    const target = targetModel(to, resource)
    const priceMap = hasCatalogue(to) ? (id: string) => journal.item('price', id)?.target ?? null : null
    const results: VerifyObjectResult[] = []
    const totals = { checked: 0, ok: 0, mismatch: 0, missing: 0, error: 0 }
    for (const it of journal.items()) {
      if (it.subject !== 'object' || it.target === null || !CREATED.has(it.step)) continue
      totals.checked += 1
      const base = { source: it.source, target: it.target }
      let r: VerifyObjectResult
      try {
        const copy = await retrieveObject(to, resource, it.target, options.signal)
        const source = await retrieveObject(from, resource, it.source, options.signal)
        const carried = planObject(source, target).carried
        const fields = differences(source as PaymentLink, copy as PaymentLink, carried, priceMap)
        r = fields.length === 0 ? { ...base, status: 'ok' } : { ...base, status: 'mismatch', fields }
      } catch (e) {
        if (!isPaymuxError(e)) throw e
        // A source gone since the copy is an error of the check, not a missing copy.
        r =
          e.kind === 'not_found' && e.provider === to.id
            ? { ...base, status: 'missing' }
            : { ...base, status: 'error', errorKind: e.kind }
      }
      totals[r.status] += 1
      results.push(r)
      await journal.record({
        type: r.status === 'ok' ? 'verified' : 'mismatch',
        subject: 'object',
        source: it.source,
        target: it.target,
        reasons: r.status === 'ok' ? [] : (r.fields ?? [r.status]),
      })
    }
    return { ok: totals.checked === totals.ok, results, totals }
  } finally {
    await journal.close()
  }
}
