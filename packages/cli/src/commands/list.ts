/**
 * `paymux list <resource>`: newest objects first, from one provider or merged from all.
 * NDJSON lines stream as they arrive, and wait when stdout is full: a slow reader slows the
 * listing, memory stays bounded (one page in hand, one fetched ahead at most). The table waits
 * for its rows (at most --limit) so the columns line up, and fits the terminal's width.
 * The page size follows --limit, so a short list costs one request per provider.
 */
import { flag, parseCommandLine, parseInteger, parseProvider, parseResource, positionals, str } from '../args.ts'
import { EXIT_OK } from '../cli-error.ts'
import { FILTER_OPTIONS, parseFilters } from '../filters.ts'
import { ndjsonLine, rawLast } from '../format/ndjson.ts'
import { LIST_COLUMNS, listRow, renderTable, terminalWidth } from '../format/table.ts'
import { writeAll, type Io } from '../io.ts'
import { openListing } from '../listing.ts'
import { openSession } from '../providers.ts'
import { RESOURCES } from '../resources.ts'
import { LIST_HELP } from '../usage.ts'

const DEFAULT_LIMIT = 20
const MAX_LIMIT = 1_000_000

export const LIST_OPTIONS = {
  provider: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
  table: { type: 'boolean' },
  ...FILTER_OPTIONS,
} as const

export const listCommand = async (args: readonly string[], io: Io): Promise<number> => {
  const p = parseCommandLine(args, LIST_OPTIONS, 'list')
  if (flag(p, 'help')) {
    io.stdout.write(LIST_HELP)
    return EXIT_OK
  }
  const [resourceName] = positionals(p, ['resource'], 'list')
  const resource = parseResource(resourceName as string)
  const which = parseProvider(str(p, 'provider'), 'list', true, 'all')
  const limitText = str(p, 'limit')
  const limit = limitText === undefined ? DEFAULT_LIMIT : parseInteger('--limit', limitText, 1, MAX_LIMIT)
  const filters = parseFilters(p, resource)
  const asTable = flag(p, 'table') || (!flag(p, 'json') && io.stdout.isTTY === true)
  const info = RESOURCES[resource]

  const session = openSession(io)
  try {
    const listing = await openListing(session, io, which, resource, filters, { pageSize: limit })
    const rows: string[][] = []
    let count = 0
    for await (const o of listing) {
      if (asTable) rows.push(listRow(o))
      else await writeAll(io.stdout, ndjsonLine(rawLast(o)))
      count += 1
      if (count >= limit) break
    }
    const width = terminalWidth(io.env, io.stdout.columns)
    if (asTable) io.stdout.write(rows.length > 0 ? renderTable(LIST_COLUMNS, rows, width) : `no ${info.plural}\n`)
    return EXIT_OK
  } finally {
    await session.close()
  }
}
