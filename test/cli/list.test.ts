import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { ndjson, runCli, startSandboxes, type Sandboxes } from './run-cli.ts'

interface Row {
  readonly id: string
  readonly provider: string
  readonly createdAt: string
  readonly status: string
}

const s = suite<{ sb: Sandboxes }>('cli/list (child process)')
s.before(async (ctx) => {
  ctx.sb = await startSandboxes({ count: 30, seed: 3 })
})
s.after(async (ctx) => ctx.sb.close())

const isNewestFirst = (rows: readonly Row[]): boolean =>
  rows.every((r, i) => i === 0 || Date.parse((rows[i - 1] as Row).createdAt) >= Date.parse(r.createdAt))

s('--provider all merges both providers newest first as NDJSON (--json)', async ({ sb }) => {
  const r = await runCli(['list', 'payment-links', '--provider', 'all', '--limit', '100', '--json'], sb.env)
  assert.is(r.stderr, '')
  assert.is(r.code, 0)
  const rows = ndjson<Row>(r.stdout)
  assert.is(rows.length, 60)
  assert.ok(isNewestFirst(rows), 'not newest first')
  // Each provider's share is its own newest-first listing, complete and in order.
  for (const [provider, sandbox] of [
    ['wooshpay', sb.wp],
    ['priceblocs', sb.pb],
  ] as const) {
    const ids = rows.filter((x) => x.provider === provider).map((x) => x.id)
    assert.equal(ids, [...sandbox.ids('paymentLinks')], provider)
  }
  // --limit cuts the merged listing, not each provider's.
  const few = await runCli(['list', 'payment-links', '--limit', '7', '--json'], sb.env)
  assert.equal(
    ndjson<Row>(few.stdout).map((x) => x.id),
    rows.slice(0, 7).map((x) => x.id),
  )
})

s('a table with --table: header, one row per object, amounts with the currency', async ({ sb }) => {
  const r = await runCli(['list', 'checkout-sessions', '--provider', 'wooshpay', '--limit', '4', '--table'], sb.env)
  assert.is(r.code, 0, r.stderr)
  const lines = r.stdout.trimEnd().split('\n')
  assert.match(lines[0] as string, /^ID\s+PROVIDER\s+STATUS\s+AMOUNT\s+CREATED \(UTC\)$/)
  assert.is(lines.length, 5)
  const ids = sb.wp.ids('checkoutSessions').slice(0, 4)
  lines.slice(1).forEach((line, i) => {
    assert.ok(line.startsWith(`${ids[i]} `), line)
    assert.match(line, / wooshpay /)
    assert.match(line, /(-|\d+(\.\d+)? [A-Z]{3}) {2}\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
  })
})

s('piped output without --json is NDJSON; a resource a provider lacks is skipped with a note', async ({ sb }) => {
  const r = await runCli(['list', 'payment-intents', '--limit', '5'], sb.env)
  assert.is(r.code, 0, r.stderr)
  assert.is(r.stderr, 'paymux: PriceBlocs has no payment intents, skipped\n')
  const rows = ndjson<Row>(r.stdout)
  assert.equal(
    rows.map((x) => x.id),
    sb.wp.ids('paymentIntents').slice(0, 5),
  )
})

s('a provider without the resource or a filter is an unsupported error (exit 1, one line)', async ({ sb }) => {
  const [noIntents, noCreated] = await Promise.all([
    runCli(['list', 'payment-intents', '--provider', 'priceblocs'], sb.env),
    runCli(['list', 'payment-links', '--created-gte', '2024-01-01'], sb.env),
  ])
  assert.is(noIntents.code, 1)
  assert.is(noIntents.stdout, '')
  assert.is(noIntents.stderr, 'paymux: unsupported: PriceBlocs has no payment intents (try the other --provider)\n')
  assert.is(noCreated.code, 1)
  assert.is(
    noCreated.stderr,
    'paymux: unsupported: WooshPay cannot filter payment links by created ' +
      '(drop --created-gte/--created-lt, or use --provider priceblocs)\n',
  )
})

s('--status and --created-gte / --created-lt filter the listing', async ({ sb }) => {
  const all = ndjson<Row>(
    (await runCli(['list', 'checkout-sessions', '--provider', 'priceblocs', '--limit', '100'], sb.env)).stdout,
  )
  assert.is(all.length, 30)
  const want = all.filter((x) => x.status === 'complete').map((x) => x.id)
  assert.ok(want.length > 0 && want.length < all.length, 'seed gives a mix of statuses')
  const from = (all[20] as Row).createdAt
  const to = (all[5] as Row).createdAt
  const [byStatus, byDate] = await Promise.all([
    runCli(['list', 'checkout-sessions', '--provider', 'priceblocs', '--status', 'complete', '--limit', '100'], sb.env),
    runCli(
      [
        'list',
        'checkout-sessions',
        '--provider',
        'priceblocs',
        '--created-gte',
        from,
        '--created-lt',
        to,
        '--limit',
        '100',
      ],
      sb.env,
    ),
  ])
  assert.equal(
    ndjson<Row>(byStatus.stdout).map((x) => x.id),
    want,
  )
  const inRange = all.filter((x) => x.createdAt >= from && x.createdAt < to).map((x) => x.id)
  assert.ok(inRange.length >= 15)
  assert.equal(
    ndjson<Row>(byDate.stdout).map((x) => x.id),
    inRange,
  )
})

s('bad arguments exit 2 with one usage line and no output', async ({ sb }) => {
  const cases = [
    [['list', 'refunds'], 'paymux: usage: unknown resource "refunds"'],
    [['list', 'payment-links', '--created-gte', 'last tuesday'], 'paymux: usage: --created-gte is not a date'],
    [['get', 'payment-links', '--provider', 'wooshpay'], 'paymux: usage: missing <id>'],
  ] as const
  const requests = () => sb.wp.stats().requests + sb.pb.stats().requests
  const before = requests()
  const results = await Promise.all(cases.map(([argv]) => runCli(argv, sb.env)))
  results.forEach((r, i) => {
    const [, prefix] = cases[i] as (typeof cases)[number]
    assert.is(r.code, 2, r.stderr)
    assert.is(r.stdout, '')
    assert.ok(r.stderr.startsWith(prefix), r.stderr)
    assert.is(r.stderr.trimEnd().split('\n').length, 1, r.stderr)
  })
  // Arguments are checked before any provider is asked anything.
  assert.is(requests(), before)
})

s('--version and --help run in the real bin', async () => {
  const [v, h] = await Promise.all([runCli(['--version']), runCli(['list', '--help'])])
  assert.is(v.code, 0)
  assert.match(v.stdout, /^paymux \d+\.\d+\.\d+\n$/)
  assert.is(h.code, 0)
  assert.ok(h.stdout.startsWith('Usage: paymux list <resource>'))
})

s.run()
