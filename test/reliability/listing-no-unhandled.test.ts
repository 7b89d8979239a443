/**
 * Guarantee 5 of issue 12: no unhandled rejection anywhere. `created` bounds outside the `Date`
 * range are `invalid_request` before any request, and every listing mode, with windows and pages
 * failing, rejects with a `PaymuxError` the caller can catch and leaves no rejection unhandled.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { isPaymuxError, paymux, type Paginator } from '@paymux/core'
import { rejectsWith } from '../helpers/either.ts'
import { priceblocsOf, wooshpayOf } from '../helpers/misbehaving/clients.ts'
import { startPriceblocsLike } from '../helpers/misbehaving/priceblocs-like.ts'
import { startWooshpayLike } from '../helpers/misbehaving/wooshpay-like.ts'

const s = suite('reliability/listing: no unhandled rejection')

s('created bounds outside the Date range are invalid_request before any request', async () => {
  const wsv = await startWooshpayLike({ count: 50 })
  const psv = await startPriceblocsLike({ count: 50 })
  try {
    const wp = wooshpayOf(wsv)
    const pb = priceblocsOf(psv)
    for (const created of [{ lt: 1e13 }, { gte: -1e13 }, { lte: Number.MAX_VALUE }, { gt: 8.64e12 + 1 }]) {
      for (const partitions of [1, 4]) {
        const e = await rejectsWith(
          wp.paymentIntents.list({ created, partitions }).toArray({ max: 10 }),
          'invalid_request',
        )
        assert.match(e.message, /within the Date range/)
      }
      await rejectsWith(wp.checkoutSessions.list({ created, partitions: 4 }).firstPage(), 'invalid_request')
      await rejectsWith(pb.paymentLinks.list({ created }).toArray({ max: 10 }), 'invalid_request')
    }
    assert.is(wsv.requests.length + psv.requests.length, 0)
  } finally {
    await wsv.close()
    await psv.close()
  }
})

s('every listing mode with failing windows and pages: a PaymuxError, and no unhandled rejection', async () => {
  const unhandled: unknown[] = []
  const watch = (reason: unknown) => unhandled.push(reason)
  process.on('unhandledRejection', watch)
  // Every third request fails (500, no retries), from the second on.
  const failWhen = (n: number) => n > 1 && n % 3 === 0
  const wsv = await startWooshpayLike({ count: 900, failWhen })
  const psv = await startPriceblocsLike({ count: 300, failWhen })
  try {
    const wp = wooshpayOf(wsv)
    const pb = priceblocsOf(psv)
    const mux = paymux([wp, pb])
    const listings: [string, () => Paginator<{ readonly id: string }>][] = [
      ['wooshpay plain', () => wp.paymentIntents.list({ pageSize: 20 })],
      ['wooshpay prefetch', () => wp.paymentIntents.list({ pageSize: 20, prefetch: 4 })],
      ['wooshpay partitions newest_first', () => wp.paymentIntents.list({ pageSize: 20, partitions: 8 })],
      ['wooshpay partitions any', () => wp.paymentIntents.list({ pageSize: 20, partitions: 8, order: 'any' })],
      ['wooshpay partitions, wide created', () => wp.paymentIntents.list({ partitions: 4, created: { lt: 8e12 } })],
      ['priceblocs plain', () => pb.paymentLinks.list()],
      ['priceblocs concurrency', () => pb.paymentLinks.list({ concurrency: 4 })],
      ['priceblocs prefetch', () => pb.checkoutSessions.list({ prefetch: 3 })],
      ['merged', () => mux.paymentLinks.list()],
    ]
    for (const [name, listing] of listings) {
      for (const consume of ['toArray', 'pages', 'firstPage'] as const) {
        const run = (): Promise<unknown> => {
          const p = listing()
          if (consume === 'toArray') return p.toArray({ max: 100_000 })
          if (consume === 'firstPage') return p.firstPage().then(() => p.toArray({ max: 100_000 }))
          return (async () => {
            for await (const page of p.pages()) void page
          })()
        }
        const outcome = await run().then(
          () => 'complete',
          (e: unknown) => (isPaymuxError(e) ? e.kind : `not a PaymuxError: ${String(e)}`),
        )
        assert.is(outcome, 'server', `${name} (${consume})`)
      }
    }
    // Rejections left unhandled are reported after the microtask queue drains: let it, twice.
    await new Promise((r) => setImmediate(r))
    await new Promise((r) => setImmediate(r))
    assert.equal(unhandled, [])
  } finally {
    process.off('unhandledRejection', watch)
    await wsv.close()
    await psv.close()
  }
})

s.run()
