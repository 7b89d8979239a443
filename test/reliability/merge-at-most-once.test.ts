/**
 * Guarantee 2 of issue 12 for merged listings: each object at most once in the whole merged run,
 * for providers that repeat objects across their pages, keyed by global id (`provider:id`, so two
 * providers' equal raw ids are two objects); and a checkpoint taken after any page resumes to
 * exactly the objects not yet delivered, also when the page it resumes in holds a repeat.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { paymux, type PaymentLink, type PaymentProvider } from '@paymux/core'
import { priceblocsOf, wooshpayOf } from '../helpers/misbehaving/clients.ts'
import { startPriceblocsLike, type PriceblocsLike } from '../helpers/misbehaving/priceblocs-like.ts'
import { startWooshpayLike, type WooshpayLike } from '../helpers/misbehaving/wooshpay-like.ts'

const s = suite('reliability/merge: each object at most once')

const key = (o: { provider: string; id: string }) => `${o.provider}:${o.id}`

/** Both servers repeat objects: WooshPay starts every page with the last object of the page before, PriceBlocs too. */
const start = async (): Promise<{ wsv: WooshpayLike; psv: PriceblocsLike; close: () => Promise<void> }> => {
  const wsv = await startWooshpayLike({ count: 130, quirk: 'repeat_ids' })
  const psv = await startPriceblocsLike({ count: 90, quirk: 'overlap' })
  return { wsv, psv, close: async () => void (await Promise.all([wsv.close(), psv.close()])) }
}

/** Every object of both, newest first, as a correct provider would list them. */
const expectedOf = async (providers: PaymentProvider[]): Promise<string[]> => {
  const all = (await Promise.all(providers.map((p) => p.paymentLinks.list().toArray({ max: 10_000 })))).flat()
  all.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.provider < b.provider ? -1 : 1))
  return all.map(key)
}

s('providers repeating objects across pages: every object once, newest first, repeats reported', async () => {
  const { wsv, psv, close } = await start()
  try {
    let suppressed = 0
    const hooks = { onDrift: (d: { suppressed: number }) => (suppressed += d.suppressed) }
    const wp = wooshpayOf(wsv)
    const pb = priceblocsOf(psv)
    const expected = await expectedOf([wp, pb])
    assert.is(expected.length, 220)
    assert.is(new Set(expected).size, 220)
    const mux = paymux([wp, pb])
    const got = (await mux.paymentLinks.list({ pageSize: 17 }).toArray({ max: 10_000 })).map(key)
    assert.equal(got, expected)
    // The adapters' own drift hooks see the repeats the merged run dropped.
    const watched = paymux([
      (await import('@paymux/wooshpay')).wooshpay({ apiKey: wsv.apiKey, baseUrl: wsv.url, hooks }),
      (await import('@paymux/priceblocs')).priceblocs({ apiKey: psv.apiKey, baseUrl: psv.url, hooks }),
    ])
    assert.equal((await watched.paymentLinks.list({ pageSize: 17 }).toArray({ max: 10_000 })).map(key), expected)
    // WooshPay: 2 pages of 100, one repeat; PriceBlocs: 5 pages of 20, each after the first with one.
    assert.is(suppressed, 1 + 4)
  } finally {
    await close()
  }
})

s('the checkpoint after every page resumes to exactly the rest, in pages that hold a repeat too', async () => {
  const { wsv, psv, close } = await start()
  try {
    const make = () => paymux([wooshpayOf(wsv), priceblocsOf(psv)])
    const expected = await expectedOf([wooshpayOf(wsv), priceblocsOf(psv)])
    // Page sizes that cut providers' pages at different places (a part resumes inside its page).
    for (const pageSize of [7, 13, 40]) {
      const seen: string[] = []
      let pages = 0
      for await (const page of make().paymentLinks.list({ pageSize }).pages()) {
        pages += 1
        seen.push(...page.items.map(key))
        if (page.checkpoint === null) continue
        const rest = await make().paymentLinks.list({ pageSize, resumeFrom: page.checkpoint }).toArray({ max: 10_000 })
        assert.equal([...seen, ...rest.map(key)], expected, `pageSize ${pageSize}, after page ${pages}`)
      }
      assert.equal(seen, expected)
    }
  } finally {
    await close()
  }
})

s('two providers with the same raw ids: both objects delivered (the id set is keyed by global id)', async () => {
  const wsv = await startWooshpayLike({ count: 45 })
  try {
    const wp = wooshpayOf(wsv)
    const twin: PaymentProvider = { ...wooshpayOf(wsv), id: 'twin' }
    const got = await paymux([wp, twin]).paymentLinks.list({ pageSize: 10 }).toArray({ max: 1000 })
    const raw = new Set(got.map((o: PaymentLink) => o.id))
    assert.is(raw.size, 45)
    assert.is(got.length, 90)
    // The objects keep the provider that listed them (the adapter's own id), both copies delivered.
    assert.equal([...new Set(got.map((o) => o.provider))], ['wooshpay'])
  } finally {
    await wsv.close()
  }
})

s.run()
