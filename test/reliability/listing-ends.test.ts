/**
 * Guarantee 1 of issue 12: every listing ends. Progress is counted in new objects delivered, so
 * pages that only repeat objects are no progress; the bound is small and the error says what
 * the provider did.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { paymux } from '@paymux/core'
import { rejectsWith } from '../helpers/either.ts'
import { priceblocsOf, wooshpayOf } from '../helpers/misbehaving/clients.ts'
import { startPriceblocsLike } from '../helpers/misbehaving/priceblocs-like.ts'
import { startWooshpayLike } from '../helpers/misbehaving/wooshpay-like.ts'

const s = suite('reliability/listing: every listing ends')

s('cursor pages that only repeat objects (with new cursors) end after 11 such pages', async () => {
  const sv = await startWooshpayLike({ count: 500, quirk: 'same_objects' })
  try {
    const e = await rejectsWith(
      wooshpayOf(sv).paymentIntents.list({ pageSize: 20 }).toArray({ max: 1_000_000 }),
      'pagination',
    )
    assert.match(e.message, /makes no progress: 11 pages in a row claim more but bring no new object/)
    assert.match(e.message, /11 of them only repeating objects already delivered/)
    assert.ok(e.checkpoint)
    assert.is(sv.requests.length, 12, 'the first page, then 11 pages of repeats')
  } finally {
    await sv.close()
  }
})

s('the same with prefetch: ends, and never more than the look-ahead beyond the bound', async () => {
  const sv = await startWooshpayLike({ count: 500, quirk: 'same_objects' })
  try {
    await rejectsWith(
      wooshpayOf(sv).paymentIntents.list({ pageSize: 20, prefetch: 4 }).toArray({ max: 1_000_000 }),
      'pagination',
    )
    assert.ok(sv.requests.length <= 12 + 4, `${sv.requests.length} requests`)
  } finally {
    await sv.close()
  }
})

s('page numbers answering the same 20 objects with has_more for ever: ends at page 2', async () => {
  const sv = await startPriceblocsLike({ count: 200, quirk: 'same_page' })
  try {
    const e = await rejectsWith(priceblocsOf(sv).paymentLinks.list().toArray({ max: 1_000_000 }), 'pagination')
    assert.match(e.message, /repeats 20 objects already delivered and none new: the provider served a page twice/)
    assert.is(sv.requests.length, 2)
    // With a client-side filter every page is emptied, yet the repeats are still no progress.
    const filtered = await rejectsWith(
      priceblocsOf(sv).paymentLinks.list({ status: 'inactive', concurrency: 4 }).toArray({ max: 1_000_000 }),
      'pagination',
    )
    assert.match(filtered.message, /served a page twice/)
  } finally {
    await sv.close()
  }
})

s('a partitioned listing against a server that ignores created[lt] ends at once', async () => {
  const sv = await startWooshpayLike({ count: 500, quirk: 'ignore_lt' })
  try {
    const e = await rejectsWith(
      wooshpayOf(sv).paymentIntents.list({ partitions: 8, order: 'any' }).toArray({ max: 1_000_000 }),
      'pagination',
    )
    assert.is(e.code, 'partition_assumption')
    assert.ok(sv.requests.length < 20, `${sv.requests.length} requests`)
  } finally {
    await sv.close()
  }
})

s('a merged listing with a PriceBlocs answering the same page for ever ends', async () => {
  const wsv = await startWooshpayLike({ count: 300 })
  const psv = await startPriceblocsLike({ count: 200, quirk: 'same_page' })
  try {
    const mux = paymux([wooshpayOf(wsv), priceblocsOf(psv)])
    const e = await rejectsWith(mux.paymentLinks.list().toArray({ max: 1_000_000 }), 'pagination')
    assert.match(e.message, /served a page twice/)
    assert.ok(e.checkpoint)
    assert.ok(psv.requests.length <= 3, `${psv.requests.length} PriceBlocs requests`)
  } finally {
    await wsv.close()
    await psv.close()
  }
})

s.run()
