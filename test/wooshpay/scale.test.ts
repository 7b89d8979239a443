import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { startSandbox, type WooshpaySandbox } from '@paymux/wooshpay/sandbox'
import { client } from './support.ts'

const s = suite<{ sb: WooshpaySandbox }>('wooshpay/scale')
const COUNT = 10_000

s.before(async (ctx) => {
  ctx.sb = await startSandbox({ count: COUNT, seed: 2024 })
})
s.after(async ({ sb }) => sb.close())

s('lists 10,000 seeded objects of each resource exactly once, in order', async ({ sb }) => {
  const p = client(sb)
  for (const r of ['paymentLinks', 'checkoutSessions', 'paymentIntents'] as const) {
    sb.resetStats()
    const seen: string[] = []
    for await (const o of p[r].list({ pageSize: 100 })) seen.push(o.id)
    assert.is(seen.length, COUNT, r)
    assert.is(new Set(seen).size, COUNT, `${r}: no duplicates`)
    assert.equal(seen, [...sb.ids(r)], `${r}: the seeded set, newest first`)
    assert.is(sb.stats().requests, COUNT / 100, `${r}: one request per page`)
  }
})

s.run()
