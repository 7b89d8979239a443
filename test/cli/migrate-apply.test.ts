/**
 * `paymux migrate --apply | --verify | --revert` on the real bin against both sandboxes (started
 * here, so the runs share them): the summary, the results file, a rerun that sends nothing new,
 * refusals of a journal that belongs to another migration before any request, the progress line
 * on a terminal only, and a one-off `--sandbox` run. Counts come from the target sandbox through
 * the adapter, never from the CLI's own report.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { planMigration, type PaymentProvider } from '@paymux/core'
import { priceblocs } from '@paymux/priceblocs'
import { wooshpay } from '@paymux/wooshpay'
import { run, type Io } from '@paymux/cli/internal'
import { parseCsv } from './csv-parse.ts'
import { runCli, startSandboxes, type Sandboxes } from './run-cli.ts'

interface Ctx {
  sb: Sandboxes
  dir: string
  wp: PaymentProvider
  pb: PaymentProvider
}

const s = suite<Ctx>('cli/migrate-apply (child process)')
s.before(async (ctx) => {
  ctx.sb = await startSandboxes({ count: 12, seed: 41 })
  ctx.dir = await mkdtemp(join(tmpdir(), 'paymux-migrate-apply-'))
  ctx.wp = wooshpay({ apiKey: ctx.sb.wp.apiKey, baseUrl: ctx.sb.wp.baseUrl })
  ctx.pb = priceblocs({ apiKey: ctx.sb.pb.apiKey, baseUrl: ctx.sb.pb.baseUrl })
})
s.after(async (ctx) => {
  await ctx.sb.close()
  await rm(ctx.dir, { recursive: true, force: true })
})

const count = async (p: PaymentProvider): Promise<{ all: number; active: number }> => {
  let all = 0
  let active = 0
  for await (const link of p.paymentLinks.list()) {
    all += 1
    if (link.active) active += 1
  }
  return { all, active }
}

const requests = (sb: Sandboxes) => sb.wp.stats().requests + sb.pb.stats().requests
const SIDES = ['--from', 'wooshpay', '--to', 'priceblocs'] as const

s('apply, rerun, verify, revert: one copy per migratable link, a rerun sends no create', async (ctx) => {
  const journal = join(ctx.dir, 'links.journal')
  const results = join(ctx.dir, 'links.csv')
  const plan = await planMigration(ctx.wp, ctx.pb, 'paymentLinks')
  const migratable = plan.totals.migratable
  assert.ok(migratable > 0)
  const before = await count(ctx.pb)
  const apply = [
    'migrate',
    'payment-links',
    ...SIDES,
    '--apply',
    '--journal',
    journal,
    '--success-url',
    'https://shop.example/ok',
  ]

  const first = await runCli([...apply, '--results', results, '--concurrency', '3'], ctx.sb.env)
  assert.is(first.code, 0, first.stderr)
  assert.is(first.stdout, '')
  assert.match(
    first.stderr,
    new RegExp(
      `^paymux: migrated payment links from wooshpay to priceblocs: ${plan.totals.objects} read, ${migratable} created, 0 already done, ${plan.totals.notMigratable} not migratable, 0 failed, 0 outcome unknown \\(\\d+\\.\\d s, \\d+ objects/s; journal .*links\\.journal\\)\\n$`,
    ),
  )
  assert.not.match(first.stderr, /\r/, 'no progress line when stderr is not a terminal')
  assert.is((await count(ctx.pb)).all, before.all + migratable, 'counted in the target sandbox')
  const rows = parseCsv(await readFile(results, 'utf8'))
  assert.equal(rows[0], ['subject', 'source_id', 'outcome', 'target_id', 'reason', 'error_kind'])
  assert.is(rows.length - 1, plan.totals.objects, 'one row per source object')
  assert.is(rows.filter((r) => r[2] === 'created' && (r[3] ?? '') !== '').length, migratable)

  const again = await runCli(apply, ctx.sb.env)
  assert.is(again.code, 0, again.stderr)
  assert.match(again.stderr, new RegExp(`: ${plan.totals.objects} read, 0 created, ${migratable} already done,`))
  assert.is((await count(ctx.pb)).all, before.all + migratable, 'the rerun made nothing')

  const verify = await runCli(['migrate', 'payment-links', ...SIDES, '--verify', '--journal', journal], ctx.sb.env)
  assert.is(verify.code, 0, verify.stderr)
  assert.match(
    verify.stderr,
    new RegExp(
      `^paymux: verified payment links from wooshpay to priceblocs: ${migratable} checked, ${migratable} ok, 0 differ, 0 missing, 0 unreadable`,
    ),
  )

  const revert = await runCli(
    ['migrate', 'payment-links', '--to', 'priceblocs', '--revert', '--journal', journal],
    ctx.sb.env,
  )
  assert.is(revert.code, 0, revert.stderr)
  assert.match(revert.stderr, /^paymux: reverted the payment links migration on priceblocs: /)
  assert.equal((await count(ctx.pb)).active, before.active, 'the copies are gone or inactive, the rest untouched')
})

s('a journal of another migration is refused before any request; verify needs a journal', async (ctx) => {
  const journal = join(ctx.dir, 'other.journal')
  const made = await runCli(
    ['migrate', 'payment-links', ...SIDES, '--apply', '--journal', journal, '--success-url', 'https://shop.example/ok'],
    ctx.sb.env,
  )
  assert.is(made.code, 0, made.stderr)
  const before = requests(ctx.sb)
  const wrongTarget = await runCli(
    ['migrate', 'payment-links', '--to', 'wooshpay', '--revert', '--journal', journal],
    ctx.sb.env,
  )
  assert.is(wrongTarget.code, 1)
  assert.match(
    wrongTarget.stderr,
    /^paymux: checkpoint_mismatch: other\.journal records a migration to priceblocs, not wooshpay \(use --to priceblocs, or the journal of this migration\)\n$|records a migration to priceblocs, not wooshpay/,
  )
  const missing = await runCli(
    ['migrate', 'payment-links', ...SIDES, '--verify', '--journal', join(ctx.dir, 'none')],
    ctx.sb.env,
  )
  assert.is(missing.code, 1)
  assert.match(missing.stderr, /^paymux: config: no journal at .*none \(give the --journal of an earlier --apply\)\n$/)
  assert.is(requests(ctx.sb), before, 'nothing was sent')
  const swapped = await runCli(
    ['migrate', 'payment-links', '--from', 'priceblocs', '--to', 'wooshpay', '--apply', '--journal', journal],
    ctx.sb.env,
  )
  assert.is(swapped.code, 1)
  assert.match(
    swapped.stderr,
    /^paymux: checkpoint_mismatch: .*\(use this migration's journal, or add --force to use it anyway\)\n$/,
  )
})

s('--sandbox: a one-off apply between the built-in sandboxes of the run', async (ctx) => {
  const r = await runCli([
    'migrate',
    'payment-links',
    ...SIDES,
    '--apply',
    '--sandbox',
    '--journal',
    join(ctx.dir, 'oneoff.journal'),
    '--success-url',
    'https://shop.example/ok',
  ])
  assert.is(r.code, 0, r.stderr)
  assert.match(r.stderr, /^paymux: no WOOSHPAY_API_KEY, using the built-in WooshPay sandbox at /)
  assert.match(r.stderr, /\npaymux: migrated payment links from wooshpay to priceblocs: 250 read, /)
})

s('a terminal gets a progress line on stderr, cleared before the summary', async (ctx) => {
  let err = ''
  const io: Io = {
    stdout: { write: () => true, isTTY: true },
    stderr: { write: (t: string) => (err += t), isTTY: true },
    env: ctx.sb.env,
    cwd: ctx.dir,
  }
  const journal = join(ctx.dir, 'tty.journal')
  const code = await run(
    ['migrate', 'payment-links', '--from', 'priceblocs', '--to', 'wooshpay', '--apply', '--journal', journal],
    io,
  )
  assert.is(code, 0, err)
  const CLEAR = '\r\u001b[K'
  assert.ok(err.startsWith(CLEAR) && /^\d+ objects {2}\d+\/s/.test(err.slice(CLEAR.length)), JSON.stringify(err))
  assert.ok(err.includes(`${CLEAR}paymux: migrated payment links from priceblocs to wooshpay: `), JSON.stringify(err))
})

s.run()
