/**
 * The `partitions` option of the capability manifests is what the adapters do, against the real
 * sandboxes: `supported` resources list partitioned (the same set as without), `unsupported`
 * ones refuse `partitions: 2` with kind `unsupported` and send no request, and accept 1.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { isPaymuxError, type PaymentProvider, type ResourceName } from '@paymux/core/adapter'
import { TARGETS } from '../reliability/targets.ts'

const RESOURCES: readonly ResourceName[] = ['paymentLinks', 'checkoutSessions', 'paymentIntents']

for (const target of TARGETS) {
  const s = suite(`core/partition: ${target.name} manifest option partitions`)

  s('every resource declares partitions and behaves as declared', async () => {
    const sb = await target.start({ count: 45, seed: 8 })
    try {
      const p: PaymentProvider = target.make(sb, {})
      for (const r of RESOURCES) {
        const declared = p.capabilities[r].options?.['partitions']
        assert.ok(declared, `${target.name} ${r} declares partitions`)
        if (p.capabilities[r].operations['list'] === 'unsupported') continue
        const list = (partitions: number) => p[r].list({ partitions, order: 'any' }).toArray({ max: 1000 })
        const plain = (await p[r].list().toArray({ max: 1000 })).map((o) => o.id).sort()
        assert.equal((await list(1)).map((o) => o.id).sort(), plain, `${r}: partitions 1 is the plain listing`)
        sb.resetStats()
        const got = await list(2).then(
          (xs) => xs.map((o) => o.id).sort(),
          (e: unknown) => e,
        )
        if (declared === 'supported') {
          assert.equal(got, plain, `${target.name} ${r}`)
        } else {
          assert.ok(isPaymuxError(got) && got.kind === 'unsupported', `${target.name} ${r}: ${String(got)}`)
          assert.is(sb.stats().requests, 0, `${target.name} ${r}: no request`)
          if (target.name === 'priceblocs') assert.match(got.message, /use concurrency/)
        }
      }
    } finally {
      await sb.close()
    }
  })

  s.run()
}
