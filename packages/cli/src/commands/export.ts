/**
 * `paymux export <resource> --provider P --out FILE`: every object of a listing into a file,
 * one page at a time (bounded memory: at most `--parallel` pages fetched ahead), durable after
 * each page through `ExportFile`, in the fastest mode the listing allows (`parallel.ts`), with
 * progress on a terminal and a summary line (objects per second, mode) at the end.
 * `--out -` streams to stdout instead: no checkpoint, no resume, waiting for a slow reader.
 */
import { resolve } from 'node:path'
import { isPaymuxError, type Paginator, type PaymuxError } from '@paymux/core'
import { flag, parseCommandLine, parseProvider, parseResource, positionals, str } from '../args.ts'
import {
  CliError,
  EXIT_FAILURE,
  EXIT_OK,
  EXIT_TEMPFAIL,
  TRANSIENT_KINDS,
  cliMessage,
  hintFor,
  usageError,
} from '../cli-error.ts'
import { ExportFile, checkpointPath, readCheckpoint, refuseExisting, type ExportIdentity } from '../export-file.ts'
import { withSequentialFallback } from '../export-fallback.ts'
import { acquireLock, type ExportLock } from '../export-lock.ts'
import { FILTER_OPTIONS, filtersToJson, parseFilters, type Filters } from '../filters.ts'
import type { NeutralObject } from '../format/amount.ts'
import { csvHeader, csvLine } from '../format/csv.ts'
import { ndjsonLine, rawLast } from '../format/ndjson.ts'
import { writeAll, type Io } from '../io.ts'
import { createProgress, type Progress } from '../progress.ts'
import { openListing } from '../listing.ts'
import { PARALLEL_OPTIONS, SEQUENTIAL, fetchMode, parseParallel, type FetchMode } from '../parallel.ts'
import { PROVIDERS, openSession, type Session } from '../providers.ts'
import { RESOURCES, type CliResource } from '../resources.ts'
import { EXPORT_HELP } from '../usage.ts'
import type { ProviderId } from '../args.ts'

export const EXPORT_OPTIONS = {
  provider: { type: 'string' },
  out: { type: 'string', short: 'o' },
  format: { type: 'string' },
  resume: { type: 'boolean' },
  force: { type: 'boolean' },
  sandbox: { type: 'boolean' },
  ...PARALLEL_OPTIONS,
  ...FILTER_OPTIONS,
} as const

type Format = 'ndjson' | 'csv'

const parseFormat = (value: string | undefined, out: string): Format => {
  if (value === undefined) return out.toLowerCase().endsWith('.csv') ? 'csv' : 'ndjson'
  if (value === 'ndjson' || value === 'csv') return value
  throw usageError(`unknown format ${JSON.stringify(value)}`, 'use --format ndjson or --format csv')
}

const lineOf = (format: Format, resource: CliResource, o: NeutralObject): string =>
  format === 'csv' ? csvLine(resource, o) : ndjsonLine(rawLast(o))

/** Where the lines go: the durable file, or stdout. */
interface Sink {
  readonly objects: number
  readonly pages: number
  readonly resumeFrom: string | null
  readonly done: boolean
  append(
    text: string,
    next: { resumeFrom: string | null; done: boolean; objects: number; pages: number },
  ): Promise<void>
  /** Back to an empty output; false when the lines already left (stdout). */
  restart(): Promise<boolean>
  finish(): Promise<void>
  close(): Promise<void>
}

const fileSink = (file: ExportFile, header: string): Sink => ({
  get objects() {
    return file.checkpoint.objects
  },
  get pages() {
    return file.checkpoint.pages
  },
  get resumeFrom() {
    return file.checkpoint.resumeFrom
  },
  get done() {
    return file.checkpoint.done
  },
  append: (text, next) => file.append(text, next),
  restart: async () => {
    await file.restart(header)
    return true
  },
  finish: () => file.finish(),
  close: () => file.close(),
})

const stdoutSink = (io: Io, header: string): Sink => {
  let state = { objects: 0, pages: 0, resumeFrom: null as string | null, done: false }
  let headerDue = header !== ''
  return {
    get objects() {
      return state.objects
    },
    get pages() {
      return state.pages
    },
    get resumeFrom() {
      return state.resumeFrom
    },
    get done() {
      return state.done
    },
    append: async (text, next) => {
      if (headerDue) {
        headerDue = false
        await writeAll(io.stdout, header)
      }
      await writeAll(io.stdout, text)
      state = next
    },
    restart: () => Promise.resolve(false),
    finish: () => Promise.resolve(),
    close: () => Promise.resolve(),
  }
}

/** What one export run needs to list and write. */
interface Job {
  readonly session: Session
  readonly io: Io
  readonly provider: ProviderId | 'all'
  readonly resource: CliResource
  readonly format: Format
  readonly filters: Filters
  readonly sink: Sink
  readonly progress: Progress
}

/** The listing from where the sink stands, in `mode`. */
const openFrom = (job: Omit<Job, 'sink' | 'progress'>, mode: FetchMode, resumeFrom: string | null) =>
  openListing(job.session, job.io, job.provider, job.resource, job.filters, {
    // At least one page is fetched while the previous one is written and synced.
    ...mode.paging,
    ...(resumeFrom !== null ? { resumeFrom } : {}),
  })

/** Appends page after page of `paginator` to the sink, to the end of the listing. */
const copyListing = async (job: Job, paginator: Paginator<NeutralObject>): Promise<void> => {
  const { sink } = job
  if (sink.done) return
  let objects = sink.objects
  let pages = sink.pages
  for await (const page of paginator.pages()) {
    objects += page.items.length
    pages += 1
    const text = page.items.map((o) => lineOf(job.format, job.resource, o)).join('')
    await sink.append(text, { resumeFrom: page.checkpoint, done: page.checkpoint === null, objects, pages })
    job.progress.update(objects, page.total)
  }
}

/** The error of a failed export, in CLI words, with the exit code that tells a retry loop what to do. */
const failure = (e: unknown, sink: Sink | null, toStdout: boolean): unknown => {
  if (sink === null || toStdout) return e
  const done = sink.objects
  const resume = 'run the same command with --resume to continue'
  if (isPaymuxError(e)) {
    if (e.kind === 'aborted') return new CliError('aborted', `export interrupted after ${done} objects`, resume, e)
    const transient = TRANSIENT_KINDS.has(e.kind)
    return new CliError(
      e.kind,
      cliMessage(e),
      transient ? `${hintFor(e)}; then ${resume} after ${done} objects` : `${hintFor(e)}; then ${resume}`,
      e,
      transient ? EXIT_TEMPFAIL : EXIT_FAILURE,
    )
  }
  if (e instanceof CliError) return new CliError(e.kind, e.message, `${e.hint}; then ${resume}`, e, e.exitCode)
  return e
}

export const exportCommand = async (args: readonly string[], io: Io): Promise<number> => {
  const p = parseCommandLine(args, EXPORT_OPTIONS, 'export')
  if (flag(p, 'help')) {
    io.stdout.write(EXPORT_HELP)
    return EXIT_OK
  }
  const [resourceName] = positionals(p, ['resource'], 'export')
  const resource = parseResource(resourceName as string)
  const provider = parseProvider(str(p, 'provider'), 'export', true)
  const outArg = str(p, 'out')
  if (outArg === undefined || outArg === '') throw usageError('--out FILE is required', 'see paymux export --help')
  const toStdout = outArg === '-'
  if (toStdout && flag(p, 'resume')) {
    throw usageError('--out - (standard output) cannot be resumed', 'export to a file to use --resume')
  }
  const out = toStdout ? '-' : resolve(io.cwd, outArg)
  const format = parseFormat(str(p, 'format'), out)
  const filters = parseFilters(p, resource)
  const parallel = parseParallel(p)
  const identity: ExportIdentity = { provider, resource, format, filters: filtersToJson(filters) }
  const header = format === 'csv' ? csvHeader(resource) : ''

  // First write in the output's directory: a concurrent export or a read-only directory is
  // reported here, before the output or its checkpoint is touched.
  const lock: ExportLock | null = toStdout ? null : await acquireLock(out, outArg)
  let sink: Sink | null = null
  let file: ExportFile | null = null
  const session = openSession(io, flag(p, 'sandbox') ? 'fallback' : 'refuse')
  const started = Date.now()
  try {
    if (flag(p, 'resume')) {
      file = await ExportFile.resume(out, identity)
      if (file === null) io.stderr.write(`paymux: no ${checkpointPath(outArg)}, starting a fresh export\n`)
      else io.stderr.write(`paymux: resuming ${outArg} after ${file.checkpoint.objects} objects\n`)
    } else if (!toStdout && (await readCheckpoint(out).catch(() => 'unreadable')) !== null) {
      // Never silently throw away an interrupted export.
      throw new CliError(
        'conflict',
        `${checkpointPath(outArg)} exists: an export to ${outArg} was interrupted`,
        'add --resume to continue it, or delete the checkpoint file to start over',
      )
    }
    if (file === null && !toStdout && !flag(p, 'force')) await refuseExisting(out, outArg)
    // The mode is checked against the manifest before any provider is connected.
    const source = provider === 'all' ? null : { id: provider, capabilities: await PROVIDERS[provider].manifest() }
    // Standard output cannot be taken back, so it is never partitioned unless asked.
    const mode =
      toStdout && parallel === null
        ? SEQUENTIAL
        : fetchMode(source, resource, parallel, file?.checkpoint.resumeFrom ?? null)
    const base = { session, io, provider, resource, format, filters }
    // Opened before the output is touched, so a provider without the resource changes nothing.
    const first = await openFrom(base, mode, file?.checkpoint.resumeFrom ?? null)
    file ??= toStdout ? null : await ExportFile.create(out, identity, header)
    sink = file ? fileSink(file, header) : stdoutSink(io, header)
    // Where this run started; a restart from the first object starts it again.
    let startObjects = sink.objects
    let startPages = sink.pages
    const progress = createProgress(io.stderr, startObjects)
    const job: Job = { ...base, sink, progress }
    const { mode: used } = await withSequentialFallback(
      mode,
      // The fallback starts over: from the first page, in the sequential mode.
      async (m) => copyListing(job, m === mode ? first : await openFrom(base, m, null)),
      async (e: PaymuxError) => {
        progress.end()
        if (!(await job.sink.restart())) {
          throw new CliError(
            'pagination',
            `${cliMessage(e)}: some objects were already written to standard output`,
            'export again with --sequential',
            e,
          )
        }
        startObjects = 0
        startPages = 0
        io.stderr.write(
          `paymux: the ${mode.description} cannot be trusted: ${cliMessage(e)}\n` +
            `paymux: starting over sequentially (the same as --sequential), from the first object\n`,
        )
      },
    ).finally(() => progress.end())
    await sink.finish()
    const seconds = (Date.now() - started) / 1000
    const thisRun = sink.objects - startObjects
    const figures =
      `${thisRun} objects, ${sink.pages - startPages} pages, ${session.counters.requests} requests, ` +
      `${session.counters.retries} retries, ${seconds.toFixed(1)} s, ` +
      `${Math.round(thisRun / Math.max(seconds, 0.001))} objects/s (${used.description})`
    const what = `exported ${sink.objects} ${RESOURCES[resource].plural} from ${provider === 'all' ? 'all providers' : provider} to ${toStdout ? 'standard output' : outArg}`
    // A resumed export names its total once, then only this run's figures.
    io.stderr.write(`paymux: ${what}${startObjects > 0 ? ' in total; this run' : ''}: ${figures}\n`)
    return EXIT_OK
  } catch (e) {
    await sink?.close().catch(() => undefined)
    if (sink === null) await file?.close().catch(() => undefined)
    throw failure(e, sink, toStdout)
  } finally {
    await session.close()
    await lock?.release()
  }
}
