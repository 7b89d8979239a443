/**
 * Exit codes a script can act on, and errors in the CLI's words, on the real bin:
 * 75 when the same export with --resume is the fix, 1 for a permanent failure (so the README's
 * retry loop stops), 2 for usage, 130 / 143 after Ctrl-C / SIGTERM.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gate, startProxy } from './proxy.ts'
import {
  ROOT,
  finished,
  ndjson,
  runCli,
  spawnCli,
  startSandboxes,
  startWooshpayFixture,
  type WooshpayFixture,
} from './run-cli.ts'

const s = suite<WooshpayFixture>('cli/exit codes and messages (child process)')
s.before(async (ctx) => {
  Object.assign(ctx, await startWooshpayFixture('exit', { count: 500, seed: 31 }))
})
s.after((ctx) => ctx.close())

const LIBRARY_WORDS = /error\.checkpoint|of this \w+ listing|paymentLinks|paymentIntents/

s('a provider failing for now exits 75 with the resume hint; --resume then completes', async ({ dir, sb, env }) => {
  const out = join(dir, 'flaky.ndjson')
  // Two pages go through, then every attempt of the third fails (503, retried, given up).
  const proxy = await startProxy(sb.baseUrl, { fail: (n) => (n >= 3 ? 503 : undefined) })
  const args = ['export', 'payment-links', '--provider', 'wooshpay', '--out', out]
  try {
    const r = await runCli(args, { ...env, WOOSHPAY_BASE_URL: proxy.baseUrl })
    assert.is(r.code, 75, r.stderr)
    assert.match(
      r.stderr,
      /^paymux: server: wooshpay: .*\(retry in a minute; then run the same command with --resume to continue after 200 objects\)\n$/,
    )
    assert.not.match(r.stderr, LIBRARY_WORDS)
    const resumed = await runCli([...args, '--resume'], env)
    assert.is(resumed.code, 0, resumed.stderr)
    assert.is(ndjson(await readFile(out, 'utf8')).length, 500)
  } finally {
    await proxy.close()
  }
})

/** The README's retry loop, bounded so that a loop that never stops fails the test instead. */
const retryLoop = (args: readonly string[], env: Record<string, string>) => {
  const cli = ['node', '--conditions=dev-source', '--import', 'tsx', 'packages/cli/src/bin.ts', ...args]
    .map((a) => `'${a}'`)
    .join(' ')
  const script = `n=0; until ${cli}; do [ $? -eq 75 ] || exit 1; n=$((n+1)); echo "retry $n" >&2; [ $n -lt 3 ] || exit 99; done`
  return finished(
    spawn('bash', ['-c', script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }),
  )
}

s("the README's retry loop retries a transient failure and stops at a permanent one", async ({ dir, sb, env }) => {
  const out = join(dir, 'loop.ndjson')
  const args = ['export', 'payment-links', '--provider', 'wooshpay', '--out', out, '--resume']
  // The first run fails at its third page (all 9 attempts: 1 + the default 8 retries), then the
  // provider is back.
  const proxy = await startProxy(sb.baseUrl, { fail: (n) => (n >= 3 && n <= 11 ? 503 : undefined) })
  try {
    const ok = await retryLoop(args, { ...env, WOOSHPAY_BASE_URL: proxy.baseUrl })
    assert.is(ok.code, 0, ok.stderr)
    assert.is((ok.stderr.match(/^retry \d+$/gm) ?? []).length, 1, ok.stderr)
    assert.is(ndjson(await readFile(out, 'utf8')).length, 500)
  } finally {
    await proxy.close()
  }
  const bad = await retryLoop([...args.slice(0, -2), join(dir, 'never.ndjson'), '--resume'], {
    ...env,
    WOOSHPAY_API_KEY: 'sk_test_wrongwrongwrong1234',
  })
  assert.is(bad.code, 1, bad.stderr)
  assert.not.match(bad.stderr, /^retry/m, 'a bad key is not retried')
  assert.match(
    bad.stderr,
    /^paymux: authentication: .*\(check WOOSHPAY_API_KEY, or unset it to use the built-in sandbox; then run the same command with --resume to continue\)$/m,
    bad.stderr,
  )
  assert.not.match(bad.stderr, LIBRARY_WORDS)
})

s('Ctrl-C exits 130 and SIGTERM 143; paymux sandbox still exits 0 on SIGTERM', async ({ sb, env }) => {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    const held = gate()
    let asked: () => void = () => undefined
    const reached = new Promise<void>((r) => (asked = r))
    const proxy = await startProxy(sb.baseUrl, {
      hold: (n) => {
        if (n !== 2) return undefined
        asked()
        return held.wait
      },
    })
    const child = spawnCli(['list', 'payment-links', '--provider', 'wooshpay', '--limit', '500', '--json'], {
      ...env,
      WOOSHPAY_BASE_URL: proxy.baseUrl,
    })
    const done = finished(child)
    await reached
    child.kill(signal)
    const r = await done
    held.open()
    await proxy.close()
    assert.is(r.code, code, `${signal}: ${r.stderr}`)
    assert.is(r.stderr, 'paymux: aborted: interrupted (run the command again)\n')
  }
})

s('errors speak CLI: no library wording after a 401 or a DNS failure, once per line for a merged listing', async () => {
  const sbs = await startSandboxes({ count: 5, seed: 2 })
  try {
    const wrong = {
      ...sbs.env,
      WOOSHPAY_API_KEY: 'sk_test_wrongwrongwrong1234',
      PRICEBLOCS_API_KEY: 'PB_sk_test_nopenopenope99',
    }
    const [merged, dns] = await Promise.all([
      runCli(['list', 'payment-links', '--provider', 'all'], wrong),
      runCli(['list', 'payment-links', '--provider', 'wooshpay'], {
        ...sbs.env,
        WOOSHPAY_BASE_URL: 'http://paymux-test.invalid',
      }),
    ])
    assert.is(merged.code, 1)
    assert.is(merged.stderr.trimEnd().split('\n').length, 1, merged.stderr)
    assert.match(merged.stderr, /^paymux: authentication: /)
    assert.not.match(merged.stderr, LIBRARY_WORDS)
    assert.is(dns.code, 1)
    assert.match(dns.stderr, /^paymux: connection: .*\(check WOOSHPAY_BASE_URL and the network\)\n$/)
    assert.not.match(dns.stderr, LIBRARY_WORDS)
  } finally {
    await sbs.close()
  }
})

s('a key prefix in a message is not redacted: WOOSHPAY_API_KEY=sk_test_ says what a key looks like', async () => {
  const r = await runCli(['list', 'payment-links', '--provider', 'wooshpay'], { WOOSHPAY_API_KEY: 'sk_test_' })
  assert.is(r.code, 1)
  assert.match(
    r.stderr,
    /^paymux: config: .*\(check WOOSHPAY_API_KEY \(WooshPay secret keys start with sk_test_… or sk_live_…\) and WOOSHPAY_BASE_URL\)\n$/,
  )
})

s.run()
