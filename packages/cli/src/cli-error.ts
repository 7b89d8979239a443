/**
 * How the CLI fails: every error ends as ONE line on stderr,
 * `paymux: <kind>: <message> (<what to do>)`, and an exit code: 2 for usage, 75 when running the
 * same command again with `--resume` is the fix, 3 when a write's outcome is unknown, 1 otherwise (130 / 143 after a signal: bin.ts).
 * Library errors keep their `PaymuxError` kind; the CLI adds three of its own kinds.
 */
import { isPaymuxError, redact, type ErrorKind, type PaymuxError } from '@paymux/core'

/** `usage`: bad command line (exit 2). `io`: the file system. `internal`: a bug in paymux. */
export type CliKind = ErrorKind | 'usage' | 'io' | 'internal'

/** Success. */
export const EXIT_OK = 0
/** A permanent failure: running the same command again will fail the same way. */
export const EXIT_FAILURE = 1
/** A usage error: the command line is wrong; nothing was done. */
export const EXIT_USAGE = 2
/** sysexits' EX_TEMPFAIL: a transient failure; the same command with `--resume` continues. */
export const EXIT_TEMPFAIL = 75
/**
 * A write whose outcome is unknown (`outcome_unknown`): the request left, the answer did not
 * arrive. Neither success nor a failure to retry blindly: the same command with the printed
 * `--idempotency-key` settles it (the provider replays the first answer instead of writing twice).
 */
export const EXIT_OUTCOME_UNKNOWN = 3
/** 128 + the signal number, as shells report a process stopped by Ctrl-C / SIGTERM. */
export const EXIT_SIGINT = 130
/** Exit code after SIGTERM (128 + 15), as shells report a process ended by that signal. */
export const EXIT_SIGTERM = 143

export class CliError extends Error {
  override readonly name = 'CliError'
  readonly kind: CliKind
  /** What the user can do about it, shown in parentheses. */
  readonly hint: string
  /** The exit code when it is not the kind's default (75 for a resumable export failure). */
  readonly exitCode: number | undefined

  constructor(kind: CliKind, message: string, hint: string, cause?: unknown, exitCode?: number) {
    super(message, cause === undefined ? {} : { cause })
    this.kind = kind
    this.hint = hint
    this.exitCode = exitCode
  }
}

/** Error kinds where the provider or the network failed for now: trying again later may work. */
export const TRANSIENT_KINDS: ReadonlySet<CliKind> = new Set(['rate_limited', 'server', 'timeout', 'connection'])

/**
 * A library message as the CLI shows it: without the listing engine's advice to library
 * callers (`(page 1 of this paymentLinks listing; resume with error.checkpoint)`), which names
 * code, not commands. The CLI's own hint says what to run instead.
 */
export const cliMessage = (e: PaymuxError): string => {
  if (e.kind === 'aborted') return 'interrupted'
  const message = e.message.replace(/\s*\([^()]*\blisting\b[^()]*error\.checkpoint[^()]*\)/g, '')
  return e.provider && !message.includes(e.provider) ? `${e.provider}: ${message}` : message
}

export const usageError = (message: string, hint = 'see paymux --help'): CliError =>
  new CliError('usage', message, hint)

/** Environment-variable prefix of a provider, for hints: `WOOSHPAY`, `PRICEBLOCS`. */
const envOf = (provider: string | null): string => (provider ? provider.toUpperCase() : '<PROVIDER>')

/** A default "what to do" per library error kind; commands may give a more precise one. */
export const hintFor = (e: PaymuxError): string => {
  const env = envOf(e.provider)
  switch (e.kind) {
    case 'config':
      return `check ${env}_API_KEY and ${env}_BASE_URL`
    case 'authentication':
      return `check ${env}_API_KEY, or unset it to use the built-in sandbox`
    case 'permission':
      return `use a secret key of ${e.provider ?? 'the provider'} that may read this resource`
    case 'invalid_request':
      return 'check the arguments; see --help'
    case 'not_found':
      return 'check the id and --provider'
    case 'rate_limited':
    case 'server':
    case 'timeout':
    case 'conflict':
      return 'retry in a minute'
    case 'connection':
      return `check ${env}_BASE_URL and the network`
    case 'aborted':
      return 'run the command again'
    case 'decode':
    case 'pagination':
      return 'run again with --debug and report it'
    case 'checkpoint_mismatch':
      return 'resume with the same resource, provider and filters'
    case 'unsupported':
      return 'try the other --provider'
    case 'outcome_unknown':
      return e.idempotencyKey === null
        ? 'list the objects created since the call to see whether it happened before trying again'
        : `run the same command again with --idempotency-key ${e.idempotencyKey} to settle it`
    case 'idempotency_conflict':
      return 'use a new --idempotency-key for different data'
    case 'invalid_state':
      return 'get the object to see its current status'
    case 'integrity_mismatch':
      return 'get the object and compare it with what you sent; report it'
    case 'invalid_signature':
      return 'check the webhook secret and pass the raw request body'
  }
}

/** Node's file-system error codes that are the user's to fix, with what to do. */
const IO_HINTS: Readonly<Record<string, string>> = {
  ENOENT: 'check that the directory exists',
  EACCES: 'check the file permissions',
  EPERM: 'check the file permissions',
  EISDIR: 'give a file name, not a directory',
  ENOSPC: 'free some disk space, then run again with --resume',
  EADDRINUSE: 'pick another --port, or --port 0 for free ports',
  EROFS: 'write somewhere writable',
}

export interface Failure {
  readonly line: string
  readonly exitCode: number
}

/**
 * Turns anything thrown into the one-line message and exit code. `secrets` are removed from
 * the message on top of core's `redact`, so a key that matches no known shape still cannot
 * leak. The hint is the CLI's own text (never a value from outside), so it is not scrubbed: a
 * key prefix such as `sk_test_…` in it stays readable whatever the environment holds.
 */
export const describeFailure = (e: unknown, secrets: readonly string[] = []): Failure => {
  let kind: CliKind
  let message: string
  let hint: string
  let exitCode: number | undefined
  if (e instanceof CliError) {
    ;({ kind, message, hint, exitCode } = e)
  } else if (isPaymuxError(e)) {
    kind = e.kind
    message = cliMessage(e)
    hint = hintFor(e)
  } else if (e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string') {
    const code = (e as NodeJS.ErrnoException).code as string
    kind = 'io'
    message = e.message
    hint = IO_HINTS[code] ?? 'check the file and run again'
  } else {
    kind = 'internal'
    message = e instanceof Error ? e.message : String(e)
    hint = 'run again with --debug and report it'
  }
  const line = `paymux: ${kind}: ${scrub(message.replace(/\s*\n\s*/g, ' '), secrets)} (${hint})`
  return { line, exitCode: exitCode ?? defaultExit(kind) }
}

const defaultExit = (kind: CliKind): number => {
  if (kind === 'usage') return EXIT_USAGE
  return kind === 'outcome_unknown' ? EXIT_OUTCOME_UNKNOWN : EXIT_FAILURE
}

/** Removes each secret, then anything shaped like a credential. */
export const scrub = (text: string, secrets: readonly string[]): string => {
  let out = text
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('[REDACTED]')
  return redact(out)
}
