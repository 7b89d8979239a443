/**
 * Where event ids are claimed, so each event is handled once. `claim` must be atomic: of two
 * concurrent claims of one id exactly one returns true (a Redis `SET key 1 NX`, or a SQL insert
 * into a table with a unique key, implement it the same way: see the adapters' READMEs).
 */
import { createHash } from 'node:crypto'
import { mkdir, open, rm } from 'node:fs/promises'
import { join } from 'node:path'

/** An atomic set of claimed event ids. */
export interface EventStore {
  /** True when this call claimed `id`; false when it was claimed before (a duplicate delivery). */
  claim(id: string): Promise<boolean>
  /** Gives a claim back (the handler failed), so the provider's retry can claim it again. */
  release(id: string): Promise<void>
}

/** An in-process store: enough for one process; forgets everything when it exits. */
export const memoryEventStore = (): EventStore => {
  const claimed = new Set<string>()
  return {
    claim: (id) => {
      if (claimed.has(id)) return Promise.resolve(false)
      claimed.add(id)
      return Promise.resolve(true)
    },
    release: (id) => {
      claimed.delete(id)
      return Promise.resolve()
    },
  }
}

// Ids come from the network: hashed, so no id can name a path outside the directory.
const fileOf = (dir: string, id: string): string => join(dir, `${createHash('sha256').update(id).digest('hex')}.claim`)

/**
 * A store in a directory, safe across processes and restarts: one file per claimed id, created
 * with `O_CREAT | O_EXCL` (flag `wx`), which the file system makes atomic, so two processes
 * claiming the same id cannot both succeed. The file holds the id, for inspection.
 */
export const fileEventStore = (dir: string): EventStore => {
  let ready: Promise<unknown> | null = null
  const ensureDir = (): Promise<unknown> => (ready ??= mkdir(dir, { recursive: true }))
  return {
    async claim(id) {
      await ensureDir()
      try {
        const handle = await open(fileOf(dir, id), 'wx')
        try {
          await handle.writeFile(`${id}\n`)
        } finally {
          await handle.close()
        }
        return true
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false
        throw err
      }
    },
    async release(id) {
      await rm(fileOf(dir, id), { force: true })
    },
  }
}
