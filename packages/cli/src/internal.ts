/**
 * `@paymux/cli/internal`: the CLI's building blocks, exported for its own tests (and for the
 * curious). No stability promise: only `run` from `@paymux/cli` and the `paymux` command are
 * the public interface.
 */
export * from './args.ts'
export * from './cli-error.ts'
export * from './export-file.ts'
export * from './filters.ts'
export * from './format/amount.ts'
export * from './format/csv.ts'
export * from './format/ndjson.ts'
export * from './format/table.ts'
export * from './io.ts'
export * from './progress.ts'
export { run } from './main.ts'
