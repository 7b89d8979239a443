/**
 * The durable side of `paymux export`: an output file plus `FILE.checkpoint.json` beside it.
 *
 * After each page: append the page's lines at the committed length, fsync, then replace the
 * checkpoint (write a temp file, fsync, rename). The checkpoint names the committed length of
 * the output and where the listing resumes. A crash at any point leaves either the old or the
 * new checkpoint, and the output is at least as long as the checkpoint says; bytes past that
 * length (a page written but not yet recorded, or half written) are cut off by `--resume`.
 * So every object ends up in the finished file exactly once.
 */
import { open, readFile, rename, rm, type FileHandle } from 'node:fs/promises'
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

  /** A fresh export: truncates the output, writes `header` (CSV) and the first checkpoint. */
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
    const fh = await open(tmp, 'w')
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
