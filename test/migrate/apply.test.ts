/**
 * applyMigration over real HTTP, WooshPay -> PriceBlocs (no keys: settled by marker) and
 * WooshPay -> WooshPay (keys: replayed), with commit_then_drop faults on the target: a crash at
 * every journal append, then a rerun with the same journal, ends with exactly one target link per
 * migratable source, counted in the target sandbox's own listing.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { applyMigration, isPaymuxError, planMigration, type ApplyOptions } from '@paymux/core'
import {
  Crash,
  crashingJournal,
  linksByMarker,
  memoryJournal,
  pbClient,
  pbMarker,
  pbTarget,
  wpClient,
  wpMarker,
  wpSource,
  wpTarget,
} from './helpers.ts'

const SUCCESS = 'https://shop.example/thanks'
const s = suite('migrate/apply (sandboxes, crashes at every append)')

const cleanAppends = async (run: (o: Pick<ApplyOptions, 'journal'>) => Promise<unknown>): Promise<number> => {
  const j = crashingJournal(memoryJournal(), 0)
  await run({ journal: j })
  return j.appends
}

s('WooshPay -> PriceBlocs: a crash at each append, then a rerun: one link per source, none twice', async () => {
  const src = await wpSource(5)
  const from = wpClient(src)
  try {
    const plan = await planMigration(
      from,
      pbClient(await pbTarget(0).then(async (t) => (await t.close(), t))),
      'paymentLinks',
    )
    const migratable = plan.objects.filter((e) => e.migratable).map((e) => e.id)
    assert.ok(migratable.length >= 3, 'the seed gives links to migrate')
    const probe = await pbTarget(90)
    const total = await cleanAppends((o) =>
      applyMigration(from, pbClient(probe), 'paymentLinks', { ...o, successUrl: SUCCESS }),
    ).finally(() => probe.close())
    for (let n = 2; n <= total; n += 1) {
      const sb = await pbTarget(100 + n)
      try {
        const to = pbClient(sb)
        const store = memoryJournal()
        let crashed = false
        try {
          await applyMigration(from, to, 'paymentLinks', { journal: crashingJournal(store, n), successUrl: SUCCESS })
        } catch (e) {
          assert.ok(e instanceof Crash, String(e))
          crashed = true
        }
        const r = await applyMigration(from, to, 'paymentLinks', { journal: store, successUrl: SUCCESS })
        const byMarker = await linksByMarker(to, pbMarker)
        assert.is(sb.count('paymentLinks'), migratable.length, `crash at ${n}: links at the target`)
        for (const id of migratable)
          assert.is(byMarker.get(`wooshpay:paymentLinks:${id}`)?.length, 1, `crash at ${n}: ${id}`)
        assert.ok(r.done, `crash at ${n}: ${JSON.stringify(r.totals)}`)
        assert.is(r.totals.created + r.totals.alreadyDone, migratable.length)
        assert.is(r.totals.notMigratable, plan.totals.notMigratable)
        if (!crashed) assert.is(n, total)
      } finally {
        await sb.close()
      }
    }
    assert.ok(total > migratable.length * 3, `${total} appends: planned, claimed, created per link`)
  } finally {
    await src.close()
  }
})

s('WooshPay -> WooshPay: keys replayed after a crash; shared prices created once (memoized, journaled)', async () => {
  const src = await wpSource(6)
  const from = wpClient(src)
  try {
    const links = await from.paymentLinks.list().toArray({ max: 100 })
    const sourcePrices = new Set<string>()
    for (const l of links)
      for await (const li of from.paymentLinks.lineItems(l.id)) if (li.price) sourcePrices.add(li.price.id)
    const probe = await wpTarget(80)
    const total = await cleanAppends((o) => applyMigration(from, wpClient(probe), 'paymentLinks', o)).finally(() =>
      probe.close(),
    )
    for (const n of [2, 3, 4, 5, 6, Math.floor(total / 2), total - 2, total - 1, total]) {
      const sb = await wpTarget(200 + n)
      try {
        const to = wpClient(sb)
        const store = memoryJournal()
        await applyMigration(from, to, 'paymentLinks', { journal: crashingJournal(store, n), concurrency: 3 }).catch(
          (e: unknown) => assert.ok(e instanceof Crash, String(e)),
        )
        const r = await applyMigration(from, to, 'paymentLinks', { journal: store, concurrency: 3 })
        assert.ok(r.done, JSON.stringify(r))
        const byMarker = await linksByMarker(to, wpMarker)
        assert.is([...byMarker.values()].flat().length, links.length, `crash at ${n}: links at the target`)
        for (const l of links) assert.is(byMarker.get(`wooshpay:paymentLinks:${l.id}`)?.length, 1)
        const prices = await to.prices.list().toArray({ max: 1000 })
        assert.is(prices.length, sourcePrices.size, `crash at ${n}: one target price per source price`)
        const products = await to.products.list().toArray({ max: 1000 })
        assert.ok(products.length <= prices.length)
        // Inactive sources are inactive copies.
        const copies = await to.paymentLinks.list().toArray({ max: 100 })
        assert.is(copies.filter((c) => !c.active).length, links.filter((l) => !l.active).length)
      } finally {
        await sb.close()
      }
    }
  } finally {
    await src.close()
  }
})

s('PriceBlocs -> WooshPay: links without amounts are not migratable, as the plan says; nothing is sent', async () => {
  const { startSandbox } = await import('@paymux/priceblocs/sandbox')
  const src = await startSandbox({ counts: { paymentLinks: 8, checkoutSessions: 0 }, seed: 4 })
  const sb = await wpTarget(7)
  try {
    const from = pbClient(src)
    const to = wpClient(sb)
    const plan = await planMigration(from, to, 'paymentLinks')
    const r = await applyMigration(from, to, 'paymentLinks', { journal: memoryJournal() })
    assert.is(r.totals.read, plan.totals.objects)
    assert.is(r.totals.notMigratable, plan.totals.notMigratable)
    assert.is(r.totals.created, plan.totals.migratable)
    assert.is(plan.totals.migratable, 0)
    const unpriced = r.results.filter((x) => x.reasons?.some((m) => m.includes('lineItems.price.unitAmount missing')))
    assert.ok(unpriced.length > 0, JSON.stringify(r.results.slice(0, 3)))
    assert.equal(
      r.results.map((x) => x.reasons),
      plan.objects.map((e) => e.reasons),
    )
    assert.is(sb.stats().requests, 0)
  } finally {
    await Promise.all([src.close(), sb.close()])
  }
})

s('payment intents are records of payments: reported not migratable, the target never written', async () => {
  const src = await wpSource(4)
  const sb = await wpTarget(8)
  try {
    const r = await applyMigration(wpClient(src), wpClient(sb), 'paymentIntents', { journal: memoryJournal() })
    assert.is(r.totals.created, 0)
    assert.is(r.totals.notMigratable, r.totals.read)
    assert.ok(r.totals.read > 0)
    assert.match(r.results[0]?.reasons?.[0] ?? '', 'records of payments')
    assert.is(sb.stats().requests, 0)
  } finally {
    await Promise.all([src.close(), sb.close()])
  }
})

s('bad options are refused before anything is read', async () => {
  const src = await wpSource(1)
  try {
    const from = wpClient(src)
    for (const bad of [{ concurrency: 0 }, { requestsPerSecond: -1 }, { journal: 3 }] as const) {
      try {
        await applyMigration(from, from, 'paymentLinks', { journal: memoryJournal(), ...bad } as never)
        assert.unreachable()
      } catch (e) {
        assert.ok(isPaymuxError(e) && e.kind === 'invalid_request', String(e))
      }
    }
    assert.is(src.stats().requests, 0)
  } finally {
    await src.close()
  }
})

s.run()
