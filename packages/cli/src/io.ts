/**
 * What a command may touch of the outside world, passed in so that `run()` can be driven from
 * a test with string buffers and a fake environment.
 */

/** A writable text stream: `process.stdout` or a test buffer. */
export interface Output {
  /** `false` (a Node stream whose buffer is full) means: wait for 'drain' before writing more. */
  write(text: string): unknown
  /** Node streams: 'drain' once a full buffer has been flushed. */
  once?(event: 'drain', listener: () => void): unknown
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

/**
 * Writes and, when the stream says its buffer is full, waits until it drained: a slow reader
 * (`paymux list … | slow-consumer`) then slows the listing down instead of filling memory.
 */
export const writeAll = (stream: Output, text: string): Promise<void> | undefined => {
  if (stream.write(text) !== false || !stream.once) return undefined
  const once = stream.once.bind(stream)
  return new Promise((resolve) => once('drain', resolve))
}
