import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { formatGlobalId, isPaymuxError, parseGlobalId, paymux, type PaymentLink } from '@paymux/core/adapter'
import { rejectsWith } from '../helpers/either.ts'
import { link, memoryProvider } from '../helpers/memory-provider.ts'

// Two providers with interleaved creation times, including equal timestamps across providers.
const wpLinks = Array.from({ length: 37 }, (_, i) => link('wooshpay', `pl_${i}`, 1000 + i * 3))
const pbLinks = Array.from({ length: 23 }, (_, i) => link('priceblocs', `pb_${i}`, 1000 + i * 5))
const make = () => {
  const wp = memoryProvider('wooshpay', wpLinks, 10)
  const pb = memoryProvider('priceblocs', pbLinks, 7)
  return { wp, pb, mux: paymux([wp, pb]) }
}
const key = (l: PaymentLink) => `${l.provider}:${l.id}`
const expected = [...wpLinks, ...pbLinks]
  .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.provider < b.provider ? -1 : 1))
  .map(key)

const m = suite('core/mux')

m('merges every provider newest first, each object exactly once, ties by provider', async () => {
  const { mux } = make()
  const got = (await mux.paymentLinks.list({ pageSize: 9 }).toArray({ max: 1000 })).map(key)
  assert.equal(got, expected)
})

m('partitions and order any are refused for a merged listing, before any request', async () => {
  for (const query of [{ partitions: 4 }, { order: 'any' as const }]) {
    const { mux, wp, pb } = make()
    const err = await rejectsWith(mux.paymentLinks.list(query).toArray({ max: 10 }), 'invalid_request')
    assert.match(err.message, /one provider's listing/)
    assert.is(wp.requests + pb.requests, 0)
  }
  // The defaults are accepted (and not passed on to the providers).
  const { mux } = make()
  const got = await mux.paymentLinks.list({ partitions: 1, order: 'newest_first', pageSize: 9 }).toArray({ max: 1000 })
  assert.equal(got.map(key), expected)
})

m('a composite checkpoint resumes every provider where it stopped, at every page', async () => {
  const { mux } = make()
  const seen: string[] = []
  for await (const page of mux.paymentLinks.list({ pageSize: 8 }).pages()) {
    seen.push(...page.items.map(key))
    if (!page.checkpoint) continue
    const rest = await make().mux.paymentLinks.list({ pageSize: 8, resumeFrom: page.checkpoint }).toArray({ max: 1000 })
    assert.equal([...seen, ...rest.map(key)], expected)
  }
})

m('a provider failing mid-listing surfaces typed, with a checkpoint that resumes both', async () => {
  const { mux, pb } = make()
  pb.failAtRequest = 2
  const seen: string[] = []
  let checkpoint: string | null = null
  try {
    for await (const l of mux.paymentLinks.list({ pageSize: 5 })) seen.push(key(l))
  } catch (e) {
    assert.ok(isPaymuxError(e))
    assert.is(e.kind, 'server')
    assert.is(e.provider, 'priceblocs')
    checkpoint = e.checkpoint
  }
  assert.ok(checkpoint)
  const rest = await make()
    .mux.paymentLinks.list({ pageSize: 5, resumeFrom: checkpoint as string })
    .toArray({ max: 1000 })
  assert.equal([...seen, ...rest.map(key)], expected)
})

m('providers without the resource are skipped and named', async () => {
  const { mux } = make()
  const p = mux.paymentIntents.list()
  assert.equal(p.skipped, ['wooshpay', 'priceblocs'])
  await rejectsWith(p.toArray({ max: 1 }), 'unsupported')
  assert.equal(mux.paymentLinks.list().skipped, [])
})

m('global references parse, format and route retrieve to the right provider', async () => {
  assert.equal(parseGlobalId('wooshpay:pi_1:x'), E.right({ provider: 'wooshpay', id: 'pi_1:x' }))
  assert.ok(E.isLeft(parseGlobalId('pi_123')))
  assert.ok(E.isLeft(parseGlobalId('wooshpay:')))
  assert.is(formatGlobalId('priceblocs', 'pb_3'), 'priceblocs:pb_3')
  const { mux } = make()
  assert.is((await mux.paymentLinks.retrieve('priceblocs:pb_3')).id, 'pb_3')
  assert.is((await mux.retrieve('wooshpay:pl_4')).id, 'pl_4')
  await rejectsWith(mux.retrieve('stripe:pl_4'), 'invalid_request')
  await rejectsWith(mux.paymentLinks.retrieve('wooshpay:nope'), 'not_found')
  assert.is(mux.provider('wooshpay').id, 'wooshpay')
})

m('memory stays bounded: at most one page per provider is fetched ahead', async () => {
  const { mux, wp, pb } = make()
  await mux.paymentLinks.list({ pageSize: 5 }).toArray({ max: 5 })
  assert.ok(wp.requests <= 2 && pb.requests <= 2, `${wp.requests} ${pb.requests}`)
})

m.run()
