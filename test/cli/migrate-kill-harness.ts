/**
 * The harness of the kill tests (migrate-kill*.test.ts): both sandboxes in a `paymux sandbox`
 * process of their own, `paymux migrate --apply` runs SIGKILLed at seeded moments of journal
 * growth, and the checks, counted in the target sandbox through the adapter. See
 * migrate-kill.test.ts for what is proven.
 */
import * as assert from 'uvu/assert'
import type { ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { planMigration, type PaymentLink, type PaymentProvider } from '@paymux/core'
import { priceblocs } from '@paymux/priceblocs'
import { wooshpay } from '@paymux/wooshpay'
import { prng } from '../helpers/misbehaving/server.ts'
import { startSharedSandboxes, type SharedSandboxes } from './migrate-shared-sandbox.ts'
import { finished, ndjson, spawnCli, type CliResult } from './run-cli.ts'

/**
 * A file's budget: a hang fails the test instead of stalling the suite. (About 25 s on a quiet
 * 2-core machine; the margin is for a loaded one, where each CLI start costs seconds.)
 */
export const BUDGET_MS = 100_000
const SEED = Number(process.env['PAYMUX_KILL_SEED'] ?? 17)
const KILL_ROUNDS = 4
const SUCCESS_URL = 'https://shop.example/thanks'

export interface Ctx {
  shared: SharedSandboxes
  dir: string
  deadline: number
}

const live = new Set<ChildProcess>()

/** Starts the sandbox process: latency, and a fifth of the writes committed then dropped. */
export const setUp = async (ctx: Ctx): Promise<void> => {
  ctx.deadline = Date.now() + BUDGET_MS
  ctx.dir = await mkdtemp(join(tmpdir(), 'paymux-migrate-kill-'))
  ctx.shared = await startSharedSandboxes(['--count', '24', '--seed', '29', '--latency', '3', '--write-faults', '0.2'])
}

export const tearDown = async (ctx: Ctx): Promise<void> => {
  for (const child of live) child.kill('SIGKILL')
  await ctx.shared?.close()
  await rm(ctx.dir, { recursive: true, force: true })
}

/** Rejects once the file's budget is spent, so nothing below can wait forever. */
const bounded = <T>(ctx: Ctx, what: string, p: Promise<T>): Promise<T> => {
  const left = ctx.deadline - Date.now()
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`migrate-kill: over its ${BUDGET_MS} ms budget while ${what}`)),
      Math.max(0, left),
    )
  })
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer))
}

const cli = (ctx: Ctx, args: readonly string[]): ChildProcess => {
  const child = spawnCli(args, { ...ctx.shared.env })
  live.add(child)
  child.once('close', () => live.delete(child))
  return child
}

const run = (ctx: Ctx, args: readonly string[]): Promise<CliResult> =>
  bounded(ctx, `running paymux ${args.slice(0, 4).join(' ')}`, finished(cli(ctx, args)))

const journalLines = async (path: string): Promise<number> => {
  try {
    return (await readFile(path, 'utf8')).split('\n').length - 1
  } catch {
    return 0
  }
}

/** Resolves once the journal has grown to `lines` lines, or the child has exited (false). */
const grownTo = (path: string, lines: number, child: ChildProcess): Promise<boolean> =>
  new Promise((resolve, reject) => {
    let size = -1
    const check = async (): Promise<void> => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve(false)
      try {
        // Counting lines only when the file grew keeps the poll cheap.
        const now = (await stat(path).catch(() => ({ size: 0 }))).size
        if (now !== size) {
          size = now
          if ((await journalLines(path)) >= lines) return resolve(true)
        }
        setTimeout(() => void check(), 2)
      } catch (e) {
        reject(e as Error)
      }
    }
    void check()
  })

export interface Side {
  readonly id: 'wooshpay' | 'priceblocs'
  readonly client: PaymentProvider
}

export const sides = (env: Readonly<Record<string, string>>): Record<Side['id'], Side> => ({
  wooshpay: {
    id: 'wooshpay',
    client: wooshpay({ apiKey: env['WOOSHPAY_API_KEY'] as string, baseUrl: env['WOOSHPAY_BASE_URL'] as string }),
  },
  priceblocs: {
    id: 'priceblocs',
    client: priceblocs({ apiKey: env['PRICEBLOCS_API_KEY'] as string, baseUrl: env['PRICEBLOCS_BASE_URL'] as string }),
  },
})

/** Every payment link the sandbox holds now, by id: the count is the sandbox's, not the CLI's. */
const linksOf = async (side: Side): Promise<Map<string, PaymentLink>> => {
  const out = new Map<string, PaymentLink>()
  for await (const link of side.client.paymentLinks.list()) out.set(link.id, link)
  return out
}

interface Row {
  readonly source_id: string
  readonly outcome: string
  readonly target_id: string | null
}

/** Runs `args` until it exits 0, accepting "run again" codes (75, 3) a few times. */
const untilDone = async (ctx: Ctx, args: readonly string[], what: string): Promise<CliResult> => {
  let last: CliResult | null = null
  for (let attempt = 0; attempt < 6; attempt++) {
    last = await run(ctx, args)
    if (last.code === 0) return last
    assert.ok(last.code === 75 || last.code === 3, `${what}: exit ${String(last.code)}: ${last.stderr}`)
  }
  return assert.unreachable(`${what} did not finish in 6 runs: ${last?.stderr ?? ''}`) as never
}

/** Kills, resumes, completes, counts, verifies and reverts one direction. */
export const migrateWithKills = async (ctx: Ctx, from: Side, to: Side): Promise<void> => {
  const journal = join(ctx.dir, `${from.id}-to-${to.id}.journal.ndjson`)
  const results = join(ctx.dir, `${from.id}-to-${to.id}.results.ndjson`)
  const pair = ['migrate', 'payment-links', '--from', from.id, '--to', to.id]
  const apply = [...pair, '--apply', '--journal', journal, '--concurrency', '4', '--success-url', SUCCESS_URL]
  const plan = await bounded(ctx, 'planning', planMigration(from.client, to.client, 'paymentLinks'))
  const migratable = new Set(plan.objects.filter((o) => o.migratable).map((o) => o.id))
  assert.ok(migratable.size >= 10, `the seed gives enough links to kill mid-way (${migratable.size})`)
  const before = await bounded(ctx, 'listing the target', linksOf(to))

  // Kill at seeded moments: after 1 to 12 more journal lines than the previous run left.
  const rng = prng(SEED + from.id.length)
  let kills = 0
  for (let round = 0; round < KILL_ROUNDS; round++) {
    const at = (await journalLines(journal)) + 1 + Math.floor(rng() * 12)
    const child = cli(ctx, apply)
    const done = finished(child)
    const reached = await bounded(ctx, `waiting for ${at} journal lines`, grownTo(journal, at, child))
    if (reached) child.kill('SIGKILL')
    const r = await bounded(ctx, 'waiting for the killed run', done)
    if (r.signal === 'SIGKILL') {
      kills += 1
      continue
    }
    // The run ended on its own before the kill landed: the migration is done.
    assert.ok(r.code === 0 || r.code === 3 || r.code === 75, `round ${round}: exit ${String(r.code)}: ${r.stderr}`)
    break
  }
  assert.ok(kills >= 3, `at least 3 runs were killed mid-way (seed ${SEED}, ${kills} were)`)

  const last = await untilDone(ctx, [...apply, '--results', results], 'the final --apply')
  assert.match(last.stderr, /paymux: migrated payment links from \w+ to \w+: \d+ read, \d+ created/)
  const rows = ndjson<Row>(await readFile(results, 'utf8'))
  // The results of the last run name every source object once, each migratable one with its copy.
  const copies = new Map(
    rows.filter((x) => x.outcome === 'created' || x.outcome === 'already_done').map((x) => [x.source_id, x.target_id]),
  )
  assert.equal(new Set(copies.keys()), migratable, 'every migratable source has a copy, and nothing else')

  // Counted in the target sandbox: exactly one new object per migratable source, no orphan.
  const after = await bounded(ctx, 'listing the target', linksOf(to))
  const added = [...after.keys()].filter((id) => !before.has(id))
  assert.is(added.length, migratable.size, `one target object per migratable source (seed ${SEED}, ${kills} kills)`)
  assert.equal(new Set(added), new Set(copies.values()), 'the new target objects are exactly the journal’s copies')

  const verify = await run(ctx, [...pair, '--verify', '--journal', journal])
  assert.is(verify.code, 0, verify.stderr)
  assert.match(verify.stderr, new RegExp(`: ${migratable.size} checked, ${migratable.size} ok, 0 differ, 0 missing`))

  await untilDone(ctx, ['migrate', 'payment-links', '--to', to.id, '--revert', '--journal', journal], '--revert')
  const reverted = await bounded(ctx, 'listing the target', linksOf(to))
  for (const id of added) assert.not.ok(reverted.get(id)?.active, `copy ${id} is deleted or inactive`)
  // Nothing but the migration's copies was touched.
  for (const [id, link] of before) assert.is(reverted.get(id)?.active, link.active, `own link ${id}`)
}
