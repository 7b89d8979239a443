/**
 * The multi-provider client over both real sandboxes at once: every payment link and checkout
 * session from both appears exactly once in global newest-first order, and a composite
 * checkpoint taken at random points resumes both providers exactly.
 */
import * as fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { isPaymuxError, paymux, type Paymux, type Sandbox } from '@paymux/core/adapter'
import { TARGETS, fakeClock } from '../reliability/targets.ts'

const s = suite<{ sandboxes: Sandbox[]; mux: () => Paymux; expected: Record<string, string[]> }>('mux/sandboxes')

const key = (o: { provider: string; id: string }) => `${o.provider}:${o.id}`

s.before(async (ctx) => {
  ctx.sandboxes = await Promise.all(TARGETS.map((t) => t.start({ count: 140, seed: 21 })))
  ctx.mux = () => paymux(TARGETS.map((t, i) => t.make(ctx.sandboxes[i] as Sandbox, {})))
  // The expected merge, from each provider's own listing (itself checked against its sandbox).
  ctx.expected = {}
  for (const r of ['paymentLinks', 'checkoutSessions'] as const) {
    const providers = TARGETS.map((t, i) => t.make(ctx.sandboxes[i] as Sandbox, {}))
    const all = (await Promise.all(providers.map((p) => p[r].list().toArray({ max: 10_000 })))).flat()
    all.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.provider < b.provider ? -1 : 1))
    ctx.expected[r] = all.map(key)
  }
})
s.after(async (ctx) => {
  await Promise.all(ctx.sandboxes.map((sb) => sb.close()))
})

s('merged listings hold every object of both providers once, newest first, interleaved', async (ctx) => {
  for (const r of ['paymentLinks', 'checkoutSessions'] as const) {
    const got = (await ctx.mux()[r].list({ pageSize: 25 }).toArray({ max: 10_000 })).map(key)
    assert.is(got.length, 280, r)
    assert.equal(got, ctx.expected[r], r)
    const providersInFirst20 = new Set(got.slice(0, 20).map((k) => k.split(':')[0]))
    assert.is(providersInFirst20.size, 2, `${r}: providers interleave`)
  }
})

s('payment intents skip the provider that has none, and say so', async (ctx) => {
  const p = ctx.mux().paymentIntents.list()
  assert.equal(p.skipped, ['priceblocs'])
  assert.is((await p.toArray({ max: 10_000 })).length, 140)
})

s('a composite checkpoint at a random point resumes both providers exactly', async (ctx) => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 5, max: 40 }), async (pages, pageSize) => {
      const seen: string[] = []
      let checkpoint: string | null = null
      for await (const page of ctx.mux().checkoutSessions.list({ pageSize, maxPages: pages }).pages()) {
        seen.push(...page.items.map(key))
        checkpoint = page.checkpoint
      }
      const rest = checkpoint
        ? await ctx.mux().checkoutSessions.list({ pageSize, resumeFrom: checkpoint }).toArray({ max: 10_000 })
        : []
      assert.equal([...seen, ...rest.map(key)], ctx.expected['checkoutSessions'])
    }),
    { numRuns: 6 },
  )
})

s('a provider failing mid-listing is a typed error whose checkpoint resumes both', async (ctx) => {
  // A second pair of sandboxes where PriceBlocs fails every request after a few pages.
  const faulty = await Promise.all(
    TARGETS.map((t, i) =>
      t.start({ count: 140, seed: 21, ...(i === 1 ? { faults: { rate: 0.3, kinds: ['500'] } } : {}) }),
    ),
  )
  try {
    const time = fakeClock()
    const make = () =>
      paymux(
        TARGETS.map((t, i) =>
          t.make(faulty[i] as Sandbox, { retry: { retries: 0, clock: time.clock, sleep: time.sleep } }),
        ),
      )
    const delivered: string[] = []
    let resumeFrom: string | undefined
    let failures = 0
    for (let round = 0; round < 200; round++) {
      try {
        for await (const o of make().paymentLinks.list({ pageSize: 10, ...(resumeFrom ? { resumeFrom } : {}) }))
          delivered.push(key(o))
        break
      } catch (e) {
        assert.ok(isPaymuxError(e), String(e))
        assert.is(e.provider, 'priceblocs')
        assert.ok(e.checkpoint)
        failures += 1
        resumeFrom = e.checkpoint as string
      }
    }
    assert.ok(failures > 0, 'the listing was interrupted')
    assert.equal(delivered, ctx.expected['paymentLinks'])
  } finally {
    await Promise.all(faulty.map((sb) => sb.close()))
  }
})

s('retrieve by global reference asks the resource the provider names first, one request', async (ctx) => {
  const wp = ctx.sandboxes[0] as Sandbox
  const mux = ctx.mux()
  const intent = (await mux.provider('wooshpay').paymentIntents.list().toArray({ max: 1 }))[0]
  const session = (await mux.provider('wooshpay').checkoutSessions.list().toArray({ max: 1 }))[0]
  assert.ok(intent && session)
  for (const o of [intent, session]) {
    const before = wp.stats().requests
    const got = await mux.retrieve(`wooshpay:${o.id}`)
    assert.is(got.id, o.id)
    assert.is(wp.stats().requests - before, 1, `${o.id}: only the named resource was asked`)
  }
})

s.run()
