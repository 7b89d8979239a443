/**
 * Throttling slows a client, it never fails it; the retry budget stops only a provider that is
 * down. Against both sandboxes with 20% of requests failing (every fault kind, 429s included),
 * with default options (only the clock and sleep are injected, so backoff and Retry-After cost
 * virtual time):
 * - 10,000 objects arrive, each exactly once, in every listing mode: plain, prefetch, PriceBlocs
 *   concurrency 4, WooshPay partitions 8 in both orders, and merged `paymux([wp, pb])`;
 * - 20 concurrent listings on one client all complete;
 * - a provider answering 503 to everything ends in a bounded number of requests, alone or with
 *   20 listings at once (the bound is derived below, from the documented defaults).
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { paymux, type PaymentProvider, type ResourceName, type Sandbox } from '@paymux/core/adapter'
import { priceblocs } from '@paymux/priceblocs'
import { startSandbox as startPriceblocs } from '@paymux/priceblocs/sandbox'
import { wooshpay } from '@paymux/wooshpay'
import { startSandbox as startWooshpay } from '@paymux/wooshpay/sandbox'
import { rejectsWith } from '../helpers/either.ts'
import { ALL_FAULTS, TARGETS, fakeClock } from './targets.ts'

const COUNT = 10_000
const FAULTS = { rate: 0.2, kinds: ALL_FAULTS }

/** Default options, but time is virtual. */
const virtualTime = () => {
  const time = fakeClock()
  return { clock: time.clock, sleep: time.sleep }
}

const idsOf = async (p: PaymentProvider, r: ResourceName, query: Record<string, unknown>): Promise<string[]> =>
  (await p[r].list(query).toArray({ max: 1_000_000 })).map((o) => o.id)

const sorted = (ids: readonly string[]): string[] => [...ids].sort()

interface Ctx {
  wpSandbox: Sandbox
  pbSandbox: Sandbox
  wp: PaymentProvider
  pb: PaymentProvider
}

const big = suite<Ctx>('reliability/throttling: 10,000 objects at 20% faults, default options')
big.before(async (ctx) => {
  ctx.wpSandbox = await startWooshpay({ count: COUNT, seed: 21, faults: FAULTS })
  ctx.pbSandbox = await startPriceblocs({ count: COUNT, seed: 21, faults: FAULTS })
  ctx.wp = wooshpay({ apiKey: ctx.wpSandbox.apiKey, baseUrl: ctx.wpSandbox.baseUrl, retry: virtualTime() })
  ctx.pb = priceblocs({ apiKey: ctx.pbSandbox.apiKey, baseUrl: ctx.pbSandbox.baseUrl, retry: virtualTime() })
})
big.after(async (ctx) => {
  await ctx.wpSandbox.close()
  await ctx.pbSandbox.close()
})

const MODES: readonly { name: string; provider: 'wp' | 'pb'; r: ResourceName; query: Record<string, unknown> }[] = [
  { name: 'wooshpay plain', provider: 'wp', r: 'paymentIntents', query: {} },
  { name: 'wooshpay prefetch 4', provider: 'wp', r: 'paymentIntents', query: { prefetch: 4 } },
  { name: 'wooshpay partitions 8, newest first', provider: 'wp', r: 'paymentIntents', query: { partitions: 8 } },
  {
    name: 'wooshpay partitions 8, any order',
    provider: 'wp',
    r: 'paymentIntents',
    query: { partitions: 8, order: 'any' },
  },
  { name: 'priceblocs plain', provider: 'pb', r: 'paymentLinks', query: {} },
  { name: 'priceblocs prefetch 4', provider: 'pb', r: 'paymentLinks', query: { prefetch: 4 } },
  { name: 'priceblocs concurrency 4', provider: 'pb', r: 'paymentLinks', query: { concurrency: 4 } },
]

for (const mode of MODES) {
  big(`${mode.name}: every object exactly once`, async (ctx) => {
    const sb = mode.provider === 'wp' ? ctx.wpSandbox : ctx.pbSandbox
    sb.resetStats()
    const ids = await idsOf(ctx[mode.provider], mode.r, mode.query)
    const expected = sb.ids(mode.r)
    assert.is(expected.length, COUNT)
    if (mode.query['order'] === 'any') assert.equal(sorted(ids), sorted(expected))
    else assert.equal(ids, [...expected])
    const stats = sb.stats()
    assert.ok(stats.faults > 0 && (stats.faultsByKind['429'] ?? 0) > 0, JSON.stringify(stats.faultsByKind))
  })
}

big('merged paymux([wp, pb]): every object of both exactly once', async (ctx) => {
  const merged = await paymux([ctx.wp, ctx.pb]).paymentLinks.list().toArray({ max: 1_000_000 })
  const got = merged.map((o) => `${o.provider}:${o.id}`)
  const expected = [
    ...ctx.wpSandbox.ids('paymentLinks').map((id) => `wooshpay:${id}`),
    ...ctx.pbSandbox.ids('paymentLinks').map((id) => `priceblocs:${id}`),
  ]
  assert.is(got.length, 2 * COUNT)
  assert.equal(sorted(got), sorted(expected))
})

big.run()

for (const target of TARGETS) {
  const s = suite(`reliability/throttling: ${target.name}, one client`)

  s('20 concurrent listings at 20% faults all complete, each exactly once', async () => {
    const sb = await target.start({ count: 1000, seed: 22, faults: FAULTS })
    try {
      const p = target.make(sb, { retry: virtualTime() })
      const listings = Array.from({ length: 20 }, () => idsOf(p, 'paymentLinks', {}))
      const results = await Promise.allSettled(listings)
      const failed = results.filter((r) => r.status === 'rejected')
      assert.is(failed.length, 0, String((failed[0] as PromiseRejectedResult | undefined)?.reason))
      for (const r of results) assert.equal((r as PromiseFulfilledResult<string[]>).value, [...sb.ids('paymentLinks')])
      assert.ok(sb.stats().faults > 20, `${sb.stats().faults} faults served`)
    } finally {
      await sb.close()
    }
  })

  // Defaults: retries 8, budget 20; "down" once more than half of at least 10 recent attempts failed.
  // One listing: its first page call makes 1 + 8 attempts. Twenty at once: 20 first attempts, at
  // most 9 free retries (granted before the 10th failure is recorded), then the budget of 20.
  const ONE = 1 + 8
  const TWENTY = 20 + 9 + 20

  s(`a provider answering 503 to everything: one listing ends after ${ONE} requests`, async () => {
    const sb = await target.start({ count: 100, seed: 23, faults: { rate: 1, kinds: ['503'] } })
    try {
      const e = await rejectsWith(
        target.make(sb, { retry: virtualTime() }).paymentLinks.list().toArray({ max: 1000 }),
        'server',
      )
      assert.is(e.attempts, ONE)
      assert.is(sb.stats().requests, ONE)
    } finally {
      await sb.close()
    }
  })

  s(`a provider answering 503 to everything: 20 listings at once end within ${TWENTY} requests`, async () => {
    const sb = await target.start({ count: 100, seed: 23, faults: { rate: 1, kinds: ['503'] } })
    try {
      const p = target.make(sb, { retry: virtualTime() })
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, () => p.paymentLinks.list().toArray({ max: 1000 })),
      )
      assert.ok(results.every((r) => r.status === 'rejected'))
      const requests = sb.stats().requests
      assert.ok(requests <= TWENTY, `${requests} requests`)
      const messages = results.map((r) => String(((r as PromiseRejectedResult).reason as Error).message))
      assert.ok(
        messages.some((m) => /the provider looks down/.test(m)),
        messages[0],
      )
      // Without the budget, each listing would have made its 9 attempts: 180 requests.
      assert.ok(requests < 20 * ONE)
    } finally {
      await sb.close()
    }
  })

  s.run()
}
