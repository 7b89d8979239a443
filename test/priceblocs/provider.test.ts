import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { CheckoutSession } from '@paymux/core/adapter'
import { priceblocs, capabilities } from '@paymux/priceblocs'
import { startSandbox, type PriceblocsSandbox } from '@paymux/priceblocs/sandbox'
import { rejectsWith } from '../helpers/either.ts'
import { startScriptServer } from '../helpers/http-server.ts'
import { checkout } from '../fixtures/priceblocs/factories.ts'
import { client, ids } from './support.ts'

const s = suite<{ sb: PriceblocsSandbox }>('priceblocs/provider')
s.before(async (ctx) => {
  ctx.sb = await startSandbox({ count: 120, seed: 21 })
})
s.after(async ({ sb }) => sb.close())
s.before.each(({ sb }) => sb.resetStats())

const json = (v: unknown): unknown => JSON.parse(JSON.stringify(v))

s('retrieve returns what the listing returned, for links and checkouts', async ({ sb }) => {
  const p = client(sb)
  const links = await p.paymentLinks.list().toArray({ max: 3 })
  for (const l of links) assert.equal(json(await p.paymentLinks.retrieve(l.id)), json(l))
  const [co] = await p.checkoutSessions.list().toArray({ max: 1 })
  assert.equal(json(await p.checkoutSessions.retrieve(co?.id as string)), json(co))
  assert.is(sb.stats().byRoute['GET /v1/payment-links/:id'], 3)
  assert.is(sb.stats().byRoute['GET /v1/checkouts/:id'], 1)
})

s('an id of the other resource is not found (ids are not shared across resources)', async ({ sb }) => {
  const [linkId] = sb.ids('paymentLinks')
  await rejectsWith(client(sb).checkoutSessions.retrieve(linkId as string), 'not_found')
})

s('ids are sent path-encoded', async ({ sb }) => {
  const urls: string[] = []
  const p = client(sb, { hooks: { onRequest: (v) => urls.push(v.url) } })
  await rejectsWith(p.paymentLinks.retrieve('../checkouts?x=1'), 'not_found')
  assert.equal(urls, [`${sb.baseUrl}/v1/payment-links/..%2Fcheckouts%3Fx%3D1`])
})

s('payment link line items: the link`s embedded items, one page, one request', async ({ sb }) => {
  const p = client(sb)
  const links = await p.paymentLinks.list().toArray({ max: 120 })
  const link = links.find((l) => (l.lineItems?.length ?? 0) >= 2)
  assert.ok(link, 'the sandbox seeds links with several line items')
  sb.resetStats()
  const pages = []
  for await (const page of p.paymentLinks.lineItems(link.id).pages()) pages.push(page)
  assert.is(pages.length, 1)
  assert.equal(json(pages[0]?.items), json(link.lineItems))
  assert.is(pages[0]?.total, link.lineItems?.length)
  assert.is(pages[0]?.hasMore, false)
  assert.equal(sb.stats().byRoute, { 'GET /v1/payment-links/:id': 1 })
})

s('line items with a small pageSize come in slices of one response', async ({ sb }) => {
  const p = client(sb)
  const link = (await p.paymentLinks.list().toArray({ max: 120 })).find((l) => (l.lineItems?.length ?? 0) >= 2)
  sb.resetStats()
  const items = []
  let pages = 0
  for await (const page of p.paymentLinks.lineItems(link?.id as string, { pageSize: 1 }).pages()) {
    pages += 1
    assert.is(page.items.length, 1)
    items.push(...page.items)
  }
  assert.is(pages, link?.lineItems?.length)
  assert.equal(ids(items), ids(link?.lineItems ?? []))
  assert.is(sb.stats().requests, 1)
})

s('a setup-mode link has no line items; an unknown link`s line items are not_found', async ({ sb }) => {
  const p = client(sb)
  const setup = (await p.paymentLinks.list().toArray({ max: 120 })).find((l) => l.lineItems === null)
  assert.ok(setup, 'the sandbox seeds setup-mode links')
  assert.equal(await p.paymentLinks.lineItems(setup.id).toArray({ max: 10 }), [])
  await rejectsWith(p.paymentLinks.lineItems('nope').toArray({ max: 10 }), 'not_found')
})

s('checkout line items come from the retrieved checkout, with amounts when present', async ({ sb }) => {
  const p = client(sb)
  const [co] = await p.checkoutSessions.list().toArray({ max: 1 })
  const items = await p.checkoutSessions.lineItems(co?.id as string).toArray({ max: 10 })
  const raw = (co?.raw as { line_items: { price: string; quantity: number | string }[] }).line_items
  assert.equal(
    items.map((i) => [i.price?.id, i.quantity]),
    raw.map((r) => [r.price, Number(r.quantity)]),
  )
  assert.ok(items.every((i) => i.price?.currency === co?.currency))
})

s('payment intents are unsupported and send no request', async ({ sb }) => {
  const p = client(sb)
  const e = await rejectsWith(p.paymentIntents.list().toArray({ max: 1 }), 'unsupported')
  assert.is(e.provider, 'priceblocs')
  await rejectsWith(p.paymentIntents.list().firstPage(), 'unsupported')
  await rejectsWith(p.paymentIntents.retrieve('pi_123'), 'unsupported')
  const r = await p.paymentIntents.list().fetchPage(null)()
  assert.is(r._tag, 'Left')
  assert.is(sb.stats().requests, 0)
})

s('the capability manifest says what is server-side, client-side and unsupported', () => {
  const p = priceblocs({ apiKey: 'PB_sk_test_abc123' })
  assert.is(p.id, 'priceblocs')
  assert.is(p.capabilities, capabilities)
  assert.is(capabilities.paymentIntents.operations['list'], 'unsupported')
  assert.is(capabilities.paymentLinks.filters['livemode'], 'supported')
  assert.is(capabilities.paymentLinks.filters['status'], 'client_side')
  assert.is(capabilities.checkoutSessions.filters['customerEmail'], 'supported')
  assert.is(capabilities.checkoutSessions.filters['created'], 'client_side')
})

// --- filters ------------------------------------------------------------------------------------

s('livemode is filtered by PriceBlocs (test keys see only test objects)', async ({ sb }) => {
  const p = client(sb)
  const urls: string[] = []
  const q = client(sb, { hooks: { onRequest: (v) => urls.push(v.url) } })
  assert.equal(await q.paymentLinks.list({ livemode: true }).toArray({ max: 10 }), [])
  assert.equal(urls, [`${sb.baseUrl}/v1/payment-links?page=1&livemode=true`])
  assert.is((await p.paymentLinks.list({ livemode: false }).toArray({ max: 1000 })).length, 120)
})

s('link status and active are filtered client-side; total is null then', async ({ sb }) => {
  const p = client(sb)
  const all = await p.paymentLinks.list().toArray({ max: 1000 })
  const archived = await p.paymentLinks.list({ status: 'archived' }).toArray({ max: 1000 })
  assert.ok(archived.length > 0)
  assert.equal(ids(archived), ids(all.filter((l) => l.status === 'archived')))
  const inactive = await p.paymentLinks.list({ active: false }).toArray({ max: 1000 })
  assert.equal(ids(inactive), ids(all.filter((l) => !l.active)))
  const unknown = await p.paymentLinks.list({ status: 'unknown' }).toArray({ max: 1000 })
  assert.equal(ids(unknown), ids(all.filter((l) => l.status === 'unknown')))
  assert.is((await p.paymentLinks.list({ status: 'active' }).firstPage()).total, null)
})

s('created ranges are filtered client-side and stop at the lower bound (newest first)', async ({ sb }) => {
  const p = client(sb)
  const all = await p.paymentLinks.list().toArray({ max: 1000 })
  const gte = all[30]?.createdAt as Date
  const lt = all[5]?.createdAt as Date
  sb.resetStats()
  const got = await p.paymentLinks
    .list({ created: { gte, lt: Math.floor(lt.getTime() / 1000) } })
    .toArray({ max: 1000 })
  assert.equal(ids(got), ids(all.slice(6, 31)))
  assert.is(sb.stats().requests, 2, 'pages after the lower bound are not read')
  await rejectsWith(p.paymentLinks.list({ created: { gt: new Date('nope') } }).firstPage(), 'invalid_request')
})

s('checkout filters PriceBlocs has are sent to it', async ({ sb }) => {
  const urls: string[] = []
  const p = client(sb, { hooks: { onRequest: (v) => urls.push(v.url) } })
  const all = await client(sb).checkoutSessions.list().toArray({ max: 1000 })
  const target = all.find((c) => c.customerId !== null && c.paymentIntentId !== null) as CheckoutSession
  const got = await p.checkoutSessions
    .list({ status: 'complete', paymentStatus: 'paid', customer: target.customerId as string, livemode: false })
    .toArray({ max: 1000 })
  const expected = all.filter(
    (c) => c.status === 'complete' && c.paymentStatus === 'paid' && c.customerId === target.customerId,
  )
  assert.ok(expected.length > 0)
  assert.equal(ids(got), ids(expected))
  const url = new URL(urls[0] as string)
  assert.equal(Object.fromEntries(url.searchParams), {
    page: '1',
    customer: target.customerId,
    livemode: 'false',
    status: 'completed',
    payment_status: 'paid',
  })
  const byEmail = await client(sb)
    .checkoutSessions.list({ customerEmail: target.customerEmail as string })
    .toArray({ max: 1000 })
  assert.equal(ids(byEmail), ids(all.filter((c) => c.customerEmail === target.customerEmail)))
  const byIntent = await client(sb)
    .checkoutSessions.list({ paymentIntent: target.paymentIntentId as string })
    .toArray({ max: 10 })
  assert.equal(ids(byIntent), [target.id])
  const open = await client(sb).checkoutSessions.list({ status: 'open' }).toArray({ max: 1000 })
  assert.equal(ids(open), ids(all.filter((c) => c.status === 'open')))
  assert.is((await client(sb).checkoutSessions.list({ status: 'open' }).firstPage()).total, open.length)
})

s('checkout statuses PriceBlocs has no value for are filtered client-side', async ({ sb }) => {
  const urls: string[] = []
  const p = client(sb, { hooks: { onRequest: (v) => urls.push(v.url) } })
  const all = await client(sb).checkoutSessions.list().toArray({ max: 1000 })
  assert.equal(await p.checkoutSessions.list({ status: 'expired' }).toArray({ max: 1000 }), [])
  assert.ok(
    urls.every((u) => !u.includes('status=')),
    'nothing PriceBlocs does not know is sent',
  )
  const unknown = await p.checkoutSessions.list({ status: 'unknown' }).toArray({ max: 1000 })
  assert.ok(unknown.length > 0)
  assert.equal(ids(unknown), ids(all.filter((c) => c.status === 'unknown')))
  const free = await p.checkoutSessions.list({ paymentStatus: 'no_payment_required' }).toArray({ max: 1000 })
  assert.ok(free.length > 0)
  assert.equal(ids(free), ids(all.filter((c) => c.paymentStatus === 'no_payment_required')))
})

s('invalid filter values are refused before any request', async ({ sb }) => {
  const p = client(sb)
  const bad = [
    () => p.paymentLinks.list({ status: 'open' as never }).firstPage(),
    () => p.paymentLinks.list({ livemode: 'yes' as never }).firstPage(),
    () => p.paymentLinks.list({ active: 1 as never }).firstPage(),
    () => p.checkoutSessions.list({ status: 'started' as never }).firstPage(),
    () => p.checkoutSessions.list({ paymentStatus: 'refunded' as never }).firstPage(),
    () => p.checkoutSessions.list({ customer: '' }).firstPage(),
    () => p.checkoutSessions.list({ created: 5 as never }).firstPage(),
  ]
  for (const call of bad) await rejectsWith(call(), 'invalid_request')
  assert.is(sb.stats().requests, 0)
})

// Guarantee 11 over real HTTP: a server whose numbers are not safe integers fails the listing
// with `decode` on the first attempt (never retried), where it used to deliver `null` amounts.
const pageText = (checkoutText: string): string =>
  `{"object":"list","has_more":false,"page":1,"page_size":20,"total":1,"data":[${checkoutText}]}`

s('numbers that are not safe integers fail a listing with decode, attempt 1, over HTTP', async () => {
  const server = await startScriptServer()
  try {
    const p = priceblocs({ apiKey: 'PB_sk_test_abc123', baseUrl: server.url })
    const good = JSON.stringify(checkout())
    const cases = [
      good.replace('"amount_total":4750', '"amount_total":12.5'),
      good.replace('"amount_total":4750', `"amount_total":${String(2 ** 53 + 1)}`),
      good.replace('"amount_total":4750', '"amount_total":1e400'),
      good.replace('"line_items":[', '"line_items":[{"price":"p","quantity":"abc"},'),
      good.replace('"line_items":[', '"line_items":[{"price":"p","quantity":-3},'),
    ]
    for (const text of cases) {
      assert.is.not(text, good, 'the fixture was changed')
      server.script([{ status: 200, body: pageText(text), headers: { 'content-type': 'application/json' } }])
      const e = await rejectsWith(p.checkoutSessions.list().toArray({ max: 100 }), 'decode')
      assert.is(e.attempts, 1)
      assert.is(server.requests.length, 1, 'a decode error is never retried')
    }
    server.script([{ status: 200, body: pageText(good), headers: { 'content-type': 'application/json' } }])
    const [co] = await p.checkoutSessions.list().toArray({ max: 100 })
    assert.equal(co?.amountTotal, { amount: 4750, currency: 'USD' })
  } finally {
    await server.close()
  }
})

s.run()
