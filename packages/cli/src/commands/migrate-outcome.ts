/**
 * How a migration run ends for the shell: one exit code that says what to do next, and the
 * errors the library throws turned into that same vocabulary.
 *
 *   0   done: every migratable object copied (or verified, or reverted)
 *   75  resumable: the run stopped early or some objects failed for now (rate limits, 5xx, the
 *       network): the same command again continues from the journal
 *   3   needs settling: a write may have happened and could not be settled; the same command
 *       again settles it first (keys replayed, or the target searched for the marker)
 *   1   failed: objects the target refused, or copies that differ; running again changes nothing
 *
 * A run can hold several of these at once; the code is the one whose next step comes first:
 * settling before retrying, retrying before giving up. 130 / 143 (a signal) come from bin.ts.
 */
import { isPaymuxError } from '@paymux/core'
import {
  CliError,
  EXIT_FAILURE,
  EXIT_OK,
  EXIT_OUTCOME_UNKNOWN,
  EXIT_TEMPFAIL,
  TRANSIENT_KINDS,
  cliMessage,
  hintFor,
  type CliKind,
} from '../cli-error.ts'

/** Objects of one run by what their failure asks of the user. */
export interface FailureTally {
  /** Outcome unknown: settle first. */
  unknown: number
  /** Failed for now: run again. */
  transient: number
  /** Refused or different: fix first. */
  permanent: number
}

export const emptyTally = (): FailureTally => ({ unknown: 0, transient: 0, permanent: 0 })

/** Counts one failed object by its error kind (absent: permanent, the safe reading for a retry loop). */
export const countFailure = (tally: FailureTally, errorKind: string | undefined): void => {
  if (errorKind === 'outcome_unknown') tally.unknown += 1
  else if (errorKind !== undefined && (TRANSIENT_KINDS.has(errorKind as CliKind) || errorKind === 'aborted')) {
    tally.transient += 1
  } else tally.permanent += 1
}

/** The exit code of a run that ended (`stopped`: it did not reach the end, e.g. Ctrl-C). */
export const exitCodeOf = (tally: FailureTally, stopped: boolean): number => {
  if (tally.unknown > 0) return EXIT_OUTCOME_UNKNOWN
  if (stopped || tally.transient > 0) return EXIT_TEMPFAIL
  return tally.permanent > 0 ? EXIT_FAILURE : EXIT_OK
}

const AGAIN = 'run the same command again: it continues from the journal'

/**
 * A library error that ended the run, with the migration's hint and exit code: transient ones
 * exit 75, an unknown outcome 3, a journal of another migration says how to proceed.
 */
export const migrationFailure = (e: unknown, mode: 'apply' | 'verify' | 'revert'): unknown => {
  if (!isPaymuxError(e)) return e
  if (e.kind === 'checkpoint_mismatch') {
    const hint =
      mode === 'apply'
        ? "use this migration's journal, or add --force to use it anyway"
        : 'use the journal of this migration'
    return new CliError(e.kind, cliMessage(e), hint, e)
  }
  if (e.kind === 'outcome_unknown') return new CliError(e.kind, cliMessage(e), AGAIN, e, EXIT_OUTCOME_UNKNOWN)
  if (TRANSIENT_KINDS.has(e.kind))
    return new CliError(e.kind, cliMessage(e), `${hintFor(e)}, then ${AGAIN}`, e, EXIT_TEMPFAIL)
  return e
}

/** What to do next, as one line for stderr, or null when nothing is left to do. */
export const nextStep = (code: number): string | null => {
  switch (code) {
    case EXIT_OUTCOME_UNKNOWN:
      return 'paymux: some writes may have happened and could not be settled: run the same command again to settle them first (exit 3)'
    case EXIT_TEMPFAIL:
      return `paymux: not finished: ${AGAIN} (exit 75)`
    case EXIT_FAILURE:
      return 'paymux: some objects failed for good: see --results for which and why (exit 1)'
    default:
      return null
  }
}

/**
 * Ends a run: the summary line, then what to do next when something is left (not after an
 * interruption, whose exit code says it), and the exit code.
 */
export const finishRun = (
  stderr: { write(text: string): unknown },
  summary: string,
  tally: FailureTally,
  stopped: boolean,
  interrupted = false,
): number => {
  stderr.write(`${summary}\n`)
  const code = exitCodeOf(tally, stopped)
  const next = nextStep(code)
  if (next !== null && !interrupted) stderr.write(`${next}\n`)
  return code
}

/** `3.2 s, 11 objects/s`. */
export const pace = (objects: number, ms: number): string =>
  `${(ms / 1000).toFixed(1)} s, ${Math.round((objects * 1000) / Math.max(ms, 1))} objects/s`
