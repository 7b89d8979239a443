/**
 * Property: with write faults on a share of creates (`writeFaults: { rate: 0.3 }`, drawn from a
 * random seed), no create call ever leaves two links, and every call ends as a link or as an
 * `outcome_unknown` that `settle` resolves correctly: the sandbox's link count is exactly the
 * number of calls that ended as "created", and each of those links exists. Faults mix
 * `commit_then_drop` and `reset` (the sandbox carried the create out) with `503` (it did not).
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as fc from 'fast-check'
import { isPaymuxError, type PaymentLink, type PaymentLinkCreate } from '@paymux/core/adapter'
import { startSandbox } from '@paymux/priceblocs/sandbox'
import { client } from './support.ts'

const s = suite('priceblocs/writes-property')

const inputOf = (i: number, marked: boolean, adHoc: boolean): PaymentLinkCreate => ({
  // A title per call: without a successUrl the link's fields are all settle can match.
  title: `call ${i}`,
  lineItems: [
    adHoc
      ? { priceData: { currency: 'USD', unitAmount: 100 + i, productName: `Item ${i}` }, quantity: 1 + (i % 3) }
      : { price: `price_${i}`, quantity: 1 + (i % 3) },
  ],
  ...(marked ? { successUrl: `https://shop.example/done/${i}` } : {}),
})

s('no create leaves two links; every outcome_unknown settles to the truth', async () => {
  const seen = { unknown: 0, notCreated: 0 }
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      fc.array(fc.record({ marked: fc.boolean(), adHoc: fc.boolean() }), { minLength: 3, maxLength: 10 }),
      async (seed, calls) => {
        const sb = await startSandbox({
          count: 5,
          seed,
          writeFaults: { rate: 0.3, kinds: ['commit_then_drop', 'reset', '503'] },
        })
        try {
          const p = client(sb)
          const before = sb.count('paymentLinks')
          const created: PaymentLink[] = []
          let unknown = 0
          for (const [i, c] of calls.entries()) {
            try {
              created.push(await p.paymentLinks.create(inputOf(i, c.marked, c.adHoc)))
            } catch (e) {
              if (!isPaymuxError(e) || e.kind !== 'outcome_unknown') throw e
              unknown += 1
              seen.unknown += 1
              const settled = await p.paymentLinks.settle(e)
              if (settled.outcome === 'created') {
                assert.is(settled.link.title, `call ${i}`)
                created.push(settled.link)
              } else seen.notCreated += 1
            }
          }
          // One POST per call, never a retry.
          assert.is(sb.stats().byRoute['POST /v1/payment-links'], calls.length)
          // Every link in the sandbox is one a call ended with; none twice.
          assert.is(sb.count('paymentLinks'), before + created.length)
          assert.is(new Set(created.map((l) => l.id)).size, created.length)
          const ids = new Set(sb.ids('paymentLinks'))
          for (const l of created) assert.ok(ids.has(l.id))
          // Status faults did not carry the create out: those calls settle as not created.
          const faults = sb.stats().faultsByKind
          assert.is(unknown, (faults['commit_then_drop'] ?? 0) + (faults['reset'] ?? 0) + (faults['503'] ?? 0))
          assert.is(created.length, calls.length - (faults['503'] ?? 0))
        } finally {
          await sb.close()
        }
      },
    ),
    { numRuns: 25 },
  )
  // The property ran through both endings of an ambiguous create, not only clean runs.
  assert.ok(seen.unknown > seen.notCreated && seen.notCreated > 0, JSON.stringify(seen))
})

s.run()
