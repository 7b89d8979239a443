import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { finished, ndjson, runCli, spawnCli, startSandboxes, type Sandboxes } from './run-cli.ts'

const KEY_SHAPE = /\b(?:PB_)?sk_(?:test|live)_[A-Za-z0-9_-]+/

const s = suite<{ sb: Sandboxes }>('cli/sandbox and credentials (child process)')
s.before(async (ctx) => {
  ctx.sb = await startSandboxes({ count: 25, seed: 9 })
})
s.after(async (ctx) => ctx.sb.close())

s('paymux sandbox prints pasteable env lines, serves both APIs, stops on SIGTERM with exit 0', async () => {
  const child = spawnCli(['sandbox', '--port', '0', '--count', '12'])
  const done = finished(child)
  let text = ''
  child.stdout?.on('data', (c: Buffer) => (text += c.toString()))
  for (let i = 0; i < 200 && !text.includes('Ctrl-C'); i++) await new Promise((r) => setTimeout(r, 25))
  const env: Record<string, string> = {}
  for (const m of text.matchAll(/^export ([A-Z_]+)=(\S+)$/gm)) env[m[1] as string] = m[2] as string
  assert.equal(Object.keys(env).sort(), [
    'PRICEBLOCS_API_KEY',
    'PRICEBLOCS_BASE_URL',
    'WOOSHPAY_API_KEY',
    'WOOSHPAY_BASE_URL',
  ])
  assert.match(text, /not secrets/)
  const list = await runCli(['list', 'payment-links', '--limit', '100'], env)
  child.kill('SIGTERM')
  const r = await done
  assert.is(list.code, 0, list.stderr)
  assert.is(list.stderr, '', 'keys were given: no built-in sandbox note')
  assert.is(ndjson(list.stdout).length, 24, '--count 12 per provider')
  assert.is(r.code, 0, r.stderr)
  assert.match(r.stderr, /sandboxes stopped/)
})

s('with no keys the built-in sandboxes are used and announced in one line each', async () => {
  const r = await runCli(['list', 'payment-links', '--limit', '3', '--json'])
  assert.is(r.code, 0, r.stderr)
  const notes = r.stderr.trimEnd().split('\n')
  assert.equal(notes.length, 2, r.stderr)
  assert.match(
    r.stderr,
    /^paymux: no WOOSHPAY_API_KEY, using the built-in WooshPay sandbox at http:\/\/127\.0\.0\.1:\d+$/m,
  )
  assert.match(
    r.stderr,
    /^paymux: no PRICEBLOCS_API_KEY, using the built-in PriceBlocs sandbox at http:\/\/127\.0\.0\.1:\d+$/m,
  )
  assert.is(ndjson(r.stdout).length, 3)
  assert.not.match(r.stdout + r.stderr, KEY_SHAPE)
})

s('no key is printed: not in output, not in errors, not with --debug', async ({ sb }) => {
  const wrong = {
    ...sb.env,
    WOOSHPAY_API_KEY: 'sk_test_wrongwrongwrong1234',
    PRICEBLOCS_API_KEY: 'PB_sk_test_nopenopenope99',
  }
  const runs = await Promise.all([
    runCli(['list', 'checkout-sessions', '--provider', 'all', '--json', '--limit', '50'], sb.env),
    runCli(
      ['get', 'payment-intents', sb.wp.ids('paymentIntents')[0] as string, '--provider', 'wooshpay', '--raw'],
      sb.env,
    ),
    runCli(['list', 'payment-links', '--provider', 'wooshpay', '--debug'], wrong),
    runCli(['list', 'payment-links', '--provider', 'priceblocs'], wrong),
  ])
  const [ok, got, badWp, badPb] = runs as [(typeof runs)[0], (typeof runs)[0], (typeof runs)[0], (typeof runs)[0]]
  assert.is(ok.code, 0, ok.stderr)
  assert.is(got.code, 0, got.stderr)
  assert.is(badWp.code, 1)
  assert.match(
    badWp.stderr,
    /^paymux: authentication: .*\(check WOOSHPAY_API_KEY, or unset it to use the built-in sandbox\)$/m,
  )
  assert.is(badPb.code, 1)
  assert.match(badPb.stderr, /^paymux: authentication: .*\(check PRICEBLOCS_API_KEY/)
  assert.is(badPb.stderr.trimEnd().split('\n').length, 1, 'no stack trace without --debug')
  assert.ok(badWp.stderr.split('\n').length > 2, 'a stack trace with --debug')
  const keys = [sb.wp.apiKey, sb.pb.apiKey, wrong.WOOSHPAY_API_KEY, wrong.PRICEBLOCS_API_KEY]
  for (const r of runs) {
    for (const key of keys) assert.not.ok((r.stdout + r.stderr).includes(key), `key printed: ${key}`)
    assert.not.match(r.stdout + r.stderr, KEY_SHAPE)
  }
})

s('get prints the neutral object, or the provider object with --raw; a missing id is not_found', async ({ sb }) => {
  const id = sb.pb.ids('paymentLinks')[2] as string
  const [neutral, raw, missing] = await Promise.all([
    runCli(['get', 'payment-links', id, '--provider', 'priceblocs'], sb.env),
    runCli(['get', 'payment-links', id, '--provider', 'priceblocs', '--raw'], sb.env),
    runCli(['get', 'payment-links', 'pl_does_not_exist', '--provider', 'wooshpay'], sb.env),
  ])
  assert.is(neutral.code, 0, neutral.stderr)
  const o = JSON.parse(neutral.stdout) as { id: string; provider: string; object: string; raw: unknown }
  assert.equal([o.id, o.provider, o.object], [id, 'priceblocs', 'payment_link'])
  assert.equal(JSON.parse(raw.stdout), JSON.parse(JSON.stringify(o.raw)))
  assert.is(missing.code, 1)
  assert.match(missing.stderr, /^paymux: not_found: .*\(check the id and --provider\)\n$/)
  assert.is(missing.stdout, '')
})

s.run()
