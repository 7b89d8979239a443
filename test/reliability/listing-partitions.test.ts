/**
 * Guarantee 3 of issue 12: a partitioned listing checks its assumptions with the evidence it
 * has, and a provider that breaks one fails the listing with kind `pagination` and code
 * `partition_assumption` (never silent loss, duplicates or a listing that does not end).
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { rejectsWith } from '../helpers/either.ts'
import { idsOf, wooshpayOf } from '../helpers/misbehaving/clients.ts'
import { startWooshpayLike, type WooshpayQuirk } from '../helpers/misbehaving/wooshpay-like.ts'

const s = suite('reliability/listing: partition assumptions')

const ORDERS = ['newest_first', 'any'] as const

s('a correct provider: every partitioned listing equals the sequential one', async () => {
  const sv = await startWooshpayLike({ count: 1200, seed: 2 })
  try {
    const wp = wooshpayOf(sv)
    const sequential = idsOf(await wp.paymentIntents.list({ pageSize: 50 }).toArray({ max: 5000 }))
    assert.equal(sequential, sv.ids)
    for (const order of ORDERS) {
      for (const partitions of [4, 8]) {
        const got = idsOf(await wp.paymentIntents.list({ partitions, order, pageSize: 50 }).toArray({ max: 5000 }))
        if (order === 'newest_first') assert.equal(got, sequential, `${partitions} windows`)
        else assert.equal([...got].sort(), [...sequential].sort(), `${partitions} windows, any order`)
      }
    }
  } finally {
    await sv.close()
  }
})

const broken: readonly { quirk: WooshpayQuirk; assumption: RegExp }[] = [
  { quirk: 'ms_created', assumption: /selects every object by the created it carries/ },
  { quirk: 'lt_inclusive', assumption: /selects by the created of the objects it returns/ },
  { quirk: 'gte_exclusive', assumption: /inclusive|selects every object/ },
  { quirk: 'sort_by_id', assumption: /lists objects newest first/ },
  { quirk: 'ignore_lt', assumption: /selects by the created of the objects it returns/ },
]

for (const { quirk, assumption } of broken) {
  for (const order of ORDERS) {
    s(`${quirk}, ${order}: fails with partition_assumption, naming the assumption, and ends`, async () => {
      const sv = await startWooshpayLike({ count: 1200, quirk, seed: 3 })
      try {
        const e = await rejectsWith(
          wooshpayOf(sv).paymentIntents.list({ partitions: 8, order, pageSize: 50 }).toArray({ max: 100_000 }),
          'pagination',
        )
        assert.is(e.code, 'partition_assumption')
        assert.match(e.message, assumption)
        assert.match(e.message, /list without partitions/)
        assert.ok(e.checkpoint, 'the error carries a checkpoint')
        // 1,200 objects in pages of 50: a listing that loops would go far beyond this.
        assert.ok(sv.requests.length < 120, `${sv.requests.length} requests`)
      } finally {
        await sv.close()
      }
    })
  }
}

s('ms_created over many seeds, windows and page sizes: never a silent loss', async () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    for (const partitions of [2, 4, 16]) {
      for (const pageSize of [20, 100]) {
        const sv = await startWooshpayLike({ count: 1200, quirk: 'ms_created', seed, perSecond: 1 + (seed % 3) })
        try {
          const outcome = await wooshpayOf(sv)
            .paymentIntents.list({ partitions, pageSize })
            .toArray({ max: 100_000 })
            .then(
              (got) => (new Set(idsOf(got)).size === sv.ids.length ? 'complete' : `lost ${sv.ids.length - got.length}`),
              (e: { code?: string }) => e.code,
            )
          assert.ok(
            outcome === 'complete' || outcome === 'partition_assumption',
            `seed ${seed}, ${partitions} windows, pages of ${pageSize}: ${String(outcome)}`,
          )
        } finally {
          await sv.close()
        }
      }
    }
  }
})

s.run()
