import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { RequestView, ResourceName } from '@paymux/core/adapter'
import { wooshpay, type WooshpayProvider } from '@paymux/wooshpay'
import { startSandbox, type WooshpaySandbox } from '@paymux/wooshpay/sandbox'
import { rejectsWith } from '../helpers/either.ts'
import { NO_SLEEP, client, get, ids } from './support.ts'

interface Ctx {
  sb: WooshpaySandbox
  p: WooshpayProvider
}
const s = suite<Ctx>('wooshpay/provider')
const COUNT = 45
const RESOURCES: readonly ResourceName[] = ['paymentLinks', 'checkoutSessions', 'paymentIntents']

s.before(async (ctx) => {
  ctx.sb = await startSandbox({ count: COUNT, seed: 11 })
  ctx.p = client(ctx.sb)
})
s.after(async ({ sb }) => sb.close())

/** A client that records the URL of every request. */
const recording = (sb: WooshpaySandbox) => {
  const urls: string[] = []
  const p = wooshpay({
    apiKey: sb.apiKey,
    baseUrl: sb.baseUrl,
    retry: NO_SLEEP,
    hooks: { onRequest: (v: RequestView) => urls.push(v.url.slice(sb.baseUrl.length)) },
  })
  return { p, urls }
}

s(
  'a full listing of every resource is exactly the seeded set, in order, at page sizes 1, 7, 100',
  async ({ sb, p }) => {
    for (const r of RESOURCES) {
      for (const pageSize of [1, 7, 100]) {
        sb.resetStats()
        const got = (await p[r].list({ pageSize }).toArray({ max: 1000 })).map((o) => o.id)
        assert.equal(got, [...sb.ids(r)], `${r} / ${pageSize}`)
        assert.is(sb.stats().requests, Math.ceil(COUNT / pageSize), `${r} / ${pageSize}: requests`)
      }
    }
  },
)

s('requests carry limit, filters and the cursor in the query string, Stripe style', async ({ sb }) => {
  const { p, urls } = recording(sb)
  const all = sb.ids('checkoutSessions')
  await p.checkoutSessions
    .list({
      pageSize: 20,
      customerEmail: 'björn.x@example.com',
      created: { gte: 1000, lt: new Date(2_000_000_000_000) },
    })
    .toArray({ max: 100 })
  assert.equal(urls, [
    '/v1/checkout/sessions/list?limit=20&created%5Bgte%5D=1000&created%5Blt%5D=2000000000&customer_details%5Bemail%5D=bj%C3%B6rn.x%40example.com',
  ])
  urls.length = 0
  await p.checkoutSessions.list({ pageSize: 20 }).toArray({ max: 100 })
  assert.equal(urls, [
    '/v1/checkout/sessions/list?limit=20',
    `/v1/checkout/sessions/list?limit=20&starting_after=${all[19] as string}`,
    `/v1/checkout/sessions/list?limit=20&starting_after=${all[39] as string}`,
  ])
})

s('forward from startingAfter yields exactly the rest', async ({ sb, p }) => {
  const all = sb.ids('paymentIntents')
  const got = await p.paymentIntents.list({ pageSize: 7, startingAfter: all[10] as string }).toArray({ max: 1000 })
  assert.equal(
    got.map((o) => o.id),
    all.slice(11),
  )
})

s('backward from endingBefore yields the newer objects, oldest first, across pages', async ({ sb, p }) => {
  const all = sb.ids('paymentLinks')
  const { p: rec, urls } = recording(sb)
  const got = await rec.paymentLinks
    .list({ direction: 'backward', endingBefore: all[30] as string, pageSize: 7 })
    .toArray({ max: 1000 })
  assert.equal(
    got.map((o) => o.id),
    all.slice(0, 30).reverse(),
  )
  assert.is(urls.length, Math.ceil(30 / 7))
  assert.ok(urls.every((u) => u.includes('ending_before=')))
  // endingBefore alone implies backward; pages resume from their checkpoint.
  const first = await p.paymentLinks.list({ endingBefore: all[10] as string, pageSize: 4 }).firstPage()
  assert.equal(
    first.items.map((o) => o.id),
    all.slice(6, 10).reverse(),
  )
  const rest = await p.paymentLinks
    .list({ endingBefore: all[10] as string, pageSize: 4, resumeFrom: first.checkpoint as string })
    .toArray({ max: 100 })
  assert.equal(
    rest.map((o) => o.id),
    all.slice(0, 6).reverse(),
  )
})

s('contradictory cursor options are refused before any request', async ({ sb, p }) => {
  const id = sb.ids('paymentLinks')[3] as string
  sb.resetStats()
  await rejectsWith(p.paymentLinks.list({ direction: 'backward' }).firstPage(), 'invalid_request')
  await rejectsWith(p.paymentLinks.list({ startingAfter: id, endingBefore: id }).firstPage(), 'invalid_request')
  await rejectsWith(p.paymentLinks.list({ direction: 'forward', endingBefore: id }).firstPage(), 'invalid_request')
  await rejectsWith(p.paymentLinks.list({ startingAfter: '' }).firstPage(), 'invalid_request')
  await rejectsWith(p.paymentLinks.list({ direction: 'sideways' as never }).firstPage(), 'invalid_request')
  await rejectsWith(p.paymentLinks.list({ concurrency: 2 }).firstPage(), 'invalid_request')
  assert.is(sb.stats().requests, 0)
})

s('pageSize 101, 0 and 1.5 are refused with zero requests', async ({ sb, p }) => {
  sb.resetStats()
  for (const pageSize of [101, 0, 1.5, Number.NaN]) {
    for (const r of RESOURCES) await rejectsWith(p[r].list({ pageSize }).toArray({ max: 5 }), 'invalid_request')
    const parent = sb.ids('paymentLinks')[0] as string
    await rejectsWith(p.paymentLinks.lineItems(parent, { pageSize }).firstPage(), 'invalid_request')
  }
  assert.is(sb.stats().requests, 0)
})

s('filter: active and status on payment links', async ({ p }) => {
  const all = await p.paymentLinks.list().toArray({ max: 1000 })
  const active = await p.paymentLinks.list({ active: true, pageSize: 5 }).toArray({ max: 1000 })
  assert.equal(
    active.map((o) => o.id),
    all.filter((o) => o.active).map((o) => o.id),
  )
  const inactive = await p.paymentLinks.list({ status: 'inactive' }).toArray({ max: 1000 })
  assert.ok(inactive.length > 0 && inactive.every((o) => o.status === 'inactive'))
  assert.is(inactive.length + active.length, all.length)
  await rejectsWith(p.paymentLinks.list({ status: 'active', active: false }).firstPage(), 'invalid_request')
})

s('filter: created bounds on sessions and intents, as Dates or seconds', async ({ p }) => {
  for (const r of ['checkoutSessions', 'paymentIntents'] as const) {
    const all = await p[r].list().toArray({ max: 1000 })
    const pivot = all[15]?.createdAt as Date
    const secs = pivot.getTime() / 1000
    const cases: [Record<string, Date | number>, (d: Date) => boolean][] = [
      [{ gt: pivot }, (d) => d > pivot],
      [{ gte: secs }, (d) => d >= pivot],
      [{ lt: pivot }, (d) => d < pivot],
      [{ lte: secs, gt: all[25]?.createdAt as Date }, (d) => d <= pivot && d > (all[25]?.createdAt as Date)],
    ]
    for (const [created, keep] of cases) {
      const got = await p[r].list({ created, pageSize: 9 }).toArray({ max: 1000 })
      const want = all.filter((o) => keep(o.createdAt)).map((o) => o.id)
      assert.equal(
        got.map((o) => o.id),
        want,
        `${r} ${JSON.stringify(created)}`,
      )
      assert.ok(want.length > 0)
    }
    await rejectsWith(p[r].list({ created: { gt: new Date('nope') } }).firstPage(), 'invalid_request')
  }
})

s('filter: customer, customer email and payment intent on sessions', async ({ p }) => {
  const all = await p.checkoutSessions.list().toArray({ max: 1000 })
  const sample = all.find((o) => o.customerId !== null && o.customerEmail !== null)
  assert.ok(sample)
  const byCustomer = await p.checkoutSessions.list({ customer: sample.customerId as string }).toArray({ max: 100 })
  assert.equal(
    byCustomer.map((o) => o.id),
    all.filter((o) => o.customerId === sample.customerId).map((o) => o.id),
  )
  const byEmail = await p.checkoutSessions.list({ customerEmail: sample.customerEmail as string }).toArray({ max: 100 })
  assert.ok(byEmail.length > 0 && byEmail.every((o) => o.customerEmail === sample.customerEmail))
  const nonAscii = all.find((o) => o.customerEmail !== null && /[\u0080-\uffff]/.test(o.customerEmail))
  assert.ok(nonAscii, 'the seed has a non-ASCII e-mail address')
  const got = await p.checkoutSessions.list({ customerEmail: nonAscii.customerEmail as string }).toArray({ max: 100 })
  assert.ok(got.length > 0 && got.every((o) => o.customerEmail === nonAscii.customerEmail), 'non-ASCII e-mail filter')
  assert.ok(got.some((o) => o.id === nonAscii.id))
  const target = all[9]
  const byPi = await p.checkoutSessions.list({ paymentIntent: target?.paymentIntentId as string }).toArray({ max: 5 })
  assert.equal(
    byPi.map((o) => o.id),
    [target?.id],
  )
})

s('filters WooshPay cannot apply are refused as unsupported, with zero requests', async ({ sb, p }) => {
  sb.resetStats()
  await rejectsWith(p.paymentLinks.list({ created: { gt: 1 } }).firstPage(), 'unsupported')
  await rejectsWith(p.paymentLinks.list({ livemode: false }).firstPage(), 'unsupported')
  await rejectsWith(p.paymentLinks.list({ status: 'archived' }).firstPage(), 'unsupported')
  await rejectsWith(p.checkoutSessions.list({ status: 'open' }).firstPage(), 'unsupported')
  await rejectsWith(p.checkoutSessions.list({ paymentStatus: 'paid' }).firstPage(), 'unsupported')
  await rejectsWith(p.paymentIntents.list({ status: 'succeeded' }).toArray({ max: 1 }), 'unsupported')
  await rejectsWith(p.checkoutSessions.list({ customer: '' }).firstPage(), 'invalid_request')
  assert.is(sb.stats().requests, 0)
  assert.is(p.capabilities.paymentIntents.filters['status'], 'unsupported')
  assert.is(p.capabilities.checkoutSessions.filters['customerEmail'], 'supported')
})

s('retrieve returns the object as listed; unknown and empty ids fail', async ({ sb, p }) => {
  for (const r of RESOURCES) {
    const listed = await p[r].list({ pageSize: 10 }).toArray({ max: 10 })
    for (const o of listed.slice(0, 4)) {
      const got = await p[r].retrieve(o.id)
      assert.equal(JSON.parse(JSON.stringify(got)), JSON.parse(JSON.stringify(o)), `${r} ${o.id}`)
    }
    const missing = await rejectsWith(p[r].retrieve(`${sb.ids(r)[0] as string}0`), 'not_found')
    assert.is(missing.code, 'resource_missing')
    assert.is(missing.status, 404)
    assert.ok(missing.requestId?.startsWith('req_'))
    await rejectsWith(p[r].retrieve(''), 'invalid_request')
  }
  // An id is one path segment, whatever it holds.
  await rejectsWith(p.paymentIntents.retrieve('../payment_links'), 'not_found')
})

s('line items of links and sessions: listing, paging both ways, embedded form', async ({ sb, p }) => {
  let multi = 0
  for (const [r, path] of [
    ['paymentLinks', 'payment_links'],
    ['checkoutSessions', 'checkout/sessions'],
  ] as const) {
    for (const parent of sb.ids(r).slice(0, 10)) {
      const raw = ids((await get(sb, `/v1/${path}/${parent}/line_items?limit=100`)).json)
      const items = await p[r].lineItems(parent).toArray({ max: 100 })
      assert.equal(
        items.map((li) => li.id),
        raw,
      )
      for (const li of items) {
        assert.is(li.object, 'line_item')
        assert.ok(li.quantity >= 1 && Number.isInteger(li.quantity))
        assert.ok(li.amountTotal && Number.isSafeInteger(li.amountTotal.amount))
        assert.is(li.amountTotal?.currency, li.price?.currency)
      }
      const paged = await p[r].lineItems(parent, { pageSize: 2 }).toArray({ max: 100 })
      assert.equal(
        paged.map((li) => li.id),
        raw,
      )
      if (raw.length >= 3) {
        multi += 1
        const back = await p[r]
          .lineItems(parent, { endingBefore: raw.at(-1) as string, pageSize: 1 })
          .toArray({ max: 100 })
        assert.equal(
          back.map((li) => li.id),
          raw.slice(0, -1).reverse(),
        )
      }
    }
  }
  assert.ok(multi > 0, 'some parents have several line items')
  // A link embeds its line items when they are at most three (has_more false): the same items.
  const links = await p.paymentLinks.list().toArray({ max: 1000 })
  const complete = links.filter((l) => l.lineItems !== null)
  assert.ok(complete.length > 0 && complete.length < links.length)
  for (const link of complete.slice(0, 3)) {
    const listed = await p.paymentLinks.lineItems(link.id).toArray({ max: 10 })
    assert.equal(
      link.lineItems?.map((li) => li.id),
      listed.map((li) => li.id),
    )
  }
  await rejectsWith(p.paymentLinks.lineItems('pl_404').firstPage(), 'not_found')
  await rejectsWith(p.checkoutSessions.lineItems('').firstPage(), 'invalid_request')
})

s('line-item checkpoints are bound to their parent', async ({ sb, p }) => {
  const [a, b] = sb.ids('paymentLinks')
  const page = await p.paymentLinks.lineItems(a as string, { pageSize: 1 }).firstPage()
  assert.ok(page.checkpoint, 'the first link has several line items')
  const before = sb.stats().requests
  await rejectsWith(
    p.paymentLinks.lineItems(b as string, { resumeFrom: page.checkpoint }).firstPage(),
    'checkpoint_mismatch',
  )
  assert.is(sb.stats().requests, before)
})

s('quirks on and off give the same neutral objects', async ({ sb, p }) => {
  const clean = await startSandbox({ count: COUNT, seed: 11, quirks: false })
  try {
    const q = client(clean)
    const strip = (o: unknown) =>
      JSON.parse(JSON.stringify(o, (k, v: unknown) => (k === 'raw' ? undefined : v))) as unknown
    for (const r of RESOURCES) {
      const a = await p[r].list().toArray({ max: 1000 })
      const b = await q[r].list().toArray({ max: 1000 })
      assert.equal(a.map(strip), b.map(strip), r)
      assert.not.equal(JSON.stringify(a.map((o) => o.raw)), JSON.stringify(b.map((o) => o.raw)), `${r}: raw differs`)
    }
    const parent = sb.ids('paymentLinks')[2] as string
    assert.equal(
      (await p.paymentLinks.lineItems(parent).toArray({ max: 10 })).map(strip),
      (await q.paymentLinks.lineItems(parent).toArray({ max: 10 })).map(strip),
    )
  } finally {
    await clean.close()
  }
})

s('neutral values: upper-case currencies, safe integer amounts, statuses incl. unknown', async ({ p }) => {
  const intents = await p.paymentIntents.list().toArray({ max: 1000 })
  assert.ok(intents.every((o) => /^[A-Z]{3}$/.test(o.amount.currency) && Number.isSafeInteger(o.amount.amount)))
  assert.ok(
    intents.some((o) => o.status === 'unknown'),
    'an undocumented status maps to unknown',
  )
  assert.ok(intents.some((o) => o.amount.currency === 'JPY'))
  assert.ok(intents.some((o) => o.paymentMethodTypes.length > 1))
  const sessions = await p.checkoutSessions.list().toArray({ max: 1000 })
  assert.ok(sessions.every((o) => o.object === 'checkout_session' && o.createdAt.getUTCFullYear() >= 2022))
  assert.ok(sessions.every((o) => o.customerId === null || o.customerId.startsWith('cus_')))
})

s('prefetch delivers the same listing', async ({ sb, p }) => {
  const got = await p.paymentIntents.list({ pageSize: 5, prefetch: 3 }).toArray({ max: 1000 })
  assert.equal(
    got.map((o) => o.id),
    [...sb.ids('paymentIntents')],
  )
})

s.run()
