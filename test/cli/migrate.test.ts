/**
 * `paymux migrate` as a child process against both sandboxes over real HTTP. Expectations are
 * computed independently: object counts from the sandboxes' `ids()`, per-object verdicts from a
 * listing through the adapter itself.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { MigrationPlan } from '@paymux/core/adapter'
import { priceblocs } from '@paymux/priceblocs'
import { startSandbox as startWooshpay } from '@paymux/wooshpay/sandbox'
import { runCli, startSandboxes, type Sandboxes } from './run-cli.ts'

const s = suite<{ sb: Sandboxes }>('cli/migrate (child process)')
s.before(async (ctx) => {
  ctx.sb = await startSandboxes({ count: 30, seed: 3 })
})
s.after(async (ctx) => ctx.sb.close())

const requests = (sb: Sandboxes) => ({ wp: sb.wp.stats().requests, pb: sb.pb.stats().requests })

const planOf = (stdout: string): MigrationPlan => JSON.parse(stdout) as MigrationPlan

s(
  'WooshPay -> PriceBlocs payment links: every link read, dropped fields named, the target never called',
  async ({ sb }) => {
    const before = requests(sb)
    const r = await runCli(
      ['migrate', 'payment-links', '--from', 'wooshpay', '--to', 'priceblocs', '--dry-run', '--json'],
      sb.env,
    )
    assert.is(r.code, 0, r.stderr)
    assert.is(r.stderr, '')
    const plan = planOf(r.stdout)
    const ids = sb.wp.ids('paymentLinks')
    assert.is(plan.totals.objects, ids.length)
    assert.equal(
      plan.objects.map((e) => e.id),
      [...ids],
    )
    // Every seeded WooshPay link has metadata and priced line items with amounts; PriceBlocs links
    // store neither metadata nor amounts, so each link goes, with those fields lost.
    assert.equal(plan.totals, { objects: ids.length, migratable: ids.length, lossless: 0, notMigratable: 0 })
    assert.equal(plan.fields['metadata'], {
      support: 'unsupported',
      present: ids.length,
      carried: 0,
      dropped: ids.length,
    })
    assert.is(plan.fields['lineItems.price']?.carried, ids.length)
    for (const e of plan.objects) {
      assert.ok(e.dropped.includes('metadata') && e.dropped.includes('lineItems.price.unitAmount'), e.id)
    }
    // Nothing is written, and nothing is even read from the target.
    assert.is(requests(sb).pb, before.pb)
    assert.ok(requests(sb).wp > before.wp)
  },
)

s(
  'PriceBlocs -> WooshPay payment links: archived and unknown statuses cannot go, titles are dropped',
  async ({ sb }) => {
    const r = await runCli(
      ['migrate', 'payment-links', '--from', 'priceblocs', '--to', 'wooshpay', '--dry-run', '--json'],
      sb.env,
    )
    assert.is(r.code, 0, r.stderr)
    const plan = planOf(r.stdout)
    assert.is(plan.totals.objects, sb.pb.ids('paymentLinks').length)

    // The verdicts, worked out from a listing through the adapter: WooshPay links are only active
    // or inactive, and need priced line items.
    const pb = priceblocs({ apiKey: sb.pb.apiKey, baseUrl: sb.pb.baseUrl })
    const links = await pb.paymentLinks.list().toArray({ max: 1000 })
    const blocked = links.filter(
      (l) =>
        !['active', 'inactive'].includes(l.status) ||
        !l.lineItems?.length ||
        l.lineItems.some((li) => li.price === null) ||
        // A new WooshPay price needs its amount, which PriceBlocs links never carry (issue 17).
        l.lineItems.some((li) => li.price?.unitAmount === null),
    )
    assert.ok(blocked.length > 0, 'the seed gives links that cannot go')
    assert.equal(
      plan.objects.filter((e) => !e.migratable).map((e) => e.id),
      blocked.map((l) => l.id),
    )
    const archived = links.filter((l) => l.status === 'archived').length
    assert.ok(archived > 0)
    assert.is(plan.reasons['status "archived": wooshpay holds only active, inactive'], archived)
    assert.is(plan.totals.notMigratable, blocked.length)
    const titled = links.filter((l) => l.title !== null).length
    assert.equal(plan.fields['title'], { support: 'unsupported', present: titled, carried: 0, dropped: titled })
  },
)

s('the human summary (default) names what the target lacks and why objects cannot go', async ({ sb }) => {
  const r = await runCli(['migrate', 'payment-links', '--from', 'priceblocs', '--to', 'wooshpay', '--dry-run'], sb.env)
  assert.is(r.code, 0, r.stderr)
  const lines = r.stdout.split('\n')
  const n = sb.pb.ids('paymentLinks').length
  assert.is(lines[0], 'Migration plan: payment links, priceblocs -> wooshpay (dry run: nothing written)')
  assert.match(lines[1] as string, new RegExp(`^${n} read: \\d+ migratable \\(0 without loss\\), \\d+ not migratable$`))
  assert.match(r.stdout, /^Dropped \(wooshpay cannot store them\): title \(\d+\), description \(\d+\)$/m)
  assert.match(r.stdout, /^ +\d+ {2}status "archived": wooshpay holds only active, inactive$/m)
  assert.match(r.stdout, /^title +no +\d+ +\d+$/m)
})

s('payment intents to PriceBlocs: nothing migratable, with the reason, for every intent read', async ({ sb }) => {
  const [json, text] = await Promise.all([
    runCli(['migrate', 'payment-intents', '--from', 'wooshpay', '--to', 'priceblocs', '--dry-run', '--json'], sb.env),
    runCli(['migrate', 'payment-intents', '--from', 'wooshpay', '--to', 'priceblocs', '--dry-run'], sb.env),
  ])
  assert.is(json.code, 0, json.stderr)
  const plan = planOf(json.stdout)
  const n = sb.wp.ids('paymentIntents').length
  assert.equal(plan.totals, { objects: n, migratable: 0, lossless: 0, notMigratable: n })
  assert.is(plan.blocked, 'priceblocs has no payment intents')
  assert.equal(plan.reasons, { 'priceblocs has no payment intents': n })
  assert.is(text.code, 0, text.stderr)
  assert.ok(text.stdout.includes('\nNothing can be migrated: priceblocs has no payment intents.\n'), text.stdout)
})

s('without a mode, with a bad side or the same provider twice: exit 2, one line, no request', async ({ sb }) => {
  const cases = [
    [
      ['migrate', 'payment-links', '--from', 'wooshpay', '--to', 'priceblocs'],
      'say what to do: add --dry-run, --apply, --verify or --revert',
    ],
    [['migrate', 'payment-links', '--to', 'priceblocs', '--dry-run'], '--from is required'],
    [['migrate', 'payment-links', '--from', 'stripe', '--to', 'priceblocs', '--dry-run'], 'unknown provider "stripe"'],
    [['migrate', 'payment-links', '--from', 'wooshpay', '--to', 'wooshpay', '--dry-run'], 'are both wooshpay'],
    [['migrate', 'refunds', '--from', 'wooshpay', '--to', 'priceblocs', '--dry-run'], 'unknown resource "refunds"'],
  ] as const
  const before = requests(sb)
  const results = await Promise.all(cases.map(([argv]) => runCli(argv, sb.env)))
  results.forEach((r, i) => {
    const [, part] = cases[i] as (typeof cases)[number]
    assert.is(r.code, 2, r.stderr)
    assert.is(r.stdout, '')
    assert.is(r.stderr.trimEnd().split('\n').length, 1, r.stderr)
    assert.match(r.stderr, /^paymux: usage: .+ \(.+\)\n$/)
    assert.ok(r.stderr.includes(part), r.stderr)
  })
  assert.equal(requests(sb), before)
})

s('a source without the resource is an unsupported error (exit 1, one line)', async ({ sb }) => {
  const r = await runCli(
    ['migrate', 'payment-intents', '--from', 'priceblocs', '--to', 'wooshpay', '--dry-run'],
    sb.env,
  )
  assert.is(r.code, 1)
  assert.is(r.stdout, '')
  assert.is(r.stderr, 'paymux: unsupported: PriceBlocs has no payment intents to migrate (use --from wooshpay)\n')
})

s('help: migrate --help and the overview list the command', async () => {
  const [own, overview] = await Promise.all([runCli(['migrate', '--help']), runCli(['--help'])])
  assert.is(own.code, 0)
  assert.ok(own.stdout.startsWith('Usage: paymux migrate <resource> --from P --to Q --dry-run [--json]'))
  assert.is(overview.code, 0)
  assert.ok(overview.stdout.includes('  paymux migrate <resource> --from P --to Q --dry-run [--json]\n'))
})

s('with no keys, it plans against the built-in sandboxes', async () => {
  const r = await runCli([
    'migrate',
    'checkout-sessions',
    '--from',
    'wooshpay',
    '--to',
    'priceblocs',
    '--dry-run',
    '--json',
  ])
  assert.is(r.code, 0, r.stderr)
  assert.match(
    r.stderr,
    /^paymux: no WOOSHPAY_API_KEY, using the built-in WooshPay sandbox at http:\/\/127\.0\.0\.1:\d+\n/,
  )
  assert.match(r.stderr, /paymux: no PRICEBLOCS_API_KEY, using the built-in PriceBlocs sandbox at /)
  // The CLI's sandbox has the default data: the same as one started here with no options.
  const reference = await startWooshpay({})
  try {
    const plan = planOf(r.stdout)
    assert.is(plan.totals.objects, reference.ids('checkoutSessions').length)
    // PriceBlocs records have no word for an expired session.
    assert.ok(
      (plan.reasons['status "expired": priceblocs holds only open, complete'] ?? 0) > 0,
      JSON.stringify(plan.reasons),
    )
    assert.is(plan.fields['successUrl']?.support, 'unsupported')
  } finally {
    await reference.close()
  }
})

s.run()
