/**
 * Guarantee 2 of issue 12: each id at most once in a whole listing, for every provider and
 * mode, in bounded memory. A repeated id is dropped and reported through `onDrift`.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { paymux, type DriftInfo } from '@paymux/core'
import { IdSet } from '../../packages/core/src/paging/id-set.ts'
import { idsOf, priceblocsOf, wooshpayOf } from '../helpers/misbehaving/clients.ts'
import { startPriceblocsLike } from '../helpers/misbehaving/priceblocs-like.ts'
import { startWooshpayLike } from '../helpers/misbehaving/wooshpay-like.ts'
import { priceblocs } from '@paymux/priceblocs'
import { wooshpay } from '@paymux/wooshpay'

const s = suite('reliability/listing: each id at most once')

s('the id set holds 1,000,000 ids in under 16 MB, with no id taken for another', () => {
  const set = new IdSet()
  let fresh = 0
  for (let i = 0; i < 1_000_000; i++) if (set.add(`pi_${(i * 7919).toString(36)}_${i}`)) fresh += 1
  assert.is(fresh, 1_000_000, 'every distinct id is new')
  assert.is(set.size, 1_000_000)
  // The tables' own bytes (two Uint32Arrays per shard), not RSS: 1,526,144 slots of 8 bytes.
  assert.is(set.byteSize, 12_209_152)
  assert.ok(set.byteSize < 16_000_000)
  assert.ok(set.has('pi_0_0') && set.has(`pi_${(999_999 * 7919).toString(36)}_999999`))
  assert.not.ok(set.add('pi_0_0'), 'a repeat is found')
  assert.not.ok(set.has('pi_never_added'))
})

const watchDrift = () => {
  const drift: DriftInfo[] = []
  return { drift, hooks: { onDrift: (d: DriftInfo) => drift.push(d) } }
}

s('WooshPay ids repeated across pages: once each in plain, prefetch and partitioned listings', async () => {
  const sv = await startWooshpayLike({ count: 600, quirk: 'repeat_ids', seed: 4 })
  try {
    const modes = [
      { pageSize: 25 },
      { pageSize: 25, prefetch: 3 },
      { pageSize: 25, partitions: 4, order: 'newest_first' as const },
      { pageSize: 25, partitions: 4, order: 'any' as const },
    ]
    for (const query of modes) {
      const watch = watchDrift()
      const wp = wooshpay({ apiKey: sv.apiKey, baseUrl: sv.url, retry: { retries: 0 }, hooks: watch.hooks })
      const got = idsOf(await wp.paymentIntents.list(query).toArray({ max: 10_000 }))
      const label = JSON.stringify(query)
      if (query.order === 'any') assert.equal([...got].sort(), [...sv.ids].sort(), label)
      else assert.equal(got, sv.ids, label)
      assert.ok(
        watch.drift.some((d) => d.suppressed > 0),
        `${label}: the repeats were reported`,
      )
    }
  } finally {
    await sv.close()
  }
})

s('PriceBlocs pages overlapping by one object: once each, sequential and with concurrency 4', async () => {
  const sv = await startPriceblocsLike({ count: 400, quirk: 'overlap' })
  try {
    for (const concurrency of [1, 4]) {
      const watch = watchDrift()
      const pb = priceblocs({ apiKey: sv.apiKey, baseUrl: sv.url, retry: { retries: 0 }, hooks: watch.hooks })
      const got = idsOf(await pb.paymentLinks.list({ concurrency }).toArray({ max: 10_000 }))
      assert.equal(got, sv.ids, `concurrency ${concurrency}`)
      assert.ok(
        watch.drift.some((d) => d.suppressed === 1),
        'each repeat is reported',
      )
    }
  } finally {
    await sv.close()
  }
})

s('a merged listing over both misbehaving providers delivers each provider:id once', async () => {
  const wsv = await startWooshpayLike({ count: 300, quirk: 'repeat_ids' })
  const psv = await startPriceblocsLike({ count: 200, quirk: 'overlap' })
  try {
    const mux = paymux([wooshpayOf(wsv), priceblocsOf(psv)])
    const got = await mux.paymentLinks.list({ pageSize: 30 }).toArray({ max: 10_000 })
    const refs = got.map((x) => `${x.provider}:${x.id}`)
    assert.is(new Set(refs).size, refs.length, 'no duplicates')
    assert.is(refs.length, 500)
  } finally {
    await wsv.close()
    await psv.close()
  }
})

s.run()
