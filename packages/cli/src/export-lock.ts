/**
 * `FILE.lock`: one export per output file at a time. Two exports to the same file (an
 * overlapping cron run) would interleave their appends and checkpoints; the second one
 * refuses instead. The lock is created with O_EXCL, so exactly one process wins, and it holds
 * the owner's pid and host: a lock whose process is gone (a `kill -9`, a reboot) is stale and
 * taken over. Creating it is also the first write in the output's directory, so a read-only
 * directory is reported before the output is touched.
 */
import { hostname } from 'node:os'
import { open, readFile, rm } from 'node:fs/promises'
import { constants } from 'node:fs'
import { CliError } from './cli-error.ts'

export const lockPath = (out: string): string => `${out}.lock`

interface LockOwner {
  readonly pid: number
  readonly host: string
}

/** Whether a process with this pid runs on this machine (EPERM: it runs, as another user). */
const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

const readOwner = async (path: string): Promise<LockOwner | null> => {
  try {
    const o = JSON.parse(await readFile(path, 'utf8')) as Partial<LockOwner>
    return typeof o.pid === 'number' && typeof o.host === 'string' ? { pid: o.pid, host: o.host } : null
  } catch {
    return null
  }
}

// Never follow a symbolic link planted at the lock's name.
const CREATE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0)

export interface ExportLock {
  release(): Promise<void>
}

/** Takes the lock of `out`, or fails with `conflict` while another live export holds it. */
export const acquireLock = async (out: string, shown: string): Promise<ExportLock> => {
  const path = lockPath(out)
  const me: LockOwner = { pid: process.pid, host: hostname() }
  for (let attempt = 0; ; attempt++) {
    try {
      const fh = await open(path, CREATE, 0o644)
      try {
        await fh.writeFile(`${JSON.stringify(me)}\n`)
      } finally {
        await fh.close()
      }
      return { release: () => rm(path, { force: true }) }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
    }
    const owner = await readOwner(path)
    // Another machine's pid (a shared disk) cannot be checked from here; an unreadable lock
    // may be one being written right now. Both are left to the user.
    const stale = owner !== null && owner.host === me.host && !isAlive(owner.pid)
    if (!stale || attempt > 0) {
      throw new CliError(
        'conflict',
        `another export to ${shown} is running${owner ? ` (pid ${owner.pid} on ${owner.host})` : ''}`,
        `wait for it to finish, or delete ${shown}.lock if no export is running`,
      )
    }
    await rm(path, { force: true })
  }
}
