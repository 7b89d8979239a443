/**
 * Journal stores: `fileJournal(path)`, the default, an append-only NDJSON file fsynced after
 * every line; `memoryJournal()` for tests and callers who keep the journal elsewhere.
 *
 * A crash mid-write leaves a torn last line (no newline, or half a JSON object): `read` leaves it
 * out and the file is cut back to its last complete line before the next append, so the journal
 * never holds a line glued to a fragment. A torn line was never acted on: every step appends its
 * line and waits for the fsync before it sends anything.
 */
import { open, readFile, type FileHandle } from 'node:fs/promises'
import { PaymuxError } from '../errors.ts'
import type { JournalEntry, JournalStore } from './apply-types.ts'

const corrupt = (where: string, line: number) =>
  new PaymuxError({
    kind: 'decode',
    provider: 'paymux',
    code: 'journal_corrupt',
    message: `${where}: line ${line} is not a journal entry (only a torn last line is tolerated)`,
  })

const isEntry = (v: unknown): v is JournalEntry =>
  typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string'

/**
 * The entries of NDJSON `text`; a last line without its newline or not parseable is torn and
 * left out. Returns the length of the complete part, where the next append must start.
 */
export const parseJournal = (text: string, where: string): { entries: JournalEntry[]; complete: number } => {
  const entries: JournalEntry[] = []
  const end = text.lastIndexOf('\n') + 1
  const lines = text.slice(0, end).split('\n')
  lines.pop()
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue
    let v: unknown
    try {
      v = JSON.parse(line)
    } catch {
      // A half-written line followed by a newline can only be the last one written.
      if (i === lines.length - 1) return { entries, complete: text.slice(0, end).lastIndexOf('\n', end - 2) + 1 }
      throw corrupt(where, i + 1)
    }
    if (!isEntry(v)) throw corrupt(where, i + 1)
    entries.push(v)
  }
  return { entries, complete: end }
}

/** A journal kept in memory (lost with the process): for tests, or to mirror elsewhere. */
export const memoryJournal = (initial: readonly JournalEntry[] = []): JournalStore & { entries: JournalEntry[] } => {
  const entries = initial.map((e) => ({ ...e }))
  return {
    entries,
    read: () => Promise.resolve(entries.slice()),
    append: (entry) => {
      entries.push(JSON.parse(JSON.stringify(entry)) as JournalEntry)
      return Promise.resolve()
    },
  }
}

/** The append-only NDJSON journal at `path` (created when absent), one fsync per line. */
export const fileJournal = (path: string): JournalStore => {
  let handle: FileHandle | null = null
  // Appends are chained: lines never interleave, and each is durable before the next starts.
  let tail: Promise<void> = Promise.resolve()

  const opened = async (): Promise<FileHandle> => {
    if (handle !== null) return handle
    handle = await open(path, 'a+')
    const text = (await handle.readFile({ encoding: 'utf8' })) as string
    const { complete } = parseJournal(text, path)
    if (Buffer.byteLength(text.slice(0, complete)) !== Buffer.byteLength(text)) {
      await handle.truncate(Buffer.byteLength(text.slice(0, complete)))
      await handle.sync()
    }
    return handle
  }

  return {
    read: async () => {
      await tail
      await opened()
      // Read by path: a handle opened for appending reads from its own position.
      return parseJournal(await readFile(path, 'utf8'), path).entries
    },
    append: (entry) => {
      const next = tail.then(async () => {
        const h = await opened()
        await h.appendFile(`${JSON.stringify(entry)}\n`, 'utf8')
        await h.sync()
      })
      // A failed append fails its caller; the chain goes on for the next one.
      tail = next.catch(() => undefined)
      return next
    },
    close: async () => {
      await tail
      if (handle !== null) await handle.close()
      handle = null
    },
  }
}
