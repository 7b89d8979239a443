import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startSandbox as startWooshpay } from '@paymux/wooshpay/sandbox'
import { startSandbox as startPriceblocs } from '@paymux/priceblocs/sandbox'
import { parseCsv } from './csv-parse.ts'
import { run } from '@paymux/cli/internal'
import { fakeIo } from './fake-io.ts'
import { finished, ndjson, runCli, spawnCli, startSandboxes } from './run-cli.ts'

const s = suite<{ dir: string }>('cli/export (child process)')
s.before(async (ctx) => {
  ctx.dir = await mkdtemp(join(tmpdir(), 'paymux-cli-export-'))
})
s.after(async (ctx) => {
  await rm(ctx.dir, { recursive: true, force: true })
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The checkpoint's object count, or -1 while there is none (or it is being replaced). */
const checkpointCount = async (file: string): Promise<number> => {
  try {
    return (JSON.parse(await readFile(`${file}.checkpoint.json`, 'utf8')) as { objects: number }).objects
  } catch {
    return -1
  }
}

s('5,000 objects, SIGKILL half way, --resume: every object exactly once, in order', async ({ dir }) => {
  // Latency makes the 50 pages take a few seconds, so the kill lands mid-export.
  const sb = await startWooshpay({ count: 5000, seed: 11, latencyMs: 40 })
  const env = { WOOSHPAY_API_KEY: sb.apiKey, WOOSHPAY_BASE_URL: sb.baseUrl }
  const out = join(dir, 'intents.ndjson')
  // Sequential: the order is the listing's (the parallel default is covered by export-parallel).
  const args = ['export', 'payment-intents', '--provider', 'wooshpay', '--out', out, '--sequential']
  try {
    const child = spawnCli(args, env)
    const done = finished(child)
    let seen = -1
    for (let i = 0; i < 600 && seen < 1000; i++) {
      await sleep(15)
      seen = await checkpointCount(out)
    }
    child.kill('SIGKILL')
    const killed = await done
    assert.is(killed.signal, 'SIGKILL', `the export finished before the kill: ${killed.stderr}`)
    const at = await checkpointCount(out)
    assert.ok(at >= 1000 && at < 5000, `killed at ${at}`)
    const sizeAtKill = (await stat(out)).size

    // Without --resume an interrupted export is not overwritten.
    const refused = await runCli(args, env)
    assert.is(refused.code, 1)
    assert.match(refused.stderr, /^paymux: conflict: .*checkpoint\.json exists.*\(add --resume/)
    assert.is((await stat(out)).size, sizeAtKill)

    const resumed = await runCli([...args, '--resume'], env)
    assert.is(resumed.code, 0, resumed.stderr)
    assert.match(resumed.stderr, new RegExp(`resuming .*intents\\.ndjson after ${at} objects`))
    // The total once, then only this run's figures: objects and pages of this run, not the file's.
    const thisRun = new RegExp(
      `exported 5000 payment intents from wooshpay to .* in total; this run: ${5000 - at} objects, ${50 - at / 100} pages, \\d+ requests, 0 retries, [\\d.]+ s, \\d+ objects/s`,
    )
    assert.match(resumed.stderr, thisRun)
    const ids = ndjson<{ id: string }>(await readFile(out, 'utf8')).map((o) => o.id)
    assert.is(ids.length, 5000)
    assert.is(new Set(ids).size, 5000, 'duplicates')
    assert.equal(ids, [...sb.ids('paymentIntents')])
    assert.not.ok(existsSync(`${out}.checkpoint.json`), 'checkpoint removed on success')
  } finally {
    await sb.close()
  }
})

s('CSV export: header, one row per object, retries counted in the summary', async ({ dir }) => {
  const sb = await startPriceblocs({ count: 120, seed: 5, faults: { rate: 0.25, kinds: ['500', '503'] } })
  const env = { PRICEBLOCS_API_KEY: sb.apiKey, PRICEBLOCS_BASE_URL: sb.baseUrl }
  const out = join(dir, 'sessions.csv')
  try {
    const r = await runCli(['export', 'checkout-sessions', '--provider', 'priceblocs', '-o', out], env)
    assert.is(r.code, 0, r.stderr)
    const text = await readFile(out, 'utf8')
    const rows = parseCsv(text)
    const header = rows[0] as string[]
    assert.equal(header.slice(0, 5), ['provider', 'id', 'created_at', 'status', 'payment_status'])
    assert.is(rows.length, 121)
    assert.ok(rows.every((row) => row.length === header.length))
    assert.equal(
      rows.slice(1).map((row) => row[1]),
      [...sb.ids('checkoutSessions')],
    )
    // The metadata column holds JSON: commas and quotes that must survive the quoting.
    const meta = rows
      .slice(1)
      .map((row) => row[header.indexOf('metadata')] as string)
      .filter((m) => m !== '')
    assert.ok(
      meta.some((m) => m.includes('","')),
      'some metadata has several keys',
    )
    assert.ok(text.includes('""'), 'quotes are doubled in the file')
    for (const m of meta) assert.type(JSON.parse(m), 'object')
    const stats = sb.stats()
    assert.ok(
      r.stderr.includes(`${stats.requests} requests, ${stats.faults} retries`),
      `${r.stderr} vs ${JSON.stringify(stats)}`,
    )
  } finally {
    await sb.close()
  }
})

s('--provider all exports both providers merged newest first, each object once', async ({ dir }) => {
  const sb = await startSandboxes({ count: 40, seed: 2 })
  const out = join(dir, 'all.ndjson')
  try {
    const r = await runCli(['export', 'checkout-sessions', '--provider', 'all', '--out', out], sb.env)
    assert.is(r.code, 0, r.stderr)
    assert.match(r.stderr, /exported 80 checkout sessions from all providers/)
    const rows = ndjson<{ id: string; provider: string; createdAt: string }>(await readFile(out, 'utf8'))
    assert.is(new Set(rows.map((o) => `${o.provider}:${o.id}`)).size, 80)
    assert.ok(rows.every((o, i) => i === 0 || (rows[i - 1] as { createdAt: string }).createdAt >= o.createdAt))
    assert.equal(
      rows.filter((o) => o.provider === 'priceblocs').map((o) => o.id),
      [...sb.pb.ids('checkoutSessions')],
    )
  } finally {
    await sb.close()
  }
})

s('Ctrl-C (the abort signal) stops after a committed page with a resume hint; --resume completes', async ({ dir }) => {
  const sb = await startWooshpay({ count: 600, seed: 4, latencyMs: 30 })
  const env = { WOOSHPAY_API_KEY: sb.apiKey, WOOSHPAY_BASE_URL: sb.baseUrl }
  const out = join(dir, 'links.csv')
  const args = ['export', 'payment-links', '--provider', 'wooshpay', '--out', out]
  try {
    const controller = new AbortController()
    const first = { ...fakeIo({ env }), signal: controller.signal }
    const timer = setInterval(() => {
      void checkpointCount(out).then((n) => n >= 100 && controller.abort())
    }, 10)
    const code = await run(args, first).finally(() => clearInterval(timer))
    assert.is(code, 1)
    assert.match(
      first.err(),
      /^paymux: aborted: export interrupted after \d+ objects \(run the same command with --resume to continue\)\n$/,
    )
    assert.ok(existsSync(`${out}.checkpoint.json`))

    const second = fakeIo({ env })
    assert.is(await run([...args, '--resume'], second), 0, second.err())
    const rows = parseCsv(await readFile(out, 'utf8'))
    assert.equal(
      rows.slice(1).map((r) => r[1]),
      [...sb.ids('paymentLinks')],
    )
  } finally {
    await sb.close()
  }
})

s.run()
