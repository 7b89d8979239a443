/**
 * The default export never differs from `--sequential`: when a provider breaks an assumption
 * of the partitioned listing (core's `partition_assumption`), the export starts over
 * sequentially by itself and says why. And the modes come from the capability manifests, not
 * from provider names in the CLI.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PaymuxError, type PaymentProvider } from '@paymux/core/adapter'
import { wooshpay } from '@paymux/wooshpay'
import { priceblocs } from '@paymux/priceblocs'
import { startSandbox as startWooshpay } from '@paymux/wooshpay/sandbox'
import { CliError, SEQUENTIAL, fetchMode, withSequentialFallback, type FetchMode } from '@paymux/cli/internal'
import { startProxy } from './proxy.ts'
import { finished, ndjson, spawnCli } from './run-cli.ts'

const s = suite<{ dir: string }>('cli/partitioned export falls back to sequential')
s.before(async (ctx) => {
  ctx.dir = await mkdtemp(join(tmpdir(), 'paymux-cli-fallback-'))
})
s.after(async (ctx) => {
  await rm(ctx.dir, { recursive: true, force: true })
})

const PARTITIONED: FetchMode = { paging: { partitions: 8, order: 'any' }, description: '8 created windows in parallel' }
const broken = () =>
  new PaymuxError({
    kind: 'pagination',
    code: 'partition_assumption',
    provider: 'wooshpay',
    message: 'window 3 delivered an object created after its upper bound',
  })

s('restart logic: a partition_assumption error restarts once, sequentially', async () => {
  const modes: FetchMode[] = []
  const restarts: PaymuxError[] = []
  const { result, mode } = await withSequentialFallback(
    PARTITIONED,
    (m) => {
      modes.push(m)
      return m === PARTITIONED ? Promise.reject(broken()) : Promise.resolve('done')
    },
    (e) => {
      restarts.push(e)
      return Promise.resolve()
    },
  )
  assert.is(result, 'done')
  assert.is(mode, SEQUENTIAL)
  assert.equal(modes, [PARTITIONED, SEQUENTIAL])
  assert.is(restarts.length, 1)
  assert.is(restarts[0]?.code, 'partition_assumption')
})

s('restart logic: other errors, and errors of a sequential run, are not retried', async () => {
  const cases: [FetchMode, unknown][] = [
    [PARTITIONED, new PaymuxError({ kind: 'pagination', code: 'cycle', message: 'the provider repeats a page' })],
    [PARTITIONED, new PaymuxError({ kind: 'server', message: '503' })],
    [SEQUENTIAL, broken()],
  ]
  for (const [start, error] of cases) {
    let attempts = 0
    let restarted = false
    try {
      await withSequentialFallback(
        start,
        () => {
          attempts += 1
          return Promise.reject(error)
        },
        () => {
          restarted = true
          return Promise.resolve()
        },
      )
      assert.unreachable('the error was swallowed')
    } catch (e) {
      assert.is(e, error)
    }
    assert.is(attempts, 1)
    assert.not.ok(restarted)
  }
})

s('fetchMode reads partitions, page concurrency and its cap from the capability manifest', () => {
  const wp = wooshpay({ apiKey: 'sk_test_fallback1234' })
  const pb = priceblocs({ apiKey: 'PB_sk_test_fallback1234' })
  assert.equal(fetchMode(wp, 'payment-intents', null, null).paging, { partitions: 8, order: 'any' })
  assert.equal(fetchMode(wp, 'payment-links', null, null), SEQUENTIAL)
  assert.equal(fetchMode(pb, 'payment-links', null, null).paging, { concurrency: 8 })
  // The same adapter with another manifest: the CLI follows the manifest, not the provider's name.
  const withCaps = (p: PaymentProvider, caps: object): PaymentProvider =>
    ({ ...p, capabilities: { ...p.capabilities, ...caps } }) as PaymentProvider
  const wpLinks = withCaps(wp, {
    paymentLinks: { ...wp.capabilities.paymentLinks, options: { partitions: 'supported' } },
  })
  assert.equal(fetchMode(wpLinks, 'payment-links', 4, null).paging, { partitions: 4, order: 'any' })
  const listing = pb.capabilities.paymentLinks.listing
  assert.ok(listing, 'PriceBlocs declares its listing bounds')
  const pb4 = withCaps(pb, {
    paymentLinks: { ...pb.capabilities.paymentLinks, listing: { ...listing, maxConcurrency: 4 } },
  })
  assert.equal(fetchMode(pb4, 'payment-links', 4, null).paging, { concurrency: 4 })
  try {
    fetchMode(pb4, 'payment-links', 5, null)
    assert.unreachable('5 > 4 was accepted')
  } catch (e) {
    assert.instance(e, CliError)
    assert.match((e as CliError).message, /--parallel for PriceBlocs is at most 4/)
  }
  assert.equal(wp.capabilities.paymentIntents.listing?.maxPageSize, 100)
  assert.equal(listing.maxPageSize, 20)
})

s(
  'a provider ignoring created[lt]: the default export starts over sequentially and writes each object once',
  async ({ dir }) => {
    const sb = await startWooshpay({ count: 500, seed: 51 })
    const expected = [...sb.ids('paymentIntents')]
    let child: ReturnType<typeof spawnCli> | undefined
    const proxy = await startProxy(sb.baseUrl, {
      rewriteUrl: (url) => {
        url.searchParams.delete('created[lt]')
        return url
      },
      // Without the check a partitioned listing of this provider never ends: stop it, and fail.
      onRequest: (n) => {
        if (n > 400) child?.kill('SIGKILL')
      },
    })
    const out = join(dir, 'intents.ndjson')
    try {
      child = spawnCli(['export', 'payment-intents', '--provider', 'wooshpay', '--out', out], {
        WOOSHPAY_API_KEY: sb.apiKey,
        WOOSHPAY_BASE_URL: proxy.baseUrl,
      })
      const r = await finished(child)
      assert.is(r.signal, null, `the export did not end (${proxy.requests()} requests): ${r.stderr.slice(-300)}`)
      assert.is(r.code, 0, r.stderr)
      assert.match(
        r.stderr,
        /^paymux: .*starting over sequentially \(the same as --sequential\), from the first object$/m,
      )
      assert.match(r.stderr, /exported 500 payment intents from wooshpay to .*: 500 objects, .*\(sequential\)\n$/)
      assert.equal(
        ndjson<{ id: string }>(await readFile(out, 'utf8')).map((o) => o.id),
        expected,
      )
      assert.not.ok(existsSync(`${out}.checkpoint.json`))
    } finally {
      await proxy.close()
      await sb.close()
    }
  },
)

s.run()
