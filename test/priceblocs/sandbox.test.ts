import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { isPaymuxError } from '@paymux/core'
import { startSandbox, type PriceblocsSandbox } from '@paymux/priceblocs/sandbox'

interface Envelope {
  object: string
  url: string
  has_more: boolean
  data: Record<string, unknown>[] | Record<string, unknown>
  page: number
  page_size: number
  total: number
  links: Record<string, { page: string | number; rel: string; url: string }>
}

const get = async (sb: PriceblocsSandbox, path: string, key: string | null = sb.apiKey) => {
  const res = await fetch(`${sb.baseUrl}${path}`, { headers: key === null ? {} : { authorization: `Bearer ${key}` } })
  return { status: res.status, headers: res.headers, body: (await res.json()) as Envelope & Record<string, unknown> }
}

const s = suite<{ sb: PriceblocsSandbox }>('priceblocs/sandbox')
s.before(async (ctx) => {
  ctx.sb = await startSandbox({ count: 45, seed: 1, linksHost: 'https://links.example.test' })
})
s.after(async ({ sb }) => sb.close())

s('serves the documented envelope with absolute links on the configured host', async ({ sb }) => {
  const { status, body } = await get(sb, '/v1/payment-links?page=2')
  assert.is(status, 200)
  assert.is(body.object, 'list')
  assert.is(body.url, '/v1/payment-links')
  assert.is(body.page, 2)
  assert.is(body.page_size, 20)
  assert.is(body.total, 45)
  assert.is(body.has_more, true)
  assert.equal(body.links['next'], {
    page: '3',
    rel: 'next',
    url: 'https://links.example.test/v1/payment-links?page=3',
  })
  assert.equal(body.links['prev']?.page, '1')
  assert.equal(body.links['last']?.page, '3')
  assert.equal(body.links['self']?.page, '2')
  assert.equal(
    (body.data as { id: string }[]).map((o) => o.id),
    sb.ids('paymentLinks').slice(20, 40),
  )
})

s('the last page has no next; a page past the end is empty; bad pages are 400', async ({ sb }) => {
  const last = (await get(sb, '/v1/payment-links?page=3')).body
  assert.is(last.has_more, false)
  assert.is(last.links['next'], undefined)
  const past = (await get(sb, '/v1/payment-links?page=9')).body
  assert.equal(past.data, [])
  for (const page of ['0', '-1', 'x', '1.5']) {
    const r = await get(sb, `/v1/payment-links?page=${page}`)
    assert.is(r.status, 400)
    assert.is(r.body['statusCode'], 400)
  }
})

s('unknown parameters are refused, so a filter can never be ignored silently', async ({ sb }) => {
  const r = await get(sb, '/v1/payment-links?status=active')
  assert.is(r.status, 400)
  assert.is(r.body['param'], 'status')
  assert.is((await get(sb, '/v1/payment-links?livemode=maybe')).status, 400)
})

s('checkouts filter by their documented parameters', async ({ sb }) => {
  const all = (await get(sb, '/v1/checkouts?page=1')).body.data as Record<string, unknown>[]
  const started = (await get(sb, '/v1/checkouts?status=started')).body
  assert.ok((started.data as unknown[]).length > 0)
  assert.ok((started.data as Record<string, unknown>[]).every((c) => c['status'] === 'started'))
  const email = all[0]?.['email'] as string
  const byEmail = (await get(sb, `/v1/checkouts?email=${encodeURIComponent(email)}`)).body
  assert.ok((byEmail.data as Record<string, unknown>[]).every((c) => c['email'] === email))
  assert.ok(byEmail.links['self']?.url.includes('email='), 'filters are kept in the links')
  assert.is((await get(sb, '/v1/checkouts?livemode=true')).body.total, 0)
})

s('auth: no key or a wrong key is 401 with an error body; unknown ids and routes are 404', async ({ sb }) => {
  const none = await get(sb, '/v1/payment-links', null)
  assert.is(none.status, 401)
  assert.equal(Object.keys(none.body).sort(), ['error', 'message', 'statusCode', 'type'])
  assert.is((await get(sb, '/v1/payment-links', `${sb.apiKey}0`)).status, 401)
  assert.is((await get(sb, '/v1/payment-links/00000000-0000-4000-8000-000000000000')).status, 404)
  assert.is((await get(sb, '/v1/nothing')).status, 404)
  const [id] = sb.ids('paymentLinks')
  const one = await get(sb, `/v1/payment-links/${id as string}`)
  assert.is(one.status, 200)
  assert.is(one.body['id'], id)
  assert.match(sb.apiKey, /^PB_sk_test_/)
})

s('data is seeded deterministically with every status and several currencies, JPY included', async ({ sb }) => {
  const again = await startSandbox({ count: 45, seed: 1 })
  const other = await startSandbox({ count: 45, seed: 2 })
  try {
    assert.equal(again.ids('checkoutSessions'), sb.ids('checkoutSessions'))
    assert.not.equal(other.ids('checkoutSessions'), sb.ids('checkoutSessions'))
    const big = await startSandbox({ count: 400, seed: 1 })
    try {
      const links: Record<string, unknown>[] = []
      const checkouts: Record<string, unknown>[] = []
      for (let page = 1; page <= 20; page++) {
        links.push(...((await get(big, `/v1/payment-links?page=${page}`)).body.data as Record<string, unknown>[]))
        checkouts.push(...((await get(big, `/v1/checkouts?page=${page}`)).body.data as Record<string, unknown>[]))
      }
      const values = (xs: Record<string, unknown>[], k: string) => [...new Set(xs.map((x) => x[k]))].sort()
      assert.equal(values(links, 'status'), ['active', 'archived', 'inactive', 'paused'])
      assert.equal(values(checkouts, 'status'), ['abandoned', 'completed', 'started'])
      assert.equal(values(checkouts, 'payment_status'), ['no_payment_required', 'paid', 'unpaid'])
      for (const c of ['usd', 'eur', 'jpy']) assert.ok(values(links, 'currency').includes(c), c)
      assert.ok(
        links.some((l) => !('line_items' in l)),
        'setup-mode links have no line_items',
      )
      const created = links.map((l) => l['created'] as number)
      assert.ok(
        created.every((c, i) => i === 0 || c < (created[i - 1] as number)),
        'newest first',
      )
      assert.ok(
        created.every((c) => c < 1e10),
        'seconds, not milliseconds',
      )
    } finally {
      await big.close()
    }
  } finally {
    await again.close()
    await other.close()
  }
})

s('stats count requests by route pattern; resetStats clears them', async ({ sb }) => {
  sb.resetStats()
  await get(sb, '/v1/payment-links?page=1')
  await get(sb, `/v1/checkouts/${sb.ids('checkoutSessions')[0] as string}`)
  await get(sb, '/v1/checkouts/nope')
  assert.equal(sb.stats(), {
    requests: 3,
    byRoute: { 'GET /v1/payment-links': 1, 'GET /v1/checkouts/:id': 2 },
    faults: 0,
    faultsByKind: {},
    rateLimited: 0,
  })
  sb.resetStats()
  assert.is(sb.stats().requests, 0)
  assert.equal(sb.ids('paymentIntents'), [])
})

s('insert() and driftEvery add newest objects that shift the pages', async () => {
  const sb = await startSandbox({ count: 30, seed: 3, driftEvery: 2 })
  try {
    const before = sb.ids('paymentLinks')
    const p1 = (await get(sb, '/v1/payment-links?page=1')).body
    const p2 = (await get(sb, '/v1/payment-links?page=2')).body // the 2nd list request: one inserted first
    assert.is(p1.total, 30)
    assert.is(p2.total, 31)
    assert.is(sb.count('paymentLinks'), 31)
    assert.equal(sb.ids('paymentLinks').slice(1), before)
    assert.is((p2.data as { id: string }[])[0]?.id, before[19], 'the last of page 1 moved to page 2')
    sb.insert('paymentLinks', 5)
    assert.is(sb.count('paymentLinks'), 36)
    const newest = sb.ids('paymentLinks')[0] as string
    assert.is((await get(sb, `/v1/payment-links/${newest}`)).status, 200)
  } finally {
    await sb.close()
  }
})

s('quirks: single-object data on a one-item page; off: arrays, numeric link pages, upper-case currency', async () => {
  const on = await startSandbox({ count: 21, seed: 3 })
  const off = await startSandbox({ count: 21, seed: 3, quirks: false })
  try {
    const a = (await get(on, '/v1/payment-links?page=2')).body
    assert.not.ok(Array.isArray(a.data))
    assert.is((a.data as { id: string }).id, on.ids('paymentLinks')[20])
    const b = (await get(off, '/v1/payment-links?page=2')).body
    assert.ok(Array.isArray(b.data))
    assert.is(b.links['self']?.page, 2)
    assert.match((b.data as Record<string, unknown>[])[0]?.['currency'] as string, /^[A-Z]{3}$/)
  } finally {
    await on.close()
    await off.close()
  }
})

s('faults: injected at the configured rate, 429 carries Retry-After: 1, counted in stats', async () => {
  const sb = await startSandbox({ count: 5, faults: { rate: 1, kinds: ['429'] } })
  try {
    const r = await get(sb, '/v1/payment-links')
    assert.is(r.status, 429)
    assert.is(r.headers.get('retry-after'), '1')
    assert.is(r.body['statusCode'], 429)
    assert.equal(sb.stats().faultsByKind, { '429': 1 })
  } finally {
    await sb.close()
  }
  const html = await startSandbox({ count: 5, faults: { rate: 1, kinds: ['html'] } })
  try {
    const res = await fetch(`${html.baseUrl}/v1/payment-links`)
    assert.is(res.status, 502)
    assert.match(await res.text(), /<html>/)
  } finally {
    await html.close()
  }
})

s('errorsWith200 sends error bodies with HTTP 200 on the chosen routes only', async () => {
  const sb = await startSandbox({ count: 5, errorsWith200: ['GET /v1/checkouts/:id'] })
  try {
    const r = await get(sb, '/v1/checkouts/nope')
    assert.is(r.status, 200)
    assert.is(r.body['statusCode'], 404)
    assert.is((await get(sb, '/v1/payment-links/nope')).status, 404)
  } finally {
    await sb.close()
  }
})

s('bad options are refused with a config error, as by every sandbox (core`s sandbox kit)', async () => {
  for (const o of [
    { count: -1 },
    { count: 1.5 },
    { counts: { paymentLinks: -2 } },
    { faults: { rate: 2 } },
    { faults: { rate: 0.5, kinds: [] } },
    { faults: { rate: 0.1, kinds: ['418' as never] } },
    { driftEvery: -1 },
    { latencyMs: -5 },
    { port: 70_000 },
  ]) {
    try {
      await startSandbox(o)
      assert.unreachable(JSON.stringify(o))
    } catch (e) {
      assert.ok(isPaymuxError(e), JSON.stringify(o))
      assert.is(e.kind, 'config', JSON.stringify(o))
    }
  }
})

s('scales to 1,000,000 objects: any page and any id in O(page)', async () => {
  const sb = await startSandbox({ count: 1_000_000, seed: 1 })
  try {
    const first = (await get(sb, '/v1/payment-links')).body
    const last = (await get(sb, '/v1/payment-links?page=50000')).body
    assert.is(first.total, 1_000_000)
    assert.is(first.links['last']?.page, '50000')
    assert.is((last.data as unknown[]).length, 20)
    assert.is(last.has_more, false)
    const oldest = (last.data as { id: string }[])[19]?.id as string
    assert.is((await get(sb, `/v1/payment-links/${oldest}`)).body['id'], oldest)
  } finally {
    await sb.close()
  }
})

s.run()
