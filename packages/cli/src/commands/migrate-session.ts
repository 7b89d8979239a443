/**
 * The providers of a migration that writes (`--apply`, `--verify`, `--revert`). Their output is
 * used elsewhere, so a provider without a key is the built-in sandbox only with `--sandbox`.
 *
 * A built-in sandbox lives in this process: it is new and empty of every earlier run's copies.
 * A journal, though, outlives the process, and its target ids name objects of the sandbox that
 * wrote them. So a built-in sandbox is refused wherever a journal from an earlier run would be
 * read against it (a resumed `--apply`, every `--verify` and `--revert`): the run would report
 * copies as missing, or make them twice. Runs that share sandboxes point at one `paymux sandbox`
 * process instead (its printed `*_BASE_URL` and `*_API_KEY` lines), which outlives them.
 */
import { statSync } from 'node:fs'
import type { ProviderId } from '../args.ts'
import { CliError } from '../cli-error.ts'
import type { Io } from '../io.ts'
import { PROVIDERS, openSession, type ClientLimits, type Session } from '../providers.ts'

/** True when `id` has no key in the environment, so it would be the built-in sandbox. */
export const isBuiltInSandbox = (io: Io, id: ProviderId): boolean =>
  io.env[`${PROVIDERS[id].env}_API_KEY`] === undefined

/** The journal holds something an earlier run wrote (a missing or empty file holds nothing). */
const journalHasEntries = (path: string): boolean => {
  try {
    return statSync(path).size > 0
  } catch {
    return false
  }
}

/** The hint that says how several runs share sandboxes. */
export const SHARED_SANDBOX_HINT =
  'run `paymux sandbox --port 0` in another shell and paste the lines it prints here, so every run talks to the same sandboxes'

export interface MigrateSides {
  readonly mode: 'apply' | 'verify' | 'revert'
  readonly providers: readonly ProviderId[]
  readonly journal: string
  readonly sandbox: boolean
  /** Set on the clients of these providers (`--rps`: the target's `maxRequestsPerSecond`). */
  readonly limits?: Partial<Readonly<Record<ProviderId, ClientLimits>>>
}

/**
 * A session for a writing mode, refused (config, exit 1) before any request when a built-in
 * sandbox would meet an earlier run's journal.
 */
export const openMigrateSession = (io: Io, sides: MigrateSides): Session => {
  const builtIn = sides.providers.filter((id) => isBuiltInSandbox(io, id))
  const resumed = sides.mode !== 'apply' || (sides.sandbox && journalHasEntries(sides.journal))
  if (builtIn.length > 0 && resumed) {
    const env = builtIn.map((id) => `${PROVIDERS[id].env}_API_KEY`).join(' and ')
    const what =
      sides.mode === 'apply'
        ? 'the journal was written by an earlier run, whose built-in sandboxes are gone'
        : `--${sides.mode} reads a journal an earlier run wrote, whose built-in sandboxes are gone`
    throw new CliError('config', `no ${env}: ${what}`, SHARED_SANDBOX_HINT)
  }
  return openSession(
    io,
    sides.sandbox ? 'fallback' : 'refuse',
    {
      what: `paymux migrate --${sides.mode} never uses`,
      instead: 'migrate between the built-in sandboxes of this run',
    },
    sides.limits,
  )
}
