/**
 * Guarantee 1 of issue 12 for merged listings (`paymux([...])`): every merged listing ends, and
 * the error says what the provider did. Each provider's part is its own `FetchPage` run inside
 * the merged run, with the guards of its plain listing (a page served twice, pages of repeats).
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { paymux, type ListingSummary, type PaymentProvider } from '@paymux/core'
import { rejectsWith } from '../helpers/either.ts'
import { priceblocsOf, wooshpayOf } from '../helpers/misbehaving/clients.ts'
import { startPriceblocsLike } from '../helpers/misbehaving/priceblocs-like.ts'
import { startWooshpayLike } from '../helpers/misbehaving/wooshpay-like.ts'

const s = suite('reliability/merge: every merged listing ends')

/** The provider as a third party would write it: its public listings only, no listing source. */
const publicOnly = (p: PaymentProvider): PaymentProvider => {
  const { listingSource: _source, ...rest } = p
  return rest
}

s('a PriceBlocs answering the same 20 objects with has_more for ever: pagination at its second page', async () => {
  const wsv = await startWooshpayLike({ count: 300 })
  const psv = await startPriceblocsLike({ count: 200, quirk: 'same_page' })
  try {
    let summary: ListingSummary | undefined
    const listing = paymux([wooshpayOf(wsv), priceblocsOf(psv)]).paymentLinks.list({ onSummary: (x) => (summary = x) })
    const e = await rejectsWith(listing.toArray({ max: 1_000_000 }), 'pagination')
    assert.match(e.message, /repeats 20 objects already delivered and none new: the provider served a page twice/)
    assert.is(e.provider, 'priceblocs')
    assert.is(psv.requests.length, 2, 'page 1, then page 2 serving it again')
    // The merged checkpoint (not the provider's): it names the merged listing.
    assert.ok(e.checkpoint)
    assert.match(Buffer.from((e.checkpoint as string).slice(5), 'base64url').toString(), /"p":"paymux"/)
    assert.is(summary?.outcome, 'failed')
    assert.is(summary?.provider, 'paymux')
    assert.is(summary?.checkpoint, e.checkpoint)
  } finally {
    await wsv.close()
    await psv.close()
  }
})

s('a WooshPay serving the first page again and again (new cursors): no progress after 11 pages', async () => {
  const wsv = await startWooshpayLike({ count: 500, quirk: 'same_objects' })
  const psv = await startPriceblocsLike({ count: 60 })
  try {
    const mux = paymux([wooshpayOf(wsv), priceblocsOf(psv)])
    const e = await rejectsWith(mux.paymentLinks.list({ pageSize: 7 }).toArray({ max: 1_000_000 }), 'pagination')
    assert.match(e.message, /makes no progress: 11 pages in a row claim more but bring no new object/)
    assert.is(e.provider, 'wooshpay')
    assert.is(wsv.requests.length, 12, 'the first page, then 11 pages of repeats')
  } finally {
    await wsv.close()
    await psv.close()
  }
})

s('a third-party provider without a listing source (public paginator) is held to the same bound', async () => {
  const wsv = await startWooshpayLike({ count: 300 })
  const psv = await startPriceblocsLike({ count: 200, quirk: 'same_page' })
  try {
    const mux = paymux([wooshpayOf(wsv), publicOnly(priceblocsOf(psv))])
    const e = await rejectsWith(mux.paymentLinks.list().toArray({ max: 1_000_000 }), 'pagination')
    // Without the source the merge cannot know these are page numbers: the no-progress bound stops it.
    assert.match(e.message, /makes no progress: 11 pages in a row/)
    assert.is(psv.requests.length, 12)
  } finally {
    await wsv.close()
    await psv.close()
  }
})

s.run()
