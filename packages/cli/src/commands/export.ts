/**
 * `paymux export <resource> --provider P --out FILE`: every object of a listing into a file,
 * one page at a time (bounded memory: at most `--parallel` pages fetched ahead), durable after
 * each page through `ExportFile`, in the fastest mode the listing allows (`parallel.ts`), with
 * progress on a terminal and a summary line (objects per second, mode) at the end.
 */
import { resolve } from 'node:path'
import { isPaymuxError } from '@paymux/core'
import { flag, parseCommandLine, parseProvider, parseResource, positionals, str } from '../args.ts'
import { CliError, EXIT_OK, hintFor, usageError } from '../cli-error.ts'
import { ExportFile, checkpointPath, readCheckpoint, type ExportIdentity } from '../export-file.ts'
import { FILTER_OPTIONS, filtersToJson, parseFilters } from '../filters.ts'
import type { NeutralObject } from '../format/amount.ts'
import { csvHeader, csvLine } from '../format/csv.ts'
import { ndjsonLine, rawLast } from '../format/ndjson.ts'
import type { Io } from '../io.ts'
import { createProgress } from '../progress.ts'
import { openListing } from '../listing.ts'
import { PARALLEL_OPTIONS, fetchMode, parseParallel } from '../parallel.ts'
import { openSession } from '../providers.ts'
import { RESOURCES, type CliResource } from '../resources.ts'
import { EXPORT_HELP } from '../usage.ts'

const OPTIONS = {
  provider: { type: 'string' },
  out: { type: 'string', short: 'o' },
  format: { type: 'string' },
  resume: { type: 'boolean' },
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

export const exportCommand = async (args: readonly string[], io: Io): Promise<number> => {
  const p = parseCommandLine(args, OPTIONS, 'export')
  if (flag(p, 'help')) {
    io.stdout.write(EXPORT_HELP)
    return EXIT_OK
  }
  const [resourceName] = positionals(p, ['resource'], 'export')
  const resource = parseResource(resourceName as string)
  const provider = parseProvider(str(p, 'provider'), 'export', true)
  const outArg = str(p, 'out')
  if (outArg === undefined || outArg === '') throw usageError('--out FILE is required', 'see paymux export --help')
  const out = resolve(io.cwd, outArg)
  const format = parseFormat(str(p, 'format'), out)
  const filters = parseFilters(p, resource)
  const parallel = parseParallel(p)
  const identity: ExportIdentity = { provider, resource, format, filters: filtersToJson(filters) }
  const info = RESOURCES[resource]

  let file: ExportFile | null = null
  if (flag(p, 'resume')) {
    file = await ExportFile.resume(out, identity)
    if (file === null) io.stderr.write(`paymux: no ${checkpointPath(outArg)}, starting a fresh export\n`)
    else io.stderr.write(`paymux: resuming ${outArg} after ${file.checkpoint.objects} objects\n`)
  } else {
    // Never silently throw away an interrupted export.
    const existing = await readCheckpoint(out).catch(() => 'unreadable')
    if (existing !== null) {
      throw new CliError(
        'conflict',
        `${checkpointPath(outArg)} exists: an export to ${outArg} was interrupted`,
        'add --resume to continue it, or delete the checkpoint file to start over',
      )
    }
  }

  const mode = fetchMode(provider, resource, parallel, file?.checkpoint.resumeFrom ?? null)
  const session = openSession(io)
  const started = Date.now()
  const startObjects = file?.checkpoint.objects ?? 0
  const progress = createProgress(io.stderr, startObjects)
  try {
    // Opened before the output is touched, so a provider without the resource changes nothing.
    const paginator = await openListing(session, io, provider, resource, filters, {
      // At least one page is fetched while the previous one is written and synced.
      ...mode.paging,
      ...(file && file.checkpoint.resumeFrom !== null ? { resumeFrom: file.checkpoint.resumeFrom } : {}),
    })
    file ??= await ExportFile.create(out, identity, format === 'csv' ? csvHeader(resource) : '')
    const state = file.checkpoint
    if (!state.done) {
      let objects = state.objects
      let pageCount = state.pages
      for await (const page of paginator.pages()) {
        objects += page.items.length
        pageCount += 1
        const text = page.items.map((o) => lineOf(format, resource, o)).join('')
        await file.append(text, {
          resumeFrom: page.checkpoint,
          done: page.checkpoint === null,
          objects,
          pages: pageCount,
        })
        progress.update(objects, page.total)
      }
    }
    await file.finish()
    progress.end()
    const final = file.checkpoint
    const seconds = (Date.now() - started) / 1000
    const thisRun = final.objects - startObjects
    io.stderr.write(
      `paymux: exported ${final.objects} ${info.plural} from ${provider === 'all' ? 'all providers' : provider} to ${outArg}` +
        `${startObjects > 0 ? ` (${thisRun} this run)` : ''}: ${final.objects} objects, ${final.pages} pages, ` +
        `${session.counters.requests} requests, ${session.counters.retries} retries, ${seconds.toFixed(1)} s, ` +
        `${Math.round(thisRun / Math.max(seconds, 0.001))} objects/s (${mode.description})\n`,
    )
    return EXIT_OK
  } catch (e) {
    progress.end()
    await file?.close().catch(() => undefined)
    if (file === null) throw e
    // The checkpoint is intact: say how far the export got and how to continue.
    const done = file.checkpoint.objects
    const resumeHint = `run the same command with --resume to continue after ${done} objects`
    if (isPaymuxError(e)) {
      throw new CliError(e.kind, describeWithProvider(e.message, e.provider), `${hintFor(e)}; ${resumeHint}`, e)
    }
    if (e instanceof CliError) throw new CliError(e.kind, e.message, `${e.hint}; ${resumeHint}`, e)
    throw e
  } finally {
    await session.close()
  }
}

const describeWithProvider = (message: string, provider: string | null): string =>
  provider && !message.includes(provider) ? `${provider}: ${message}` : message
