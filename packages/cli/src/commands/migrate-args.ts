/**
 * The command line of `paymux migrate`, checked in full before anything connects: which of the
 * four modes (`--dry-run`, `--apply`, `--verify`, `--revert`), the two providers, the journal,
 * the pace and the results file. Every problem is a usage error (exit 2) that names the option,
 * so a migration never starts half-configured.
 */
import { extname, resolve } from 'node:path'
import {
  PROVIDER_IDS,
  flag,
  parseCommandLine,
  parseInteger,
  parseResource,
  positionals,
  str,
  type OptionSpecs,
  type Parsed,
  type ProviderId,
} from '../args.ts'
import { usageError } from '../cli-error.ts'
import type { CliResource } from '../resources.ts'

export const MIGRATE_OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  apply: { type: 'boolean' },
  verify: { type: 'boolean' },
  revert: { type: 'boolean' },
  journal: { type: 'string' },
  concurrency: { type: 'string' },
  rps: { type: 'string' },
  results: { type: 'string' },
  sandbox: { type: 'boolean' },
  force: { type: 'boolean' },
  'success-url': { type: 'string' },
} as const satisfies OptionSpecs

/** What `paymux migrate` does: plan, copy, check the copies, or undo them. */
export const MIGRATE_MODES = ['dry-run', 'apply', 'verify', 'revert'] as const
export type MigrateMode = (typeof MIGRATE_MODES)[number]

/** Writes of one source object the target may take at once, and the same bound as export's windows. */
export const MAX_MIGRATE_CONCURRENCY = 64
/** Requests per second: above this a pace is no longer a pace (the sandbox alone serves fewer). */
export const MAX_MIGRATE_RPS = 10_000

/** The per-object results file: its absolute path and format (from its extension). */
export interface ResultsFile {
  readonly path: string
  readonly format: 'ndjson' | 'csv'
}

interface Common {
  readonly resource: CliResource
  readonly to: ProviderId
  /** `--sandbox`: a provider without a key may be the built-in sandbox of this process. */
  readonly sandbox: boolean
}

export interface DryRunRequest extends Common {
  readonly mode: 'dry-run'
  readonly from: ProviderId
  readonly json: boolean
}

export interface ApplyRequest extends Common {
  readonly mode: 'apply'
  readonly from: ProviderId
  /** Absolute path of the journal. */
  readonly journal: string
  readonly concurrency: number | undefined
  readonly requestsPerSecond: number | undefined
  readonly results: ResultsFile | null
  /** `--force`: use a journal written for another source, target, resource or filters. */
  readonly force: boolean
  /** `--success-url`: where buyers of the copies go after paying (an http(s) URL). */
  readonly successUrl: string | undefined
}

export interface VerifyRequest extends Common {
  readonly mode: 'verify'
  readonly from: ProviderId
  readonly journal: string
  readonly results: ResultsFile | null
}

export interface RevertRequest extends Common {
  readonly mode: 'revert'
  readonly journal: string
  readonly results: ResultsFile | null
}

export type MigrateRequest = DryRunRequest | ApplyRequest | VerifyRequest | RevertRequest

const HINT = 'see paymux migrate --help'

/** Which options each mode takes (beyond the resource, `--to` and `--sandbox`). */
const TAKES: Readonly<Record<string, readonly MigrateMode[]>> = {
  from: ['dry-run', 'apply', 'verify'],
  json: ['dry-run'],
  journal: ['apply', 'verify', 'revert'],
  concurrency: ['apply'],
  rps: ['apply'],
  results: ['apply', 'verify', 'revert'],
  force: ['apply'],
  'success-url': ['apply'],
}

const list = (modes: readonly MigrateMode[]): string => {
  const named = modes.map((m) => `--${m}`)
  return named.length === 1 ? (named[0] as string) : `${named.slice(0, -1).join(', ')} and ${named.at(-1) as string}`
}

/** `--from` / `--to`: one provider, required. */
export const parseSide = (name: '--from' | '--to', value: string | undefined): ProviderId => {
  if (value === undefined) throw usageError(`${name} is required`, `add ${name} ${PROVIDER_IDS.join('|')}`)
  if ((PROVIDER_IDS as readonly string[]).includes(value)) return value as ProviderId
  throw usageError(`unknown provider ${JSON.stringify(value)} for ${name}`, `use ${name} ${PROVIDER_IDS.join('|')}`)
}

const modeOf = (p: Parsed): MigrateMode => {
  const given = MIGRATE_MODES.filter((m) => flag(p, m))
  if (given.length === 0) {
    throw usageError(
      `say what to do: add ${list(MIGRATE_MODES).replace(' and ', ' or ')}`,
      `nothing was read or written; ${HINT}`,
    )
  }
  if (given.length > 1) throw usageError(`${list(given)} cannot be combined`, `give one of them; ${HINT}`)
  return given[0] as MigrateMode
}

/** A file option's value as an absolute path; empty is a usage error. */
const fileOption = (p: Parsed, name: string, cwd: string): string | undefined => {
  const value = str(p, name)
  if (value === undefined) return undefined
  if (value.trim() === '') throw usageError(`--${name} is empty`, `give a file name; ${HINT}`)
  return resolve(cwd, value)
}

/** `--results FILE.ndjson|FILE.csv`: the format is the extension's, so a name never lies about its content. */
const resultsOf = (path: string | undefined): ResultsFile | null => {
  if (path === undefined) return null
  const ext = extname(path).toLowerCase()
  if (ext === '.csv') return { path, format: 'csv' }
  if (ext === '.ndjson' || ext === '.jsonl') return { path, format: 'ndjson' }
  throw usageError(
    `--results needs a .ndjson or .csv file, got ${JSON.stringify(ext || path)}`,
    'the extension picks the format',
  )
}

/** Parses and checks the whole command line of `paymux migrate` (not `--help`). */
export const parseMigrateLine = (p: Parsed, cwd: string): MigrateRequest => {
  const [resourceName] = positionals(p, ['resource'], 'migrate')
  const resource = parseResource(resourceName as string)
  const mode = modeOf(p)
  for (const [name, modes] of Object.entries(TAKES)) {
    if (p.values[name] !== undefined && !modes.includes(mode)) {
      const why = name === 'from' ? ': the journal names the source' : ''
      throw usageError(`--${name} is not for --${mode}${why}`, `--${name} goes with ${list(modes)}; ${HINT}`)
    }
  }
  const to = parseSide('--to', str(p, 'to'))
  const common = { resource, to, sandbox: flag(p, 'sandbox') }
  if (mode === 'dry-run') {
    const from = parseSide('--from', str(p, 'from'))
    checkSides(from, to)
    return { ...common, mode, from, json: flag(p, 'json') }
  }
  const journal = fileOption(p, 'journal', cwd)
  if (journal === undefined) {
    throw usageError(`--${mode} needs --journal FILE`, 'the journal records every object, so a rerun continues')
  }
  const results = resultsOf(fileOption(p, 'results', cwd))
  if (results?.path === journal) throw usageError('--results and --journal are the same file', 'give two files')
  if (mode === 'revert') return { ...common, mode, journal, results }
  const from = parseSide('--from', str(p, 'from'))
  checkSides(from, to)
  if (mode === 'verify') return { ...common, mode, from, journal, results }
  const count = (name: string, max: number): number | undefined => {
    const v = str(p, name)
    return v === undefined ? undefined : parseInteger(`--${name}`, v, 1, max)
  }
  return {
    ...common,
    mode,
    from,
    journal,
    results,
    concurrency: count('concurrency', MAX_MIGRATE_CONCURRENCY),
    requestsPerSecond: count('rps', MAX_MIGRATE_RPS),
    force: flag(p, 'force'),
    successUrl: successUrlOf(str(p, 'success-url')),
  }
}

/** `--success-url`: an absolute http(s) URL, as a checkout page can redirect to. */
const successUrlOf = (value: string | undefined): string | undefined => {
  if (value === undefined) return undefined
  let url: URL | null = null
  try {
    url = new URL(value)
  } catch {
    url = null
  }
  if (url === null || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw usageError(`--success-url needs an absolute http(s) URL, got ${JSON.stringify(value)}`, HINT)
  }
  return value
}

const checkSides = (from: ProviderId, to: ProviderId): void => {
  if (from === to) throw usageError(`--from and --to are both ${from}`, 'migrate between two different providers')
}

/** `parseCommandLine` with migrate's options: the whole entry for the command and its tests. */
export const parseMigrateArgs = (args: readonly string[], cwd: string): MigrateRequest | 'help' => {
  const p = parseCommandLine(args, MIGRATE_OPTIONS, 'migrate')
  return flag(p, 'help') ? 'help' : parseMigrateLine(p, cwd)
}
