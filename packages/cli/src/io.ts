/**
 * What a command may touch of the outside world, passed in so that `run()` can be driven from
 * a test with string buffers and a fake environment.
 */

/** A writable text stream: `process.stdout` or a test buffer. */
export interface Output {
  write(text: string): unknown
  /** True on a terminal: tables and progress bars instead of NDJSON and silence. */
  readonly isTTY?: boolean
  /** Terminal width, when known. */
  readonly columns?: number
}

/** The process around `run()`: its streams, environment, working directory and abort signal. */
export interface Io {
  readonly stdout: Output
  readonly stderr: Output
  readonly env: Readonly<Record<string, string | undefined>>
  /** Relative file arguments are resolved against this directory. */
  readonly cwd: string
  /** Aborted on Ctrl-C / SIGTERM: listings stop, `paymux sandbox` shuts down. */
  readonly signal?: AbortSignal
}

/** The credentials of the environment, removed from every line paymux prints. */
export const secretsOf = (env: Io['env']): string[] =>
  [env['WOOSHPAY_API_KEY'], env['PRICEBLOCS_API_KEY']].filter((k): k is string => typeof k === 'string' && k !== '')
