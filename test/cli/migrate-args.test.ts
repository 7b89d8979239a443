/**
 * `paymux migrate`'s command line, parsed directly (a pure function of the arguments) and run
 * in-process for the refusals that need the environment: every mistake is a usage or config
 * error before anything connects, and the refusals name what to do.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CliError, MIGRATE_HELP, MIGRATE_OPTIONS, parseMigrateArgs, run } from '@paymux/cli/internal'
import { fakeIo } from './fake-io.ts'

const CWD = '/work/here'
const base = ['payment-links', '--from', 'wooshpay', '--to', 'priceblocs']

/** The usage error `args` must raise, with `part` in its message. */
const refused = (args: readonly string[], part: string, hint?: string): void => {
  try {
    parseMigrateArgs(args, CWD)
  } catch (e) {
    assert.instance(e, CliError)
    const err = e as CliError
    assert.is(err.kind, 'usage', err.message)
    assert.ok(err.message.includes(part), `${JSON.stringify(err.message)} should mention ${part}`)
    if (hint !== undefined) assert.ok(err.hint.includes(hint), `${JSON.stringify(err.hint)} should mention ${hint}`)
    return
  }
  assert.unreachable(`${args.join(' ')} should be refused (${part})`)
}

const args = suite('cli/migrate-args')

args('--apply with everything: absolute paths, numbers, the results format from the extension', () => {
  const r = parseMigrateArgs(
    [...base, '--apply', '--journal', 'j.ndjson', '--concurrency', '8', '--rps', '25', '--results', 'out/r.CSV'],
    CWD,
  )
  assert.equal(r, {
    resource: 'payment-links',
    to: 'priceblocs',
    sandbox: false,
    mode: 'apply',
    from: 'wooshpay',
    journal: '/work/here/j.ndjson',
    results: { path: '/work/here/out/r.CSV', format: 'csv' },
    concurrency: 8,
    requestsPerSecond: 25,
    force: false,
    successUrl: undefined,
  })
  const plain = parseMigrateArgs(
    [...base, '--apply', '--journal', '/tmp/j', '--sandbox', '--force', '--success-url', 'https://shop.example/thanks'],
    CWD,
  )
  assert.equal(plain, {
    resource: 'payment-links',
    to: 'priceblocs',
    sandbox: true,
    mode: 'apply',
    from: 'wooshpay',
    journal: '/tmp/j',
    results: null,
    concurrency: undefined,
    requestsPerSecond: undefined,
    force: true,
    successUrl: 'https://shop.example/thanks',
  })
})

args('--verify and --revert: --revert takes only --to, the journal names the source', () => {
  const v = parseMigrateArgs([...base, '--verify', '--journal', 'j', '--results', 'v.ndjson'], CWD)
  assert.equal(v, {
    resource: 'payment-links',
    to: 'priceblocs',
    sandbox: false,
    mode: 'verify',
    from: 'wooshpay',
    journal: '/work/here/j',
    results: { path: '/work/here/v.ndjson', format: 'ndjson' },
  })
  const r = parseMigrateArgs(['payment_links', '--to', 'wooshpay', '--revert', '--journal', 'j'], CWD)
  assert.equal(r, {
    resource: 'payment-links',
    to: 'wooshpay',
    sandbox: false,
    mode: 'revert',
    journal: '/work/here/j',
    results: null,
  })
  refused(
    ['payment-links', '--from', 'wooshpay', '--to', 'priceblocs', '--revert', '--journal', 'j'],
    '--from is not for --revert: the journal names the source',
  )
})

args('the dry run parses as before: --from, --to, --json; nothing else of the writing modes', () => {
  assert.equal(parseMigrateArgs([...base, '--dry-run', '--json'], CWD), {
    resource: 'payment-links',
    to: 'priceblocs',
    sandbox: false,
    mode: 'dry-run',
    from: 'wooshpay',
    json: true,
  })
  refused(
    [...base, '--dry-run', '--journal', 'j'],
    '--journal is not for --dry-run',
    'goes with --apply, --verify and --revert',
  )
  refused([...base, '--dry-run', '--concurrency', '2'], '--concurrency is not for --dry-run', 'goes with --apply')
  refused([...base, '--apply', '--journal', 'j', '--json'], '--json is not for --apply', 'goes with --dry-run')
  refused([...base, '--verify', '--journal', 'j', '--rps', '3'], '--rps is not for --verify')
  refused([...base, '--verify', '--journal', 'j', '--force'], '--force is not for --verify')
  refused(
    [...base, '--verify', '--journal', 'j', '--success-url', 'https://x.example'],
    '--success-url is not for --verify',
  )
  refused(
    [...base, '--apply', '--journal', 'j', '--success-url', 'shop.example/thanks'],
    'needs an absolute http(s) URL',
  )
  refused(
    [...base, '--apply', '--journal', 'j', '--success-url', 'javascript:alert(1)'],
    'needs an absolute http(s) URL',
  )
})

args('exactly one mode: none says all four, two name both', () => {
  refused(base, 'add --dry-run, --apply, --verify or --revert', 'nothing was read or written')
  refused([...base, '--apply', '--verify', '--journal', 'j'], '--apply and --verify cannot be combined')
  refused([...base, '--dry-run', '--apply', '--revert'], '--dry-run, --apply and --revert cannot be combined')
})

args('the journal is required and not empty; results are .ndjson or .csv and not the journal', () => {
  refused([...base, '--apply'], '--apply needs --journal FILE')
  refused(['payment-links', '--to', 'wooshpay', '--revert'], '--revert needs --journal FILE')
  refused([...base, '--apply', '--journal', ' '], '--journal is empty')
  refused([...base, '--apply', '--journal', 'j', '--results', ''], '--results is empty')
  refused([...base, '--apply', '--journal', 'j', '--results', 'r.json'], 'needs a .ndjson or .csv file, got ".json"')
  refused([...base, '--apply', '--journal', 'r.csv', '--results', './r.csv'], 'are the same file')
})

args('concurrency and rps are bounded whole numbers', () => {
  refused(
    [...base, '--apply', '--journal', 'j', '--concurrency', '0'],
    '--concurrency needs a positive integer from 1 to 64',
  )
  refused([...base, '--apply', '--journal', 'j', '--concurrency', '65'], 'from 1 to 64, got "65"')
  refused(
    [...base, '--apply', '--journal', 'j', '--rps', '-1'],
    '--rps needs a positive integer from 1 to 10000, got "-1"',
  )
  refused([...base, '--apply', '--journal', 'j', '--rps', '2.5'], 'got "2.5"')
})

args('sides and names: a typo gets the closest option or resource', () => {
  refused(['payment-links', '--to', 'priceblocs', '--apply', '--journal', 'j'], '--from is required')
  refused(['payment-links', '--from', 'wooshpay', '--apply', '--journal', 'j'], '--to is required')
  refused(
    ['payment-links', '--from', 'wooshpay', '--to', 'wooshpay', '--verify', '--journal', 'j'],
    'are both wooshpay',
  )
  refused([...base, '--aply', '--journal', 'j'], 'unknown option --aply', 'did you mean --apply?')
  refused([...base, '--apply', '--jornal', 'j'], 'unknown option --jornal', 'did you mean --journal?')
  refused(
    [...base, '--apply', '--journal', 'j', '--concurency', '2'],
    'unknown option --concurency',
    'did you mean --concurrency?',
  )
  refused(
    ['paymnet-links', '--from', 'wooshpay', '--to', 'priceblocs', '--apply', '--journal', 'j'],
    'unknown resource',
    'did you mean payment-links?',
  )
})

args('the help names every option and every mode', () => {
  assert.is(parseMigrateArgs(['--help'], CWD), 'help')
  for (const name of Object.keys(MIGRATE_OPTIONS)) assert.ok(MIGRATE_HELP.includes(`--${name}`), name)
})

const refusals = suite<{ dir: string }>('cli/migrate-args: built-in sandboxes (in-process run)')
refusals.before(async (ctx) => {
  ctx.dir = await mkdtemp(join(tmpdir(), 'paymux-migrate-args-'))
})
refusals.after(async (ctx) => rm(ctx.dir, { recursive: true, force: true }))

const runIo = async (argv: readonly string[], env: Record<string, string> = {}, cwd = process.cwd()) => {
  const io = fakeIo({ env, cwd })
  const code = await run(['migrate', ...argv], io)
  return { code, out: io.out(), err: io.err() }
}

refusals('--apply without keys refuses the built-in sandbox unless --sandbox, before any request', async ({ dir }) => {
  const r = await runIo([...base, '--apply', '--journal', 'j.ndjson'], {}, dir)
  assert.is(r.code, 1)
  assert.is(r.out, '')
  assert.is(
    r.err,
    'paymux: config: no WOOSHPAY_API_KEY: paymux migrate --apply never uses the built-in sandbox unless asked (set WOOSHPAY_API_KEY, or add --sandbox to migrate between the built-in sandboxes of this run)\n',
  )
})

refusals('a built-in sandbox never meets an earlier journal: resumed --apply, --verify, --revert', async ({ dir }) => {
  const journal = join(dir, 'earlier.ndjson')
  await writeFile(journal, '{"written":"by an earlier run"}\n')
  const hint =
    '(run `paymux sandbox --port 0` in another shell and paste the lines it prints here, so every run talks to the same sandboxes)\n'
  const resumed = await runIo([...base, '--apply', '--sandbox', '--journal', journal])
  assert.is(resumed.code, 1)
  assert.is(
    resumed.err,
    `paymux: config: no WOOSHPAY_API_KEY and PRICEBLOCS_API_KEY: the journal was written by an earlier run, whose built-in sandboxes are gone ${hint}`,
  )
  // Verify and revert always read an earlier run's journal; one side with a key is not enough.
  const verify = await runIo([...base, '--verify', '--sandbox', '--journal', join(dir, 'none.ndjson')], {
    WOOSHPAY_API_KEY: 'sk_test_x',
    WOOSHPAY_BASE_URL: 'http://127.0.0.1:9',
  })
  assert.is(verify.code, 1)
  assert.is(
    verify.err,
    `paymux: config: no PRICEBLOCS_API_KEY: --verify reads a journal an earlier run wrote, whose built-in sandboxes are gone ${hint}`,
  )
  const revert = await runIo(['payment-links', '--to', 'wooshpay', '--revert', '--journal', journal])
  assert.is(revert.code, 1)
  assert.match(revert.err, /^paymux: config: no WOOSHPAY_API_KEY: --revert reads a journal/)
})

args.run()
refusals.run()
