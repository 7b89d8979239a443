/**
 * Runs the real `paymux` bin as a child process (`node --conditions=dev-source --import tsx
 * packages/cli/src/bin.ts`, cwd = repo root) and starts the two sandboxes in the test process,
 * so the CLI talks to them over real HTTP exactly as a user's shell would.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Sandbox, SandboxOptions } from '@paymux/core/adapter'
import { startSandbox as startWooshpay } from '@paymux/wooshpay/sandbox'
import { startSandbox as startPriceblocs } from '@paymux/priceblocs/sandbox'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const BIN = ['--conditions=dev-source', '--import', 'tsx', 'packages/cli/src/bin.ts']

export interface CliResult {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

/** The environment without any provider setting of the machine running the tests. */
const cleanEnv = (): Record<string, string> => {
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(WOOSHPAY|PRICEBLOCS)_/.test(k)) env[k] = v
  }
  return env
}

export interface SpawnOptions {
  /** Run as this user (a test running as root needs an unprivileged one to meet EACCES). */
  readonly uid?: number
  readonly gid?: number
}

/**
 * A child run as another user cannot write the coverage files of this run (they belong to us), and
 * Node would say so on its stderr, which the tests read: it runs without coverage. (Removing the
 * variable is not enough: Node puts it back into a child's environment while coverage is on; an
 * empty value turns it off.)
 */
const withoutCoverage = (env: Record<string, string>): Record<string, string> => ({ ...env, NODE_V8_COVERAGE: '' })

export const spawnCli = (
  args: readonly string[],
  env: Record<string, string> = {},
  o: SpawnOptions = {},
): ChildProcess =>
  spawn(process.execPath, [...BIN, ...args], {
    cwd: ROOT,
    env: o.uid === undefined ? { ...cleanEnv(), ...env } : withoutCoverage({ ...cleanEnv(), ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(o.uid !== undefined ? { uid: o.uid } : {}),
    ...(o.gid !== undefined ? { gid: o.gid } : {}),
  })

/** Collects a child's output until it exits. */
export const finished = (child: ChildProcess): Promise<CliResult> =>
  new Promise((resolve, reject) => {
    let stdout = ''
    let stderr = ''
    child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()))
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))
  })

export const runCli = (
  args: readonly string[],
  env: Record<string, string> = {},
  o: SpawnOptions = {},
): Promise<CliResult> => finished(spawnCli(args, env, o))

/** Polls `probe` until it returns a value (not undefined), failing after `tries` polls. */
export const waitFor = async <T>(probe: () => Promise<T | undefined>, what: string, tries = 1000): Promise<T> => {
  for (let i = 0; i < tries; i++) {
    const v = await probe()
    if (v !== undefined) return v
    await new Promise((r) => setTimeout(r, 10))
  }
  throw new Error(`timed out waiting for ${what}`)
}

/** The checkpoint file next to an export's output, or null while there is none (or it is being replaced). */
export const readSaved = async (
  out: string,
): Promise<{ objects: number; committedBytes: number; resumeFrom: string | null } | null> => {
  try {
    return JSON.parse(await readFile(`${out}.checkpoint.json`, 'utf8')) as {
      objects: number
      committedBytes: number
      resumeFrom: string | null
    }
  } catch {
    return null
  }
}

export interface Sandboxes {
  readonly wp: Sandbox
  readonly pb: Sandbox
  /** The environment that points the CLI at both sandboxes. */
  readonly env: Record<string, string>
  close(): Promise<void>
}

export const startSandboxes = async (o: SandboxOptions = {}): Promise<Sandboxes> => {
  const [wp, pb] = await Promise.all([startWooshpay(o), startPriceblocs(o)])
  return {
    wp,
    pb,
    env: {
      WOOSHPAY_API_KEY: wp.apiKey,
      WOOSHPAY_BASE_URL: wp.baseUrl,
      PRICEBLOCS_API_KEY: pb.apiKey,
      PRICEBLOCS_BASE_URL: pb.baseUrl,
    },
    close: async () => {
      await Promise.all([wp.close(), pb.close()])
    },
  }
}

/** Parses NDJSON output, failing loudly on a line that is not one JSON object. */
export const ndjson = <T = Record<string, unknown>>(text: string): T[] =>
  text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as T)

/** A temporary directory plus one WooshPay sandbox and the environment pointing the CLI at it. */
export interface WooshpayFixture {
  readonly dir: string
  readonly sb: Sandbox
  readonly env: Record<string, string>
  close(): Promise<void>
}

export const startWooshpayFixture = async (name: string, o: SandboxOptions): Promise<WooshpayFixture> => {
  const dir = await mkdtemp(join(tmpdir(), `paymux-cli-${name}-`))
  const sb = await startWooshpay(o)
  return {
    dir,
    sb,
    env: { WOOSHPAY_API_KEY: sb.apiKey, WOOSHPAY_BASE_URL: sb.baseUrl },
    close: async () => {
      await sb.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}
