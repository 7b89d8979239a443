/**
 * `paymux export` in parallel by default: WooshPay payment intents and checkout sessions as 8
 * created windows in any order (composite checkpoint in the checkpoint file), PriceBlocs with
 * 8 pages at once, the rest sequential; `--parallel N` / `--sequential` override. Crash safety
 * holds in every mode: SIGKILL or Ctrl-C, then `--resume` (in the same or another mode), gives
 * every object exactly once.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isPartitionedCheckpoint } from '@paymux/core/adapter'
import { startSandbox as startWooshpay } from '@paymux/wooshpay/sandbox'
import { startSandbox as startPriceblocs } from '@paymux/priceblocs/sandbox'
import { run } from '@paymux/cli/internal'
import { fakeIo } from './fake-io.ts'
import { finished, ndjson, runCli, spawnCli } from './run-cli.ts'

const s = suite<{ dir: string }>('cli/export in parallel')
s.before(async (ctx) => {
  ctx.dir = await mkdtemp(join(tmpdir(), 'paymux-cli-parallel-'))
})
s.after(async (ctx) => {
  await rm(ctx.dir, { recursive: true, force: true })
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

interface Saved {
  readonly objects: number
  readonly resumeFrom: string | null
}

/** The checkpoint file, or null while there is none (or it is being replaced). */
const saved = async (file: string): Promise<Saved | null> => {
  try {
    return JSON.parse(await readFile(`${file}.checkpoint.json`, 'utf8')) as Saved
  } catch {
    return null
  }
}

const idsOf = async (file: string): Promise<string[]> =>
  ndjson<{ id: string }>(await readFile(file, 'utf8')).map((o) => o.id)

const sorted = (xs: readonly string[]) => [...xs].sort()

s('default: 8 created windows; SIGKILL half way, --resume: every object exactly once', async ({ dir }) => {
  const sb = await startWooshpay({ count: 5000, seed: 12, latencyMs: 60 })
  const env = { WOOSHPAY_API_KEY: sb.apiKey, WOOSHPAY_BASE_URL: sb.baseUrl }
  const out = join(dir, 'intents.ndjson')
  const args = ['export', 'payment-intents', '--provider', 'wooshpay', '--out', out]
  try {
    const child = spawnCli(args, env)
    const done = finished(child)
    let at: Saved | null = null
    for (let i = 0; i < 600 && (at?.objects ?? 0) < 1000; i++) {
      await sleep(10)
      at = await saved(out)
    }
    child.kill('SIGKILL')
    const killed = await done
    assert.is(killed.signal, 'SIGKILL', `the export finished before the kill: ${killed.stderr}`)
    const state = (await saved(out)) as Saved
    assert.ok(state.objects >= 1000 && state.objects < 5000, `killed at ${state.objects}`)
    assert.ok(state.resumeFrom && isPartitionedCheckpoint(state.resumeFrom), 'a composite checkpoint is stored')

    const resumed = await runCli([...args, '--resume'], env)
    assert.is(resumed.code, 0, resumed.stderr)
    assert.match(resumed.stderr, new RegExp(`resuming .*intents\\.ndjson after ${state.objects} objects`))
    assert.match(
      resumed.stderr,
      /exported 5000 payment intents from wooshpay to .* in total; this run: \d+ objects, \d+ pages, \d+ requests, 0 retries, [\d.]+ s, \d+ objects\/s \(8 created windows in parallel\)\n$/,
    )
    const ids = await idsOf(out)
    assert.is(ids.length, 5000)
    assert.is(new Set(ids).size, 5000, 'duplicates')
    assert.equal(sorted(ids), sorted([...sb.ids('paymentIntents')]))
    assert.not.ok(existsSync(`${out}.checkpoint.json`), 'checkpoint removed on success')
  } finally {
    await sb.close()
  }
})

/** Runs an export in-process and aborts it (Ctrl-C) once the checkpoint file holds `after` objects. */
const interrupted = async (args: string[], env: Record<string, string>, out: string, after: number) => {
  const controller = new AbortController()
  const io = { ...fakeIo({ env }), signal: controller.signal }
  const timer = setInterval(() => {
    void saved(out).then((c) => c !== null && c.objects >= after && controller.abort())
  }, 5)
  const code = await run(args, io).finally(() => clearInterval(timer))
  assert.is(code, 1, io.err())
  assert.match(
    io.err(),
    /^paymux: aborted: export interrupted after \d+ objects \(run the same command with --resume to continue\)\n$/,
  )
  return (await saved(out)) as Saved
}

s('a parallel export interrupted by Ctrl-C resumes with --sequential (one window at a time)', async ({ dir }) => {
  const sb = await startWooshpay({ count: 1500, seed: 13, latencyMs: 15 })
  const env = { WOOSHPAY_API_KEY: sb.apiKey, WOOSHPAY_BASE_URL: sb.baseUrl }
  const out = join(dir, 'sessions.ndjson')
  const args = ['export', 'checkout-sessions', '--provider', 'wooshpay', '--out', out, '--parallel', '4']
  try {
    const state = await interrupted(args, env, out, 300)
    assert.ok(state.resumeFrom && isPartitionedCheckpoint(state.resumeFrom))
    const io = fakeIo({ env })
    assert.is(await run([...args.slice(0, -2), '--sequential', '--resume'], io), 0, io.err())
    assert.match(io.err(), /objects\/s \(1 created window at a time\)\n$/)
    const ids = await idsOf(out)
    assert.is(new Set(ids).size, ids.length, 'duplicates')
    assert.equal(sorted(ids), sorted([...sb.ids('checkoutSessions')]))
  } finally {
    await sb.close()
  }
})

s('a sequential export resumes sequentially by default, in order', async ({ dir }) => {
  const sb = await startWooshpay({ count: 1200, seed: 14, latencyMs: 15 })
  const env = { WOOSHPAY_API_KEY: sb.apiKey, WOOSHPAY_BASE_URL: sb.baseUrl }
  const out = join(dir, 'seq.ndjson')
  const args = ['export', 'payment-intents', '--provider', 'wooshpay', '--out', out]
  try {
    const state = await interrupted([...args, '--sequential'], env, out, 200)
    assert.ok(state.resumeFrom && !isPartitionedCheckpoint(state.resumeFrom))
    const io = fakeIo({ env })
    assert.is(await run([...args, '--resume'], io), 0, io.err())
    assert.match(io.err(), /objects\/s \(sequential\)\n$/)
    assert.equal(await idsOf(out), [...sb.ids('paymentIntents')])
  } finally {
    await sb.close()
  }
})

s('PriceBlocs: 8 pages in parallel by default, objects still in order; --parallel 3 too', async ({ dir }) => {
  const sb = await startPriceblocs({ count: 300, seed: 15 })
  const env = { PRICEBLOCS_API_KEY: sb.apiKey, PRICEBLOCS_BASE_URL: sb.baseUrl }
  try {
    for (const [extra, mode] of [
      [[], '8 pages in parallel'],
      [['--parallel', '3'], '3 pages in parallel'],
    ] as const) {
      const out = join(dir, `pb-${mode.replace(/ /g, '-')}.ndjson`)
      const io = fakeIo({ env })
      assert.is(await run(['export', 'payment-links', '--provider', 'priceblocs', '--out', out, ...extra], io), 0)
      assert.match(io.err(), new RegExp(`objects/s \\(${mode}\\)\\n$`))
      assert.equal(await idsOf(out), [...sb.ids('paymentLinks')])
    }
  } finally {
    await sb.close()
  }
})

s('bad or impossible --parallel values are refused before any request', async ({ dir }) => {
  const sb = await startWooshpay({ count: 10, seed: 16 })
  const env = { WOOSHPAY_API_KEY: sb.apiKey, WOOSHPAY_BASE_URL: sb.baseUrl }
  const out = join(dir, 'refused.ndjson')
  try {
    const cases: [string[], number, RegExp][] = [
      [
        ['payment-intents', '--provider', 'wooshpay', '--parallel', '0'],
        2,
        /--parallel needs a positive integer from 1 to 64/,
      ],
      [['payment-intents', '--provider', 'wooshpay', '--parallel', '65'], 2, /from 1 to 64/],
      [['payment-intents', '--provider', 'wooshpay', '--parallel', '2.5'], 2, /positive integer/],
      [['payment-intents', '--provider', 'wooshpay', '--parallel', '4', '--sequential'], 2, /contradicts/],
      [['payment-links', '--provider', 'priceblocs', '--parallel', '17'], 2, /PriceBlocs is at most 16/],
      [['payment-links', '--provider', 'wooshpay', '--parallel', '4'], 1, /unsupported: WooshPay payment links cannot/],
      [['checkout-sessions', '--provider', 'all', '--parallel', '2'], 1, /merged export of all providers cannot/],
    ]
    for (const [rest, code, message] of cases) {
      sb.resetStats()
      const io = fakeIo({ env })
      assert.is(await run(['export', ...rest, '--out', out], io), code, rest.join(' '))
      assert.match(io.err(), message, rest.join(' '))
      assert.is(sb.stats().requests, 0, `${rest.join(' ')}: no request`)
      assert.not.ok(existsSync(out))
    }
    const help = fakeIo()
    assert.is(await run(['export', '--help'], help), 0)
    assert.match(help.out(), /--parallel N .*\n.*WooshPay payment intents and checkout sessions/)
    assert.match(help.out(), /--sequential/)
  } finally {
    await sb.close()
  }
})

s.run()
