/**
 * Starting the server and client processes. The server runs the TypeScript sources through tsx
 * (`dev-source` condition), as `pnpm bench` itself does. The measured client runs a plain
 * JavaScript bundle of its peer's entry (clients/*.ts) built by esbuild: tsx's loader thread alone adds ~80 MB of
 * RSS and would hide what a listing costs (users run compiled paymux, not tsx).
 */
import { fork, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import type {
  ClientMessage,
  Job,
  Measurement,
  Peer,
  Resource,
  SandboxAddress,
  SandboxSpec,
  ServerMessage,
} from './protocol.ts'

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url))
export const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url))
const EXEC_ARGV = ['--conditions=dev-source', '--import', 'tsx']

/**
 * Bundles one client per peer (clients/*.ts, workspace packages from source, stripe included)
 * into `<peer>.cjs` in a fresh `paymux-bench-…` folder under the OS temp dir, so that a measured process loads only its own peer's
 * code. (Outside the repository: generated code is no business of the linters.)
 */
export const bundleClients = async (): Promise<Readonly<Record<Peer, string>>> => {
  const outdir = mkdtempSync(join(tmpdir(), 'paymux-bench-'))
  const peers: readonly Peer[] = ['raw', 'stripe', 'paymux', 'migrate']
  await build({
    entryPoints: Object.fromEntries(peers.map((p) => [p, here(`./clients/${p}.ts`)])),
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    conditions: ['dev-source'],
    logLevel: 'warning',
  })
  return {
    raw: join(outdir, 'raw.cjs'),
    stripe: join(outdir, 'stripe.cjs'),
    paymux: join(outdir, 'paymux.cjs'),
    migrate: join(outdir, 'migrate.cjs'),
  }
}

export interface ServerHandle {
  readonly sandboxes: Readonly<Record<string, SandboxAddress>>
  requests(sandbox: string): Promise<number>
  /** Starts a `fresh` sandbox anew (closing the previous one) and returns its new address. */
  restart(sandbox: string): Promise<SandboxAddress>
  expectedIds(sandbox: string, resource: Resource, limit: number | null): Promise<{ hash: string; count: number }>
  close(): void
}

export const startServer = (specs: readonly SandboxSpec[]): Promise<ServerHandle> =>
  new Promise((resolve, reject) => {
    const child = fork(here('./server.ts'), [JSON.stringify(specs)], {
      execArgv: EXEC_ARGV,
      cwd: BENCH_DIR,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    let nextId = 0
    const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
    const call = (req: Record<string, unknown>): Promise<unknown> =>
      new Promise((res, rej) => {
        const id = nextId++
        pending.set(id, { resolve: res, reject: rej })
        child.send({ ...req, id })
      })
    child.once('exit', (code) => {
      const e = new Error(`sandbox server exited with ${String(code)}`)
      reject(e)
      for (const p of pending.values()) p.reject(e)
    })
    child.on('message', (m: ServerMessage) => {
      if (m.type === 'ready') {
        resolve({
          sandboxes: m.sandboxes,
          requests: async (sandbox) => ((await call({ op: 'stats', sandbox })) as { requests: number }).requests,
          restart: async (sandbox) => (await call({ op: 'restart', sandbox })) as SandboxAddress,
          expectedIds: async (sandbox, resource, limit) =>
            (await call({ op: 'expectedIds', sandbox, resource, limit })) as { hash: string; count: number },
          close: () => child.disconnect(),
        })
        return
      }
      const p = pending.get(m.id)
      pending.delete(m.id)
      if (m.type === 'reply') p?.resolve(m.result)
      else p?.reject(new Error(m.message))
    })
  })

export interface ClientRun {
  readonly measurement: Measurement
  /** Requests the sandbox served during the measured listing. */
  readonly requests: number
}

/**
 * One measurement in a fresh process. `between` runs after the warm-up and once more after the
 * listing (it reads the server's request counter).
 */
export const runClient = (
  bundle: string,
  job: Job,
  requests: () => Promise<number>,
  opts: { readonly timeoutMs: number; readonly execArgv?: readonly string[] },
): Promise<ClientRun> =>
  new Promise((resolve, reject) => {
    const child: ChildProcess = fork(bundle, [JSON.stringify(job)], {
      execArgv: [...(opts.execArgv ?? [])],
      cwd: BENCH_DIR,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    let before = 0
    let done = false
    let settled = false
    const finish = (f: () => void) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      f()
    }
    const timer = setTimeout(() => {
      child.kill()
      finish(() => reject(new Error(`client timed out after ${opts.timeoutMs} ms`)))
    }, opts.timeoutMs)
    child.on('message', (m: ClientMessage) => {
      if (m.type === 'warm') {
        requests().then(
          (n) => {
            before = n
            child.send({ type: 'go' })
          },
          (e: unknown) => finish(() => reject(e as Error)),
        )
      } else if (m.type === 'done') {
        done = true
        requests().then(
          (n) => finish(() => resolve({ measurement: m.measurement, requests: n - before })),
          (e: unknown) => finish(() => reject(e as Error)),
        )
      } else {
        finish(() => reject(new Error(m.message)))
      }
    })
    child.once('exit', (code) => {
      if (!done) finish(() => reject(new Error(`client exited with ${String(code)}`)))
    })
  })
