/**
 * The write commands' command line on the real bin: bad `--data` and resources are usage errors
 * (exit 2) before any request, no write reaches a sandbox without `--sandbox`, a provider's
 * unsupported write is refused with exit 1 and 0 requests, and every help text lists every option.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MAIN_HELP, WRITE_HELP, WRITE_OPTIONS, describeFailure } from '@paymux/cli/internal'
import { PaymuxError } from '@paymux/core'
import { runCli, startSandboxes, type Sandboxes } from './run-cli.ts'

const s = suite<{ sb: Sandboxes; dir: string }>('cli/writes usage (child process)')
s.before(async (ctx) => {
  ctx.sb = await startSandboxes({ count: 3, seed: 14 })
  ctx.dir = await mkdtemp(join(tmpdir(), 'paymux-cli-writes-'))
})
s.after(async (ctx) => {
  await ctx.sb.close()
  await rm(ctx.dir, { recursive: true, force: true })
})
s.before.each(({ sb }) => {
  sb.wp.resetStats()
  sb.pb.resetStats()
})

const noRequests = (sb: Sandboxes): void => {
  assert.is(sb.wp.stats().requests, 0, 'no request to WooshPay')
  assert.is(sb.pb.stats().requests, 0, 'no request to PriceBlocs')
}

s('bad --data is a usage error naming the problem, before any request', async ({ sb, dir }) => {
  await writeFile(join(dir, 'list.json'), '[1, 2]')
  const cases: [string[], RegExp][] = [
    [['--data', '{bad'], /--data is not valid JSON \(at character 1\)/],
    [['--data', '"text"'], /--data must be a JSON object, got a string/],
    [['--data', 'null'], /--data must be a JSON object, got null/],
    [['--data', `@${join(dir, 'missing.json')}`], /cannot read the file \(ENOENT\)/],
    [['--data', `@${join(dir, 'list.json')}`], /must be a JSON object, got an array/],
    [['--data', '@'], /--data @ needs a file name/],
    [[], /--data is required/],
  ]
  for (const [extra, message] of cases) {
    const r = await runCli(['create', 'products', '--provider', 'wooshpay', ...extra], sb.env)
    assert.is(r.code, 2, `${extra.join(' ')}: ${r.stderr}`)
    assert.match(r.stderr, message)
    assert.is(r.stdout, '')
  }
  noRequests(sb)
})

s('resources: underscores accepted, a resource the command does not write is named', async ({ sb }) => {
  const wrong = await runCli(['expire', 'payment-links', 'plink_1', '--provider', 'wooshpay'], sb.env)
  assert.is(wrong.code, 2)
  assert.match(wrong.stderr, /paymux expire does not take payment-links \(use checkout-sessions\)/)
  const typo = await runCli(['create', 'prodcts', '--provider', 'wooshpay', '--data', '{}'], sb.env)
  assert.is(typo.code, 2)
  assert.match(typo.stderr, /unknown resource "prodcts" \(did you mean products\?\)/)
  const missing = await runCli(['confirm', 'payment_intents', '--provider', 'wooshpay'], sb.env)
  assert.is(missing.code, 2)
  assert.match(missing.stderr, /missing <id>/)
  const empty = await runCli(
    ['create', 'payment_links', '--provider', 'wooshpay', '--data', '{}', '--idempotency-key', ' '],
    sb.env,
  )
  assert.is(empty.code, 2)
  assert.match(empty.stderr, /--idempotency-key is empty/)
  const clash = await runCli(
    ['refund', 'payment-intents', 'pi_1', '--provider', 'wooshpay', '--data', '{"paymentIntentId":"pi_2"}'],
    sb.env,
  )
  assert.is(clash.code, 2)
  assert.match(clash.stderr, /another paymentIntentId/)
  const ref = await runCli(['delete', 'payment-links', 'wooshpay:plink_1', '--provider', 'priceblocs'], sb.env)
  assert.is(ref.code, 2)
  assert.match(ref.stderr, /is a wooshpay reference, but --provider is priceblocs/)
  const all = await runCli(['create', 'products', '--provider', 'all', '--data', '{"name":"x"}'], sb.env)
  assert.is(all.code, 2)
  assert.match(all.stderr, /paymux create needs one provider/)
  noRequests(sb)
})

s('without a key, a write refuses the built-in sandbox unless --sandbox is given', async () => {
  const r = await runCli(['create', 'products', '--provider', 'wooshpay', '--data', '{"name":"Tea"}'])
  assert.is(r.code, 1)
  assert.match(r.stderr, /^paymux: config: no WOOSHPAY_API_KEY: paymux create never writes to the built-in sandbox/m)
  assert.match(r.stderr, /add --sandbox/)
  assert.not.match(r.stderr, /using the built-in/)
  const ok = await runCli(['create', 'products', '--provider', 'wooshpay', '--sandbox', '--data', '{"name":"Tea"}'])
  assert.match(ok.stderr, /using the built-in WooshPay sandbox/)
  assert.not.match(ok.stderr, /no WOOSHPAY_API_KEY: paymux/)
})

s('PriceBlocs lacks intents, refunds and session writes: unsupported, exit 1, 0 requests', async ({ sb }) => {
  const cases = [
    ['create', 'payment-intents', '--data', '{"amount":{"amount":100,"currency":"USD"}}'],
    ['create', 'refunds', '--data', '{"paymentIntentId":"pi_1"}'],
    ['refund', 'payment-intents', 'pi_1'],
    ['confirm', 'payment-intents', 'pi_1'],
    ['expire', 'checkout-sessions', 'cs_1'],
  ]
  for (const args of cases) {
    const r = await runCli([...args, '--provider', 'priceblocs'], sb.env)
    assert.is(r.code, 1, `${args.join(' ')}: ${r.stderr}`)
    assert.match(r.stderr, /^paymux: unsupported: priceblocs does not support /m)
    assert.is(r.stdout, '')
  }
  noRequests(sb)
})

s('outcome_unknown exits 3 and says which --idempotency-key settles it', () => {
  const withKey = describeFailure(
    new PaymuxError({
      kind: 'outcome_unknown',
      message: 'the answer was lost',
      provider: 'wooshpay',
      idempotencyKey: 'k-123',
    }),
  )
  assert.is(withKey.exitCode, 3)
  assert.match(withKey.line, /^paymux: outcome_unknown: .*--idempotency-key k-123 to settle it\)$/)
  const without = describeFailure(
    new PaymuxError({ kind: 'outcome_unknown', message: 'lost', provider: 'priceblocs', idempotencyKey: null }),
  )
  assert.is(without.exitCode, 3)
  assert.match(without.line, /list the objects created since the call/)
  for (const kind of ['invalid_state', 'idempotency_conflict', 'integrity_mismatch'] as const) {
    const f = describeFailure(new PaymuxError({ kind, message: 'no', provider: 'wooshpay' }))
    assert.is(f.exitCode, 1, kind)
  }
})

s('every write help text lists every option of its command, and paymux --help too', async () => {
  for (const [verb, options] of Object.entries(WRITE_OPTIONS)) {
    const help = WRITE_HELP[verb as keyof typeof WRITE_HELP]
    for (const name of Object.keys(options)) {
      assert.ok(help.includes(`--${name}`), `${verb} --help lacks --${name}`)
      assert.ok(MAIN_HELP.includes(`--${name}`), `paymux --help lacks --${name} (of ${verb})`)
    }
    assert.ok(
      MAIN_HELP.includes(`paymux ${verb}`) || MAIN_HELP.includes(`${verb}|`) || MAIN_HELP.includes(`|${verb}`),
      verb,
    )
  }
  const r = await runCli(['help', 'refund'])
  assert.is(r.code, 0)
  assert.is(r.stdout, WRITE_HELP.refund)
})

s.run()
