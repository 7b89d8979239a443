/**
 * One create, exactly once: the claim (with its deterministic key and marker) is appended before
 * anything is sent, the target id right after the answer. When the answer is lost
 * (`outcome_unknown`), a target with idempotency keys gets the same request with the same key
 * (it answers the first outcome); a target without keys is asked for the object by its marker,
 * and the create is sent again only when the target holds no object carrying it.
 */
import { PaymuxError, isPaymuxError } from '../errors.ts'
import type { JournalSubject } from './apply-types.ts'
import type { Journal } from './journal.ts'
import { migrationKey, type MigrationScope } from './migration-ids.ts'
import type { Pacer } from './pacer.ts'

/** What every journaled write of one run shares. */
export interface WriteScope {
  readonly scope: MigrationScope
  readonly journal: Journal
  readonly pace: Pacer
  /** The target honours idempotency keys (its manifest's `idempotencyKeys`). */
  readonly keyed: boolean
  readonly now: () => number
}

/** A create that did not end with a target object: the run goes on with the next source. */
export class CreateFailed extends Error {
  readonly outcome: 'failed' | 'outcome_unknown'
  readonly error: PaymuxError
  constructor(outcome: 'failed' | 'outcome_unknown', error: PaymuxError) {
    super(error.message)
    this.outcome = outcome
    this.error = error
  }
}

/** How one create is sent and, without keys, looked for. */
export interface CreateCall<T extends { readonly id: string }> {
  readonly subject: JournalSubject
  readonly source: string
  /** The marker the object will carry, or null when the target cannot keep one for this create. */
  readonly marker: string | null
  readonly send: (key: string, marker: string | null) => Promise<T>
  /** Objects carrying the marker, created since then; null when the target cannot look. */
  readonly find: ((since: Date) => Promise<readonly { readonly id: string }[]>) | null
}

const errorOf = (e: PaymuxError) => ({ kind: e.kind, message: e.message })

const ambiguous = (w: WriteScope, c: CreateCall<{ id: string }>, message: string, cause?: PaymuxError) =>
  new PaymuxError({
    kind: 'outcome_unknown',
    provider: w.scope.to,
    retryable: false,
    message: `${c.subject} for source ${c.source}: ${message}`,
    ...(cause === undefined ? {} : { cause }),
  })

/**
 * Settles a claim whose answer was lost, by the marker: the object's id, null when the target
 * holds none (safe to send again), or an `outcome_unknown` error when several carry it.
 */
export const settleByMarker = async (
  w: WriteScope,
  c: CreateCall<{ id: string }>,
  since: Date,
): Promise<string | null> => {
  if (c.find === null) throw ambiguous(w, c, 'the target keeps no marker for this create: look for it by hand')
  const found = await c.find(since)
  if (found.length > 1) {
    throw ambiguous(
      w,
      c,
      `${found.length} target objects carry marker ${c.marker ?? ''}: ${found.map((f) => f.id).join(', ')}`,
    )
  }
  return found[0]?.id ?? null
}

/** Claims, sends and records one create; the target object's id. Journal failures reject as they are. */
export const journaledCreate = async <T extends { readonly id: string }>(
  w: WriteScope,
  c: CreateCall<T>,
): Promise<string> => {
  const key = migrationKey(w.scope, c.subject, c.source, 'create')
  await w.journal.record({
    type: 'claimed',
    subject: c.subject,
    source: c.source,
    key,
    ...(c.marker === null ? {} : { marker: c.marker }),
  })
  const since = new Date(w.now())
  // Two sends at most: the first, and one after a lost answer was settled as "not created" (or replayed by key).
  for (let attempt = 0; ; attempt += 1) {
    await w.pace()
    let failure: PaymuxError
    try {
      const made = await c.send(key, c.marker)
      await w.journal.record({ type: 'created', subject: c.subject, source: c.source, target: made.id })
      return made.id
    } catch (e) {
      if (!isPaymuxError(e)) throw e
      failure = e
    }
    if (failure.kind !== 'outcome_unknown') {
      await w.journal.record({ type: 'failed', subject: c.subject, source: c.source, error: errorOf(failure) })
      throw new CreateFailed('failed', failure)
    }
    let unknown: PaymuxError | null = attempt >= 1 ? failure : null
    if (unknown === null && !w.keyed) {
      try {
        const found = await settleByMarker(w, c, since)
        if (found !== null) {
          await w.journal.record({ type: 'created', subject: c.subject, source: c.source, target: found })
          return found
        }
      } catch (e) {
        if (!isPaymuxError(e)) throw e
        unknown = e
      }
    }
    if (unknown !== null) {
      await w.journal.record({ type: 'outcome_unknown', subject: c.subject, source: c.source, error: errorOf(unknown) })
      throw new CreateFailed('outcome_unknown', unknown)
    }
  }
}
