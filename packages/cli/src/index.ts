/**
 * @paymux/cli as a library: `run(argv, io)` is the whole `paymux` command, for embedding it
 * or driving it from tests. The executable is `bin/paymux.js`.
 */
export { run, type Command } from './main.ts'
export type { Io, Output } from './io.ts'
export { EXIT_FAILURE, EXIT_OK, EXIT_SIGINT, EXIT_SIGTERM, EXIT_TEMPFAIL, EXIT_USAGE } from './cli-error.ts'
