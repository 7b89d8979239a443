/**
 * `paymux sandbox --rate-limit RPS [--no-retry-after]`: both sandboxes answer their provider's
 * own 429 beyond the limit, with `Retry-After` unless told not to, so users can test their own
 * exports against a rate limit. The limit here (1 request per 1,000 s, a bucket of 1) serves the
 * first request and refuses the second whatever the machine's speed.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { run } from '@paymux/cli/internal'
import { fakeIo } from '../cli/fake-io.ts'

/** Starts `paymux sandbox` in-process; resolves with the printed env once it is listening. */
const startCli = async (args: readonly string[]) => {
  const controller = new AbortController()
  const io = { ...fakeIo(), signal: controller.signal }
  const exit = run(['sandbox', '--port', '0', ...args], io)
  for (let i = 0; i < 400 && !io.out().includes('Ctrl-C'); i++) {
    const early = await Promise.race([exit, new Promise<null>((r) => setTimeout(() => r(null), 25))])
    if (early !== null) throw new Error(`paymux sandbox exited ${early}: ${io.err()}`)
  }
  const env: Record<string, string> = {}
  for (const m of io.out().matchAll(/^export ([A-Z_]+)=(\S+)$/gm)) env[m[1] as string] = m[2] as string
  return { env, stop: () => (controller.abort(), exit) }
}

const get = (baseUrl: string, path: string, authorization: string) =>
  fetch(`${baseUrl}${path}`, { headers: { authorization, accept: 'application/json' } })

const s = suite('reliability/rate-limit: paymux sandbox --rate-limit')

for (const noRetryAfter of [false, true]) {
  s(
    `--rate-limit 0.001${noRetryAfter ? ' --no-retry-after' : ''}: the second request is the provider's 429`,
    async () => {
      const cli = await startCli(['--rate-limit', '0.001', ...(noRetryAfter ? ['--no-retry-after'] : [])])
      try {
        const { env } = cli
        const wpAuth = `Basic ${btoa(`${env['WOOSHPAY_API_KEY']}:`)}`
        const pbAuth = `Bearer ${env['PRICEBLOCS_API_KEY']}`
        for (const [base, path, auth] of [
          [env['WOOSHPAY_BASE_URL'], '/v1/payment_links', wpAuth],
          [env['PRICEBLOCS_BASE_URL'], '/v1/payment-links', pbAuth],
        ] as const) {
          assert.is((await get(base as string, path, auth)).status, 200)
          const refused = await get(base as string, path, auth)
          assert.is(refused.status, 429)
          assert.is(refused.headers.get('retry-after'), noRetryAfter ? null : '1000')
          const body = JSON.stringify(await refused.json())
          assert.ok(/rate|many|limit/i.test(body), body)
        }
      } finally {
        assert.is(await cli.stop(), 0)
      }
    },
  )
}

s('--rate-limit must be a number above 0; --no-retry-after needs it', async () => {
  for (const args of [['--rate-limit', '0'], ['--rate-limit', 'fast'], ['--rate-limit', '-1'], ['--no-retry-after']]) {
    const io = fakeIo()
    const code = await run(['sandbox', '--port', '0', ...args], io)
    assert.is.not(code, 0, args.join(' '))
    assert.match(io.err(), /rate-limit/, args.join(' '))
  }
})

s.run()
