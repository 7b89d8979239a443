/**
 * `@paymux/cli/internal`: the CLI's building blocks, exported for its own tests (and for the
 * curious). No stability promise: only `run` from `@paymux/cli` and the `paymux` command are
 * the public interface.
 */
export * from './args.ts'
export * from './cli-error.ts'
export * from './export-file.ts'
export * from './export-fallback.ts'
export * from './export-lock.ts'
export * from './filters.ts'
export * from './format/amount.ts'
export * from './format/csv.ts'
export * from './format/ndjson.ts'
export * from './format/table.ts'
export * from './io.ts'
export * from './parallel.ts'
export * from './progress.ts'
export * from './suggest.ts'
export * from './usage.ts'
export { EXPORT_OPTIONS } from './commands/export.ts'
export { GET_OPTIONS } from './commands/get.ts'
export { LIST_OPTIONS } from './commands/list.ts'
export { MIGRATE_OPTIONS } from './commands/migrate.ts'
export { SANDBOX_OPTIONS } from './commands/sandbox.ts'
export { WRITE_OPTIONS } from './commands/write.ts'
export * from './write-data.ts'
export * from './write-resources.ts'
export { run } from './main.ts'
