/**
 * What the CLI reads of a journal before it connects: its header line (which migration it
 * records). `--verify` and `--revert` need a journal that exists and records a migration to the
 * `--to` given (and from the `--from`): reverting a journal against the wrong provider would try
 * to delete objects that are not the migration's. Only the first line is read here; the library
 * reads and checks the rest.
 */
import { open } from 'node:fs/promises'
import { relative } from 'node:path'
import type { JournalHeader } from '@paymux/core'
import { CliError } from '../cli-error.ts'

/** A journal path as messages show it: relative to the working directory when inside it. */
export const shownPath = (path: string, cwd: string): string => {
  const rel = relative(cwd, path)
  return rel !== '' && !rel.startsWith('..') ? rel : path
}

/** The first line of the file (at most 64 KiB read), or null when the file does not exist. */
const firstLine = async (path: string): Promise<string | null> => {
  let handle
  try {
    handle = await open(path, 'r')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw e
  }
  try {
    const buffer = Buffer.alloc(65_536)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    const text = buffer.subarray(0, bytesRead).toString('utf8')
    const end = text.indexOf('\n')
    return end < 0 ? text : text.slice(0, end)
  } finally {
    await handle.close()
  }
}

/**
 * The header of an existing journal, checked against the sides given. `from` null: not given
 * (`--revert`). A missing file or a first line that is no header is refused (exit 1).
 */
export const checkJournal = async (
  path: string,
  cwd: string,
  mode: 'verify' | 'revert',
  sides: { readonly from: string | null; readonly to: string; readonly resource: string },
): Promise<JournalHeader> => {
  const shown = shownPath(path, cwd)
  const line = await firstLine(path)
  if (line === null) {
    throw new CliError('config', `no journal at ${shown}`, `give the --journal of an earlier --apply`)
  }
  let header: Partial<JournalHeader> | null = null
  try {
    header = JSON.parse(line) as Partial<JournalHeader>
  } catch {
    header = null
  }
  if (header?.type !== 'header' || typeof header.to !== 'string' || typeof header.from !== 'string') {
    throw new CliError(
      'checkpoint_mismatch',
      `${shown} is not a migration journal (no header line)`,
      'give the --journal of an earlier --apply',
    )
  }
  const h = header as JournalHeader
  const wrong = (what: string, recorded: string, given: string) =>
    new CliError(
      'checkpoint_mismatch',
      `${shown} records a migration ${what} ${recorded}, not ${given}`,
      mode === 'revert'
        ? `use --to ${recorded}, or the journal of this migration`
        : 'use the sides of the journal, or its own journal',
    )
  if (h.to !== sides.to) throw wrong('to', h.to, sides.to)
  if (sides.from !== null && h.from !== sides.from) throw wrong('from', h.from, sides.from)
  if (h.resource !== sides.resource) throw wrong('of', h.resource, sides.resource)
  return h
}
