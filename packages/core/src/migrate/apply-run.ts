/**
 * The run of `applyMigration`: open (or check) the journal, settle what an earlier run left
 * claimed, then copy every source object through a bounded pool, paced, journaling each step.
 * See journaled-create.ts for the exactly-once rule and catalogue.ts for shared prices.
 */
import { PaymuxError, isPaymuxError } from '../errors.ts'
import type { PaymentLink } from '../model/payment-link.ts'
import type { PaymentProvider, ResourceName } from '../provider.ts'
import type { ApplyObjectResult, ApplyOptions, ApplyResult, ApplyTotals } from './apply-types.ts'
import { catalogueOf } from './catalogue.ts'
import { planObject, targetModel } from './evaluate.ts'
import { openJournal, type Journal } from './journal.ts'
import { CreateFailed, journaledCreate, settleByMarker, type CreateCall, type WriteScope } from './journaled-create.ts'
import { hasCatalogue, linkInput } from './link-input.ts'
import { migrationKey, migrationMarker } from './migration-ids.ts'
import { createPacer, systemClock } from './pacer.ts'
import { runPool } from './pool.ts'
import { sourceObjects, type SourceObject } from './source-objects.ts'

const DEFAULT_DETAIL = 1000
/** Journal steps after which the object exists at the target. */
const EXISTS = new Set(['created', 'updated', 'verified', 'mismatch'])

const invalid = (message: string) => new PaymuxError({ kind: 'invalid_request', provider: 'paymux', message })

const checkOptions = (o: ApplyOptions): void => {
  if (
    typeof o.journal !== 'string' &&
    (typeof o.journal?.read !== 'function' || typeof o.journal.append !== 'function')
  ) {
    throw invalid('journal must be a file path or a JournalStore')
  }
  const c = o.concurrency ?? 1
  if (!Number.isInteger(c) || c < 1 || c > 64) throw invalid('concurrency must be an integer from 1 to 64')
  const r = o.requestsPerSecond
  if (r !== undefined && !(Number.isFinite(r) && r > 0)) throw invalid('requestsPerSecond must be a number above 0')
}

/** The marker finder of the target's links, or null when it keeps none. */
const linkFinder = (to: PaymentProvider, marker: string | null) => {
  const markers = to.paymentLinks.markers
  return markers === undefined || marker === null ? null : (since: Date) => markers.find(marker, { since })
}

/**
 * Before anything is sent: every create an earlier run claimed and never recorded, on a target
 * without keys, is looked for by its marker. Found: recorded as created. Not found: back to
 * planned (sending it again cannot duplicate). Several, or no marker: `outcome_unknown`, left
 * for a person; the run never sends it again. With keys the claim is replayed by the copy itself.
 */
const settleClaims = async (w: WriteScope, to: PaymentProvider, settled: Set<string>): Promise<void> => {
  if (w.keyed) return
  for (const it of w.journal.items()) {
    if (it.subject !== 'object' || it.target !== null || it.claim === null) continue
    if (it.step !== 'claimed' && it.step !== 'outcome_unknown') continue
    const call: CreateCall<{ id: string }> = {
      subject: 'object',
      source: it.source,
      marker: it.claim.marker,
      send: () => Promise.reject(new Error('not sent while settling')),
      find: linkFinder(to, it.claim.marker),
    }
    try {
      const found = await settleByMarker(w, call, new Date(it.claim.at))
      if (found !== null) {
        await w.journal.record({ type: 'created', subject: 'object', source: it.source, target: found })
        settled.add(it.source)
      } else await w.journal.record({ type: 'planned', subject: 'object', source: it.source })
    } catch (e) {
      if (!isPaymuxError(e)) throw e
      if (it.step !== 'outcome_unknown') {
        await w.journal.record({
          type: 'outcome_unknown',
          subject: 'object',
          source: it.source,
          error: { kind: e.kind, message: e.message },
        })
      }
    }
  }
}

type Counter = { -readonly [K in keyof ApplyTotals]: number }

export const runApply = async (
  from: PaymentProvider,
  to: PaymentProvider,
  resource: ResourceName,
  o: ApplyOptions,
): Promise<ApplyResult> => {
  checkOptions(o)
  const clock = o.clock ?? systemClock
  const filters = o.filters ?? {}
  const journal: Journal = await openJournal(
    o.journal,
    { version: 1, from: from.id, to: to.id, resource, filters },
    { create: true, now: clock.now, ...(o.force === undefined ? {} : { force: o.force }) },
  )
  try {
    const w: WriteScope = {
      scope: { from: from.id, to: to.id, resource },
      journal,
      pace: createPacer(o.requestsPerSecond, clock),
      keyed: to.capabilities.idempotencyKeys === 'supported',
      now: clock.now,
    }
    const target = targetModel(to, resource)
    const catalogue = hasCatalogue(to)
    const priceOf = catalogueOf(w, to)
    const totals: Counter = { read: 0, created: 0, alreadyDone: 0, notMigratable: 0, failed: 0, outcomeUnknown: 0 }
    const results: ApplyObjectResult[] = []
    const detail = o.detail ?? DEFAULT_DETAIL
    const settled = new Set<string>()

    const done = (r: ApplyObjectResult): void => {
      const key = (
        {
          created: 'created',
          already_done: 'alreadyDone',
          not_migratable: 'notMigratable',
          failed: 'failed',
          outcome_unknown: 'outcomeUnknown',
        } as const
      )[r.outcome]
      totals[key] += 1
      if (results.length < detail) results.push(r)
      o.onProgress?.({ totals: { ...totals }, last: r })
    }

    /** A created link whose source is inactive is set inactive (targets create links active). */
    const finish = async (source: SourceObject, targetId: string): Promise<void> => {
      if (source.active !== false || journal.item('object', source.id)?.step !== 'created') return
      await w.pace()
      await to.paymentLinks.update(
        targetId,
        { active: false },
        { idempotencyKey: migrationKey(w.scope, 'object', source.id, 'update') },
      )
      await journal.record({ type: 'updated', subject: 'object', source: source.id, target: targetId })
    }

    const copy = async (source: SourceObject): Promise<void> => {
      totals.read += 1
      const entry = planObject(source, target)
      const item = journal.item('object', source.id)
      if (!entry.migratable) {
        if (item?.step !== 'not_migratable') {
          await journal.record({ type: 'not_migratable', subject: 'object', source: source.id, reasons: entry.reasons })
        }
        return done({ source: source.id, outcome: 'not_migratable', reasons: entry.reasons })
      }
      const outcome = (): 'created' | 'already_done' => (settled.has(source.id) ? 'created' : 'already_done')
      try {
        if (item?.target && (EXISTS.has(item.step) || item.step === 'reverted')) {
          await finish(source, item.target)
          return done({ source: source.id, outcome: outcome(), target: item.target })
        }
        if (item && !w.keyed && (item.step === 'claimed' || item.step === 'outcome_unknown')) {
          // Left by settleClaims: it may exist, and nothing can tell. Never sent again.
          return done({
            source: source.id,
            outcome: 'outcome_unknown',
            reasons: ['an earlier create may have happened: settle it by hand'],
          })
        }
        if (item === undefined) await journal.record({ type: 'planned', subject: 'object', source: source.id })
        const input = await linkInput(source as PaymentLink, target, catalogue, priceOf, o.successUrl)
        const marker = to.paymentLinks.markers?.carries(input) === true ? migrationMarker(w.scope, source.id) : null
        const id = await journaledCreate(w, {
          subject: 'object',
          source: source.id,
          marker,
          send: (key, m) =>
            to.paymentLinks.create(input, { idempotencyKey: key, ...(m === null ? {} : { marker: m }) }),
          find: linkFinder(to, marker),
        })
        await finish(source, id)
        done({ source: source.id, outcome: 'created', target: id })
      } catch (e) {
        if (e instanceof CreateFailed) {
          return done({ source: source.id, outcome: e.outcome, reasons: [e.error.message], errorKind: e.error.kind })
        }
        // A failed update after the create: the object exists; the next run sets it inactive.
        if (isPaymuxError(e) && journal.item('object', source.id)?.target) {
          return done({ source: source.id, outcome: 'failed', reasons: [e.message], errorKind: e.kind })
        }
        throw e
      }
    }

    await settleClaims(w, to, settled)
    await runPool(sourceObjects(from, resource, filters), o.concurrency ?? 1, copy, () => o.signal?.aborted === true)
    const aborted = o.signal?.aborted === true
    return {
      from: from.id,
      to: to.id,
      resource,
      totals: { ...totals },
      results,
      aborted,
      done: !aborted && totals.failed === 0 && totals.outcomeUnknown === 0,
    }
  } finally {
    await journal.close()
  }
}
