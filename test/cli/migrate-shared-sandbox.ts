/**
 * Both sandboxes in a process of their own (`paymux sandbox`, the real bin), as a user shares
 * them between migration runs: the test reads the `export NAME=value` lines it prints and hands
 * them to every CLI run, so runs killed and started again all meet the same sandbox state.
 */
import type { ChildProcess } from 'node:child_process'
import { spawnCli } from './run-cli.ts'

export interface SharedSandboxes {
  /** `WOOSHPAY_BASE_URL`, `WOOSHPAY_API_KEY`, `PRICEBLOCS_BASE_URL`, `PRICEBLOCS_API_KEY`. */
  readonly env: Readonly<Record<string, string>>
  close(): Promise<void>
}

/** Reads the pasted lines of `paymux sandbox` (everything else is a comment). */
export const parseSandboxLines = (text: string): Record<string, string> => {
  const env: Record<string, string> = {}
  for (const m of text.matchAll(/^export ([A-Z_]+)=(\S+)$/gm)) env[m[1] as string] = m[2] as string
  return env
}

const stopped = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve()
    else child.once('close', () => resolve())
  })

/** Starts `paymux sandbox --port 0 ...args` and waits for its lines (failing if it exits first). */
export const startSharedSandboxes = (args: readonly string[]): Promise<SharedSandboxes> =>
  new Promise((resolve, reject) => {
    const child = spawnCli(['sandbox', '--port', '0', ...args])
    let out = ''
    let err = ''
    child.stderr?.on('data', (c: Buffer) => (err += c.toString()))
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString()
      if (!out.includes('# Ctrl-C to stop.\n')) return
      resolve({
        env: parseSandboxLines(out),
        close: async () => {
          child.kill('SIGTERM')
          await stopped(child)
        },
      })
    })
    child.once('close', (code) =>
      reject(new Error(`paymux sandbox exited with ${String(code)} before it was ready: ${err}`)),
    )
  })
