/**
 * The durable side of `paymux export`: an output file plus `FILE.checkpoint.json` beside it.
 *
 * After each page: append the page's lines at the committed length, fsync, then replace the
 * checkpoint (write a temp file, fsync, rename). The checkpoint names the committed length of
 * the output and where the listing resumes. A crash at any point leaves either the old or the
 * new checkpoint, and the output is at least as long as the checkpoint says; bytes past that
 * length (a page written but not yet recorded, or half written) are cut off by `--resume`.
 * So every object ends up in the finished file exactly once.
 *
 * A resume trusts nothing it can check: the committed length must end a line and the lines
 * before it must be as many as the checkpoint's object count. The checkpoint's temporary file
 * is created exclusively and never through a symbolic link.
 */
import { constants } from 'node:fs'
import { lstat, open, readFile, rename, rm, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'
import { CliError } from './cli-error.ts'
import type { FiltersJson } from './filters.ts'

/** What an export is: a resume must match it exactly. */
export interface ExportIdentity {
  readonly provider: string
  readonly resource: string
  readonly format: 'ndjson' | 'csv'
  readonly filters: FiltersJson
}

export interface CheckpointState extends ExportIdentity {
  readonly version: 1
  /** Paginator checkpoint of the next page; null: from the start (or nothing left when `done`). */
  readonly resumeFrom: string | null
  /** The listing is complete; only the final clean-up is missing. */
  readonly done: boolean
  /** Bytes of the output that hold finished lines. */
  readonly committedBytes: number
  readonly objects: number
  readonly pages: number
  readonly updatedAt: string
}

export const checkpointPath = (out: string): string => `${out}.checkpoint.json`

/** Reads a checkpoint file: null when there is none, an error when it is not one of ours. */
export const readCheckpoint = async (out: string): Promise<CheckpointState | null> => {
  const path = checkpointPath(out)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw e
  }
  const bad = () =>
    new CliError('checkpoint_mismatch', `${path} is not a paymux export checkpoint`, 'delete it to start over')
  let s: Partial<CheckpointState>
  try {
    s = JSON.parse(text) as Partial<CheckpointState>
  } catch {
    throw bad()
  }
  const counts = [s.committedBytes, s.objects, s.pages]
  if (
    s.version !== 1 ||
    typeof s.provider !== 'string' ||
    typeof s.resource !== 'string' ||
    (s.format !== 'ndjson' && s.format !== 'csv') ||
    typeof s.filters !== 'object' ||
    s.filters === null ||
    !(s.resumeFrom === null || typeof s.resumeFrom === 'string') ||
    typeof s.done !== 'boolean' ||
    !counts.every((n) => Number.isSafeInteger(n) && (n as number) >= 0)
  ) {
    throw bad()
  }
  return s as CheckpointState
}

const sameIdentity = (a: ExportIdentity, b: ExportIdentity): boolean =>
  a.provider === b.provider &&
  a.resource === b.resource &&
  a.format === b.format &&
  JSON.stringify(a.filters) === JSON.stringify(b.filters)

const describe = (i: ExportIdentity): string =>
  `${i.resource} from ${i.provider} as ${i.format}${Object.keys(i.filters).length ? ` ${JSON.stringify(i.filters)}` : ''}`

/** fsync of a directory makes a rename durable; some platforms refuse it, which is harmless. */
const syncDir = async (dir: string): Promise<void> => {
  let fh: FileHandle | undefined
  try {
    fh = await open(dir, 'r')
    await fh.sync()
  } catch {
    // Not supported here (e.g. Windows); the rename is still atomic, only less durable.
  } finally {
    await fh?.close()
  }
}

export class ExportFile {
  private readonly out: string
  private readonly fh: FileHandle
  private state: CheckpointState

  private constructor(out: string, fh: FileHandle, state: CheckpointState) {
    this.out = out
    this.fh = fh
    this.state = state
  }

  /**
   * A fresh export: truncates the output, writes `header` (CSV) and the first checkpoint.
   * The caller checks first that the output is not someone's data (`refuseExisting`).
   */
  static async create(out: string, identity: ExportIdentity, header: string): Promise<ExportFile> {
    const fh = await open(out, 'w')
    const file = new ExportFile(out, fh, {
      version: 1,
      ...identity,
      resumeFrom: null,
      done: false,
      committedBytes: 0,
      objects: 0,
      pages: 0,
      updatedAt: new Date().toISOString(),
    })
    try {
      await file.append(header, { resumeFrom: null, done: false, objects: 0, pages: 0 })
    } catch (e) {
      await fh.close()
      throw e
    }
    return file
  }

  /**
   * Continues an export from its checkpoint: the output is cut back to its committed length.
   * Returns null when there is no checkpoint (nothing to resume).
   */
  static async resume(out: string, identity: ExportIdentity): Promise<ExportFile | null> {
    const state = await readCheckpoint(out)
    if (state === null) return null
    if (!sameIdentity(state, identity)) {
      throw new CliError(
        'checkpoint_mismatch',
        `${checkpointPath(out)} is for ${describe(state)}, not ${describe(identity)}`,
        'resume with the same resource, --provider, --format and filters, or delete the checkpoint to start over',
      )
    }
    let fh: FileHandle
    try {
      fh = await open(out, 'r+')
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
      throw new CliError('io', `${out} is missing but its checkpoint exists`, 'delete the checkpoint to start over')
    }
    const { size } = await fh.stat()
    if (size < state.committedBytes) {
      await fh.close()
      throw new CliError(
        'io',
        `${out} is shorter (${size} bytes) than its checkpoint records (${state.committedBytes})`,
        'the file was changed; delete the checkpoint to start over',
      )
    }
    try {
      await checkCommitted(fh, state)
    } catch (e) {
      await fh.close()
      throw e
    }
    // Drops a page that was written but not recorded, or a half-written line.
    await fh.truncate(state.committedBytes)
    await fh.sync()
    return new ExportFile(out, fh, state)
  }

  get checkpoint(): CheckpointState {
    return this.state
  }

  /** Appends one page's text and records it: the only way bytes become "committed". */
  async append(
    text: string,
    next: { resumeFrom: string | null; done: boolean; objects: number; pages: number },
  ): Promise<void> {
    const bytes = Buffer.from(text, 'utf8')
    let offset = 0
    while (offset < bytes.length) {
      const { bytesWritten } = await this.fh.write(
        bytes,
        offset,
        bytes.length - offset,
        this.state.committedBytes + offset,
      )
      offset += bytesWritten
    }
    await this.fh.sync()
    const state: CheckpointState = {
      ...this.state,
      ...next,
      committedBytes: this.state.committedBytes + bytes.length,
      updatedAt: new Date().toISOString(),
    }
    await this.writeCheckpoint(state)
    this.state = state
  }

  /**
   * Starts the export over in the same file: the output is cut back to `header` and the
   * checkpoint says "from the start" (the sequential fallback of a partitioned export).
   */
  async restart(header: string): Promise<void> {
    await this.fh.truncate(0)
    this.state = { ...this.state, resumeFrom: null, done: false, committedBytes: 0, objects: 0, pages: 0 }
    await this.append(header, { resumeFrom: null, done: false, objects: 0, pages: 0 })
  }

  /** The export is complete: close the output and remove the checkpoint. */
  async finish(): Promise<void> {
    await this.fh.close()
    await rm(checkpointPath(this.out), { force: true })
    await rm(`${checkpointPath(this.out)}.tmp`, { force: true })
    await syncDir(dirname(this.out))
  }

  /** Stops without finishing (an error): the checkpoint stays for `--resume`. */
  async close(): Promise<void> {
    await this.fh.close()
  }

  private async writeCheckpoint(state: CheckpointState): Promise<void> {
    const path = checkpointPath(this.out)
    const tmp = `${path}.tmp`
    const fh = await openExclusive(tmp)
    try {
      await fh.writeFile(`${JSON.stringify(state, null, 2)}\n`)
      await fh.sync()
    } finally {
      await fh.close()
    }
    await rename(tmp, path)
    await syncDir(dirname(path))
  }
}

/**
 * An existing output with content (or a link) is refused: it is not ours to overwrite. An
 * empty file is no one's data (a crash before the first checkpoint leaves one).
 */
export const refuseExisting = async (out: string, shown: string): Promise<void> => {
  try {
    const st = await lstat(out)
    if (st.isFile() && st.size === 0) return
    if (st.isSymbolicLink() || st.isFile()) {
      throw new CliError(
        'conflict',
        `${shown} exists and is not an interrupted export`,
        'add --force to overwrite it, or choose another --out',
      )
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return
    throw e
  }
}

// O_EXCL never opens an existing name, a symbolic link included; O_NOFOLLOW says so twice.
const EXCLUSIVE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0)

/**
 * Creates `path` afresh. A leftover (a crash between write and rename) or a link planted there
 * is removed, not followed: `rm` unlinks the name itself, never the link's target.
 */
const openExclusive = async (path: string): Promise<FileHandle> => {
  try {
    return await open(path, EXCLUSIVE, 0o644)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
  }
  await rm(path, { force: true })
  return open(path, EXCLUSIVE, 0o644)
}

const NL = 0x0a
const QUOTE = 0x22
const CHUNK = 1 << 16

/**
 * Checks the committed part of the output against the checkpoint: it ends a line, and holds as
 * many records as the checkpoint counts objects (NDJSON: one per line; CSV: records after the
 * header, a newline inside a quoted field not ending one). Read in chunks: bounded memory.
 */
const checkCommitted = async (fh: FileHandle, state: CheckpointState): Promise<void> => {
  const bad = (why: string) =>
    new CliError(
      'checkpoint_mismatch',
      `the checkpoint does not match the file: ${why}`,
      'the file or its checkpoint was changed; delete the checkpoint and the file to start over',
    )
  const end = state.committedBytes
  if (end === 0) {
    if (state.objects !== 0) throw bad(`${state.objects} objects recorded in 0 bytes`)
    return
  }
  const buffer = Buffer.alloc(CHUNK)
  let lines = 0
  let quoted = false
  let last = -1
  for (let at = 0; at < end;) {
    const { bytesRead } = await fh.read(buffer, 0, Math.min(CHUNK, end - at), at)
    if (bytesRead === 0) break
    for (let i = 0; i < bytesRead; i++) {
      const b = buffer[i] as number
      if (state.format === 'csv' && b === QUOTE) quoted = !quoted
      else if (b === NL && !quoted) lines += 1
    }
    last = buffer[bytesRead - 1] as number
    at += bytesRead
  }
  if (last !== NL || quoted) throw bad(`byte ${end} is inside a line`)
  const records = state.format === 'csv' ? lines - 1 : lines
  if (records !== state.objects) throw bad(`${records} lines before byte ${end}, but ${state.objects} objects recorded`)
}
