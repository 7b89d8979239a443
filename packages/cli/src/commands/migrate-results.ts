/**
 * The per-object results file of `paymux migrate --apply|--verify|--revert --results FILE`: one
 * line per object, NDJSON or CSV (by the file's extension), with the same fixed columns in both,
 * written through the export's format writers (so CSV cells a spreadsheet would run are
 * neutralised here too). Rows are streamed as objects finish, so memory stays flat however
 * large the migration, and a run that is killed leaves the rows of what it finished. The file
 * is a report of one run, rewritten by the next: the journal, not this file, is what a rerun
 * trusts.
 */
import { createWriteStream, type WriteStream } from 'node:fs'
import { csvRow, type CsvValue } from '../format/csv.ts'
import { ndjsonLine } from '../format/ndjson.ts'
import type { ResultsFile } from './migrate-args.ts'

/** One object's outcome in this run, as the results file shows it. */
export interface ResultRow {
  /** `object` (the migrated resource), or `product` / `price` a reverted link needed. */
  readonly subject: string
  /** The object's id at the source. */
  readonly sourceId: string
  /** `created`, `already_done`, `not_migratable`, `failed`, `outcome_unknown`; `ok`, `mismatch`, `missing`; `deleted`, `deactivated`, `already`. */
  readonly outcome: string
  /** The copy's id at the target, when there is one. */
  readonly targetId: string | null
  /** Why it was not migrated, what differs, or what failed; null when it went as planned. */
  readonly reason: string | null
  /** The error kind of a failure (`rate_limited`, `outcome_unknown`, ...), else null. */
  readonly errorKind: string | null
}

/** Columns of both formats: NDJSON keys and CSV headers, in one place so they cannot drift. */
const COLUMNS: readonly (readonly [header: string, value: (r: ResultRow) => CsvValue])[] = [
  ['subject', (r) => r.subject],
  ['source_id', (r) => r.sourceId],
  ['outcome', (r) => r.outcome],
  ['target_id', (r) => r.targetId],
  ['reason', (r) => r.reason],
  ['error_kind', (r) => r.errorKind],
]

/** The CSV header line of a results file. */
export const resultsHeader = (): string => csvRow(COLUMNS.map(([h]) => h))

/** One row as a line of `format`. */
export const resultsLine = (row: ResultRow, format: ResultsFile['format']): string =>
  format === 'csv'
    ? csvRow(COLUMNS.map(([, v]) => v(row)))
    : ndjsonLine(Object.fromEntries(COLUMNS.map(([h, v]) => [h, v(row)])))

export interface ResultsWriter {
  add(row: ResultRow): void
  /** Flushes and closes; rejects with the first write error. (A report: no fsync, the journal is the durable record.) */
  close(): Promise<void>
}

/** A whole results file from rows in hand (`--verify`, `--revert`); nothing when `file` is null. */
export const writeResults = async (file: ResultsFile | null, rows: readonly ResultRow[]): Promise<void> => {
  if (file === null) return
  const writer = await openResults(file)
  for (const row of rows) writer.add(row)
  await writer.close()
}

const opened = (stream: WriteStream): Promise<void> =>
  new Promise((resolve, reject) => {
    stream.once('open', () => resolve())
    stream.once('error', reject)
  })

/** Starts `file` afresh (truncated). A directory that does not exist fails here, before any request. */
export const openResults = async (file: ResultsFile): Promise<ResultsWriter> => {
  const stream = createWriteStream(file.path, { flags: 'w', encoding: 'utf8' })
  let failure: Error | null = null
  stream.on('error', (e) => (failure ??= e))
  await opened(stream)
  if (file.format === 'csv') stream.write(resultsHeader())
  return {
    add: (row) => {
      // The stream buffers; a migration's pace (network round trips) is far below the disk's.
      stream.write(resultsLine(row, file.format))
    },
    close: () =>
      new Promise((resolve, reject) => {
        if (failure) return reject(failure)
        stream.end(() => (failure ? reject(failure) : resolve()))
      }),
  }
}
