/**
 * Guarantee 4 of issue 12: page-number listings (PriceBlocs) detect skipped or repeated pages,
 * `links.next` against `page + 1` and `total`, with a typed `pagination` error whose checkpoint
 * resumes the listing.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { paymux, type Page, type PaymentLink } from '@paymux/core'
import { rejectsWith } from '../helpers/either.ts'
import { idsOf, priceblocsOf, wooshpayOf } from '../helpers/misbehaving/clients.ts'
import { startPriceblocsLike } from '../helpers/misbehaving/priceblocs-like.ts'
import { startWooshpayLike } from '../helpers/misbehaving/wooshpay-like.ts'

const s = suite('reliability/listing: page numbers')

/** Pages delivered before the listing failed, and the error. */
const pagesUntilError = async (pages: AsyncIterable<Page<PaymentLink>>) => {
  const got: PaymentLink[] = []
  try {
    for await (const p of pages) got.push(...p.items)
  } catch (e) {
    return { got, error: e }
  }
  return { got, error: null }
}

s('page 5 repeating page 1: pagination error after pages 1-4, resumable at page 5', async () => {
  const sv = await startPriceblocsLike({ count: 200, quirk: 'repeat_page' })
  const fixed = await startPriceblocsLike({ count: 200 })
  try {
    for (const concurrency of [1, 4]) {
      const { got, error } = await pagesUntilError(priceblocsOf(sv).paymentLinks.list({ concurrency }).pages())
      const e = await rejectsWith(Promise.reject(error), 'pagination')
      assert.match(e.message, /repeats 20 objects already delivered and none new/)
      assert.equal(idsOf(got), sv.ids.slice(0, 80), `concurrency ${concurrency}: pages 1-4, no duplicate`)
      assert.ok(e.checkpoint)
      // The same listing against a provider that serves page 5 right resumes exactly there.
      const rest = await priceblocsOf(fixed)
        .paymentLinks.list({ resumeFrom: e.checkpoint as string })
        .toArray({ max: 1000 })
      assert.equal([...idsOf(got), ...idsOf(rest)], fixed.ids)
    }
  } finally {
    await sv.close()
    await fixed.close()
  }
})

s('links.next jumping from page 1 to 4 with total 100: pagination error, never "complete"', async () => {
  const sv = await startPriceblocsLike({ count: 100, quirk: 'jump' })
  try {
    for (const concurrency of [1, 4]) {
      const { got, error } = await pagesUntilError(priceblocsOf(sv).paymentLinks.list({ concurrency }).pages())
      const e = await rejectsWith(Promise.reject(error), 'pagination')
      assert.match(e.message, /page 1 links to page 4 as next, total 100: pages 2 to 3 would be skipped/)
      assert.is(got.length, 0, 'page 1 fails: nothing delivered from a page that skips')
      assert.ok(e.checkpoint)
    }
  } finally {
    await sv.close()
  }
})

s('every page answering the same 20 objects with has_more: pagination error at page 2', async () => {
  const sv = await startPriceblocsLike({ count: 200, quirk: 'same_page' })
  try {
    const { got, error } = await pagesUntilError(priceblocsOf(sv).paymentLinks.list().pages())
    const e = await rejectsWith(Promise.reject(error), 'pagination')
    assert.is(got.length, 20)
    assert.ok(e.checkpoint)
    assert.is(sv.requests.length, 2)
  } finally {
    await sv.close()
  }
})

s('a merged paymux([wp, pb]) listing with such a PriceBlocs ends with the pagination error', async () => {
  for (const quirk of ['repeat_page', 'jump', 'same_page'] as const) {
    const wsv = await startWooshpayLike({ count: 300 })
    const psv = await startPriceblocsLike({ count: 100, quirk })
    try {
      const mux = paymux([wooshpayOf(wsv), priceblocsOf(psv)])
      const e = await rejectsWith(mux.paymentLinks.list().toArray({ max: 100_000 }), 'pagination')
      assert.is(e.provider, 'priceblocs', quirk)
      assert.ok(e.checkpoint, quirk)
    } finally {
      await wsv.close()
      await psv.close()
    }
  }
})

s.run()
