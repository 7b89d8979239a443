/**
 * What a partitioned listing assumes of the provider, checked with the evidence it already has
 * (issue 12, guarantee 3). Windows only give the same objects as one plain listing when the
 * provider's `created` filter selects by the very `created` its objects carry, with `gte`
 * inclusive and `lt` exclusive, and lists each window newest first. A provider that compares
 * another value (say milliseconds for some objects), bends a bound or sorts otherwise would make
 * the windows lose or repeat objects silently; each check below turns such evidence into a
 * `pagination` error with code `partition_assumption`, on which a caller can list again without
 * partitions (the CLI's export does).
 *
 * - bounds: every object a window's listing brings lies inside the bounds the window asked for;
 * - order: a window's objects come newest first, page after page;
 * - cut: objects a window's page brought below its floor (they belong to the windows split off
 *   below it) must be delivered by those windows before the listing completes.
 */
import { PaymuxError } from '../../errors.ts'

/** The `code` of every error raised here (the CLI's export restarts sequentially on it). */
export const PARTITION_ASSUMPTION = 'partition_assumption'

const ADVICE = 'list without partitions (for the CLI export: --sequential) to get every object exactly once'

export const assumptionError = (assumption: string, evidence: string): PaymuxError =>
  new PaymuxError({
    kind: 'pagination',
    code: PARTITION_ASSUMPTION,
    message: `partitioned listing: the provider broke the assumption that ${assumption} (${evidence}); ${ADVICE}`,
  })

const iso = (s: number): string => {
  const d = new Date(s * 1000)
  return Number.isNaN(d.getTime()) ? `${s} s` : d.toISOString()
}

/** The bounds a window asked the provider for, and the `created` its last object had. */
export interface WindowEvidence {
  readonly gte: number
  readonly lt: number | null
  /** `created` of the oldest object the window's listing brought so far; null before any. */
  last: number | null
}

/** Checks one page of a window's own listing (before anything is dropped or delivered). */
export const checkWindowPage = <T>(
  w: WindowEvidence,
  items: readonly T[],
  createdOf: (item: T) => number,
  idOf: (item: T) => string,
): PaymuxError | null => {
  for (const item of items) {
    const created = createdOf(item)
    if (created < w.gte || (w.lt !== null && created >= w.lt)) {
      const upper = w.lt === null ? '' : ` and created < ${w.lt} (${iso(w.lt)})`
      return assumptionError(
        'its created filter selects by the created of the objects it returns',
        `asked for created >= ${w.gte} (${iso(w.gte)})${upper}, it returned ${idOf(item)} created ${created} (${iso(created)})`,
      )
    }
    if (w.last !== null && created > w.last) {
      return assumptionError(
        'it lists objects newest first',
        `${idOf(item)} created ${created} (${iso(created)}) came after an object created ${w.last} (${iso(w.last)})`,
      )
    }
    w.last = created
  }
  return null
}

/**
 * Objects seen below a window's floor, which the windows below must deliver. Held until the
 * listing completes, at most one page per window (a window ends where its page crosses its floor).
 */
export class CutObjects {
  private readonly pending = new Map<string, number>()

  /** Remembers the part of a page below the window's floor. */
  add<T>(items: readonly T[], createdOf: (item: T) => number, idOf: (item: T) => string): void {
    for (const item of items) this.pending.set(idOf(item), createdOf(item))
  }

  /** The error for the first remembered object the listing did not deliver; null when all were. */
  check(delivered: (id: string) => boolean): PaymuxError | null {
    for (const [id, created] of this.pending) {
      if (delivered(id)) continue
      return assumptionError(
        'its created filter selects every object by the created it carries',
        `${id} created ${created} (${iso(created)}) was listed by a window above its range, but no window covering it returned it`,
      )
    }
    return null
  }
}
