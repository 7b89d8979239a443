/**
 * Exactly once under faults: the sandbox carries a share of writes out and then drops the
 * connection (`commit_then_drop`), so the client cannot tell whether they happened. Every create
 * retried with its one key must leave exactly one object, checked by listing the sandbox.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import fc from 'fast-check'
import { pickFault } from '@paymux/core/adapter'
import { startSandbox, type WooshpaySandbox } from '@paymux/wooshpay/sandbox'
import type { WooshpayProvider } from '@paymux/wooshpay'
import { rejectsWith } from '../helpers/either.ts'
import { client, noSleep } from './support.ts'

const s = suite('wooshpay/writes-faults')

const PATIENT = { ...noSleep(), retries: 12, budget: 1_000_000, deadlineMs: 2_000_000_000 }
const ITEM = (k: number) => ({ priceData: { currency: 'EUR', unitAmount: 100 + k, productName: `P${k}` }, quantity: 1 })

const withSandbox = async <T>(
  seed: number,
  rate: number,
  f: (sb: WooshpaySandbox, wp: WooshpayProvider) => Promise<T>,
) => {
  const sb = await startSandbox({ count: 8, seed, writeFaults: { rate } })
  try {
    return await f(sb, client(sb, PATIENT))
  } finally {
    await sb.close()
  }
}

/** What a round of creates left behind, counted by listing the sandbox (created objects only). */
const census = async (sb: WooshpaySandbox, wp: WooshpayProvider) => {
  const seeded = (r: 'paymentLinks' | 'checkoutSessions' | 'paymentIntents') => new Set(sb.ids(r))
  const fresh = <T extends { id: string }>(items: T[], r: 'paymentLinks' | 'checkoutSessions' | 'paymentIntents') =>
    items.filter((o) => !seeded(r).has(o.id))
  const max = { max: 100_000 }
  return {
    links: fresh(await wp.paymentLinks.list().toArray(max), 'paymentLinks'),
    sessions: fresh(await wp.checkoutSessions.list().toArray(max), 'checkoutSessions'),
    intents: fresh(await wp.paymentIntents.list().toArray(max), 'paymentIntents'),
    products: await wp.products.list().toArray(max),
    prices: await wp.prices.list().toArray(max),
  }
}

const distinct = (ids: string[]) => new Set(ids).size === ids.length

/** `n` of every create; returns the counts and how many faults the sandbox injected. */
const round = async (sb: WooshpaySandbox, wp: WooshpayProvider, n: number) => {
  const intents: string[] = []
  for (let i = 0; i < n; i++) {
    await wp.paymentLinks.create({ lineItems: [ITEM(2 * i), ITEM(2 * i + 1)] })
    await wp.checkoutSessions.create({ lineItems: [ITEM(i)], successUrl: 'https://shop.example/ok' })
    const pi = await wp.paymentIntents.create({
      amount: { amount: 1000, currency: 'EUR' },
      confirm: true,
      paymentMethodId: 'pm_card_visa',
    })
    intents.push(pi.id)
    await wp.refunds.create({ paymentIntentId: pi.id, amount: { amount: 600, currency: 'EUR' } })
  }
  const c = await census(sb, wp)
  // A refund made twice would have left 200 or less: the rest must be exactly 400.
  const rests: number[] = []
  for (const id of intents) rests.push((await wp.refunds.create({ paymentIntentId: id })).amount.amount)
  return { c, rests, faults: sb.stats().faults }
}

s('with 30% of writes committed then dropped, every create leaves exactly one object', async () => {
  await withSandbox(11, 0.3, async (sb, wp) => {
    const n = 12
    const { c, rests, faults } = await round(sb, wp, n)
    assert.ok(faults >= 10, `faults were injected (${faults})`)
    assert.is(c.links.length, n, 'one link per create')
    assert.is(c.products.length, 2 * n, 'one product per priceData item')
    assert.is(c.prices.length, 2 * n, 'one price per priceData item')
    assert.is(c.sessions.length, n, 'one session per create')
    assert.is(c.intents.length, n, 'one intent per create')
    assert.equal(
      rests,
      Array.from({ length: n }, () => 400),
      'one refund per create',
    )
    assert.ok(distinct(c.links.map((l) => l.id)) && distinct(c.products.map((p) => p.id)))
    for (const l of c.links) assert.is(l.lineItems?.length, 2)
  })
})

s('property: for any fault seed and rate up to 50%, no create is lost or duplicated', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 1_000_000 }),
      fc.double({ min: 0.05, max: 0.5, noNaN: true }),
      async (seed, rate) => {
        await withSandbox(seed, rate, async (sb, wp) => {
          const { c, rests } = await round(sb, wp, 3)
          assert.equal(
            [c.links.length, c.products.length, c.prices.length, c.sessions.length, c.intents.length],
            [3, 6, 6, 3, 3],
            `seed ${seed} rate ${rate}`,
          )
          assert.equal(rests, [400, 400, 400])
        })
      },
    ),
    { numRuns: 12, seed: 20261201 },
  )
})

s('without retries a dropped create is outcome_unknown with its key; the same key settles it', async () => {
  const plan = { rate: 0.5, kinds: ['commit_then_drop' as const] }
  // A sandbox seed whose first write is dropped and second is not (the kit's deterministic draw).
  let seed = 1
  while (!(pickFault(seed, plan, 0, true) !== null && pickFault(seed, plan, 1, true) === null)) seed++
  await withSandbox(seed, 0.5, async (sb) => {
    const wp = client(sb, { ...noSleep(), retries: 0 })
    const input = { amount: { amount: 4200, currency: 'USD' } }
    const e = await rejectsWith(wp.paymentIntents.create(input), 'outcome_unknown')
    assert.ok(e.idempotencyKey?.startsWith('pmx_'), 'the error carries the generated key')
    assert.match(e.message, e.idempotencyKey as string)
    const made = await wp.paymentIntents.create(input, { idempotencyKey: e.idempotencyKey as string })
    const created = (await census(sb, wp)).intents
    assert.equal(
      created.map((p) => p.id),
      [made.id],
      'the dropped write and the settling call are one intent',
    )
    assert.is(made.amount.amount, 4200)
  })
})

s.run()
