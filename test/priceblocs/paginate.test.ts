import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { DriftInfo, Page, PaymentLink, RequestView } from '@paymux/core'
import { startSandbox, type PriceblocsSandbox } from '@paymux/priceblocs/sandbox'
import { rejectsWith } from '../helpers/either.ts'
import { client, ids, startTrap } from './support.ts'

const collectPages = async <T>(pages: AsyncIterable<Page<T>>): Promise<Page<T>[]> => {
  const out: Page<T>[] = []
  for await (const p of pages) out.push(p)
  return out
}

/** Counts requests in flight through the client's hooks. */
const inFlight = () => {
  let now = 0
  const stats = { max: 0, urls: [] as string[] }
  return {
    stats,
    hooks: {
      onRequest: (v: RequestView) => {
        now += 1
        stats.max = Math.max(stats.max, now)
        stats.urls.push(v.url)
      },
      onResponse: () => {
        now -= 1
      },
    },
  }
}

const s = suite<{ sb: PriceblocsSandbox }>('priceblocs/paginate')
s.before(async (ctx) => {
  ctx.sb = await startSandbox({ count: 250, seed: 5 })
})
s.after(async ({ sb }) => sb.close())
s.before.each(({ sb }) => sb.resetStats())

s('a full listing yields every link exactly once, newest first, one request per page', async ({ sb }) => {
  const track = inFlight()
  const pages = await collectPages(client(sb, { hooks: track.hooks }).paymentLinks.list().pages())
  assert.equal(ids(pages.flatMap((p) => p.items)), sb.ids('paymentLinks'))
  assert.is(pages.length, 13)
  assert.equal(
    pages.map((p) => p.items.length),
    [...Array<number>(12).fill(20), 10],
  )
  assert.ok(
    pages.every((p) => p.total === 250),
    'total on every page',
  )
  assert.equal(
    pages.map((p) => p.hasMore),
    [...Array<boolean>(12).fill(true), false],
  )
  assert.is(pages[12]?.checkpoint, null)
  assert.is(sb.stats().byRoute['GET /v1/payment-links'], 13)
  assert.equal(
    track.stats.urls,
    Array.from({ length: 13 }, (_, i) => `${sb.baseUrl}/v1/payment-links?page=${i + 1}`),
  )
})

s('checkouts list the same way, newest first', async ({ sb }) => {
  const got = await client(sb).checkoutSessions.list().toArray({ max: 1000 })
  assert.equal(ids(got), sb.ids('checkoutSessions'))
  assert.ok(got.every((c) => c.object === 'checkout_session'))
})

s('resuming from a checkpoint yields exactly the rest, without refetching earlier pages', async ({ sb }) => {
  const p = client(sb)
  const it = p.paymentLinks.list().pages()[Symbol.asyncIterator]()
  const first = (await it.next()).value as Page<PaymentLink>
  const second = (await it.next()).value as Page<PaymentLink>
  await it.return?.()
  sb.resetStats()
  const rest = await p.paymentLinks.list({ resumeFrom: second.checkpoint as string }).toArray({ max: 1000 })
  assert.equal([...ids(first.items), ...ids(second.items), ...ids(rest)], sb.ids('paymentLinks'))
  assert.is(sb.stats().requests, 11, 'pages 3..13 only')
})

s('a checkpoint is bound to its filters', async ({ sb }) => {
  const p = client(sb)
  const page = await p.paymentLinks.list({ livemode: false }).firstPage()
  const before = sb.stats().requests
  await rejectsWith(p.paymentLinks.list({ resumeFrom: page.checkpoint as string }).firstPage(), 'checkpoint_mismatch')
  await rejectsWith(
    p.paymentLinks.list({ livemode: false, status: 'active', resumeFrom: page.checkpoint as string }).firstPage(),
    'checkpoint_mismatch',
  )
  await rejectsWith(p.paymentLinks.list({ resumeFrom: 'pmx1.garbage' }).firstPage(), 'checkpoint_mismatch')
  assert.is(sb.stats().requests, before)
})

s('concurrency 1 and 4 give the same sequence; 4 keeps exactly 4 requests in flight', async () => {
  const sb = await startSandbox({ count: 250, seed: 5, latencyMs: 15 })
  try {
    const one = inFlight()
    const four = inFlight()
    const a = await client(sb, { hooks: one.hooks }).paymentLinks.list({ concurrency: 1 }).toArray({ max: 1000 })
    const b = await client(sb, { hooks: four.hooks }).paymentLinks.list({ concurrency: 4 }).toArray({ max: 1000 })
    assert.equal(ids(b), ids(a))
    assert.equal(ids(a), sb.ids('paymentLinks'))
    assert.is(one.stats.max, 1)
    assert.is(four.stats.max, 4, 'pages after the first are fetched four at a time, never more')
    assert.is(four.stats.urls.length, 13, 'no page is fetched twice')
  } finally {
    await sb.close()
  }
})

s('10,000 seeded links are listed exactly once with concurrency 4', async () => {
  const sb = await startSandbox({ counts: { paymentLinks: 10_000, checkoutSessions: 0 }, seed: 9 })
  try {
    const got = ids(await client(sb).paymentLinks.list({ concurrency: 4 }).toArray({ max: 20_000 }))
    assert.is(got.length, 10_000)
    assert.is(new Set(got).size, 10_000)
    assert.equal(got, sb.ids('paymentLinks'))
    assert.is(sb.stats().requests, 500)
  } finally {
    await sb.close()
  }
})

s('links pointing at another host are never followed: the page number is taken, the URL rebuilt', async () => {
  const trap = await startTrap()
  const sb = await startSandbox({ count: 95, seed: 2, linksHost: trap.origin })
  try {
    const track = inFlight()
    const p = client(sb, { hooks: track.hooks })
    // Sanity: the sandbox really advertises the trap's origin.
    const raw = (await (
      await fetch(`${sb.baseUrl}/v1/payment-links`, { headers: { authorization: `Bearer ${sb.apiKey}` } })
    ).json()) as { links: { next: { url: string } } }
    assert.ok(raw.links.next.url.startsWith(trap.origin))

    assert.equal(ids(await p.paymentLinks.list().toArray({ max: 500 })), sb.ids('paymentLinks'))
    assert.equal(ids(await p.paymentLinks.list({ concurrency: 4 }).toArray({ max: 500 })), sb.ids('paymentLinks'))
    assert.equal(ids(await p.checkoutSessions.list({ pageSize: 7 }).toArray({ max: 500 })), sb.ids('checkoutSessions'))
    assert.is(trap.requests.length, 0, `the other host got: ${trap.requests.join(', ')}`)
    assert.ok(track.stats.urls.length > 0)
    assert.ok(
      track.stats.urls.every((u) => u.startsWith(`${sb.baseUrl}/v1/`)),
      'every request went to the base URL',
    )
  } finally {
    await sb.close()
    await trap.close()
  }
})

s('drift: objects created during a listing are never delivered twice, and onDrift reports it', async () => {
  const sb = await startSandbox({ count: 100, seed: 4, driftEvery: 2 })
  try {
    const seeded = sb.ids('paymentLinks')
    const drift: DriftInfo[] = []
    const got = ids(
      await client(sb, { hooks: { onDrift: (d) => drift.push(d) } })
        .paymentLinks.list()
        .toArray({ max: 1000 }),
    )
    assert.is(new Set(got).size, got.length, 'no duplicates')
    // Inserted objects are newer than the listing's position: every seeded link, once, in order.
    assert.equal(got, seeded)
    assert.ok(sb.count('paymentLinks') > 100, 'objects were inserted')
    assert.ok(drift.length > 0, 'onDrift was called')
    assert.ok(drift.some((d) => d.suppressed > 0))
    assert.ok(drift.some((d) => d.total > d.previousTotal))
    assert.ok(drift.every((d) => d.provider === 'priceblocs' && d.resource === 'paymentLinks'))
  } finally {
    await sb.close()
  }
})

s('drift with concurrency 4: still no object delivered twice, order kept', async () => {
  const sb = await startSandbox({ count: 300, seed: 4, driftEvery: 3 })
  try {
    const seeded = sb.ids('paymentLinks')
    const got = ids(await client(sb).paymentLinks.list({ concurrency: 4 }).toArray({ max: 1000 }))
    assert.is(new Set(got).size, got.length, 'no duplicates')
    const positions = got.map((id) => seeded.indexOf(id))
    assert.ok(
      positions.every((p, i) => p >= 0 && (i === 0 || p > (positions[i - 1] as number))),
      'only seeded links, in listing order',
    )
  } finally {
    await sb.close()
  }
})

s('a single-object `data` on a one-item page is read as one item (quirk 26)', async () => {
  const sb = await startSandbox({ count: 41, seed: 8 })
  try {
    const raw = (await (
      await fetch(`${sb.baseUrl}/v1/payment-links?page=3`, { headers: { authorization: `Bearer ${sb.apiKey}` } })
    ).json()) as { data: unknown }
    assert.not.ok(Array.isArray(raw.data), 'the sandbox serves the quirk')
    const pages = await collectPages(client(sb).paymentLinks.list().pages())
    assert.equal(
      pages.map((p) => p.items.length),
      [20, 20, 1],
    )
    assert.equal(ids(pages.flatMap((p) => p.items)), sb.ids('paymentLinks'))
  } finally {
    await sb.close()
  }
})

s('without quirks (array data, numeric link pages, upper-case currency) listing is the same', async () => {
  const sb = await startSandbox({ count: 41, seed: 8, quirks: false })
  try {
    const got = await client(sb).paymentLinks.list().toArray({ max: 100 })
    assert.equal(ids(got), sb.ids('paymentLinks'))
    assert.ok(got.every((l) => l.currency === null || /^[A-Z]{3}$/.test(l.currency)))
  } finally {
    await sb.close()
  }
})

s('pageSize below 20 slices pages, shares one request per PriceBlocs page, and resumes mid-page', async ({ sb }) => {
  const pages = await collectPages(client(sb).paymentLinks.list({ pageSize: 7 }).pages())
  assert.equal(ids(pages.flatMap((p) => p.items)), sb.ids('paymentLinks'))
  assert.ok(pages.slice(0, -1).every((p) => p.items.length <= 7 && p.items.length > 0))
  assert.is(pages[0]?.items.length, 7)
  assert.is(sb.stats().requests, 13, 'one request per PriceBlocs page')
  const mid = pages[1]?.checkpoint as string // after 14 items: inside page 1
  const rest = await client(sb).paymentLinks.list({ resumeFrom: mid, pageSize: 20 }).toArray({ max: 1000 })
  assert.equal(ids(rest), sb.ids('paymentLinks').slice(14))
})

s('pageSize slices with concurrency 4 still yield the same sequence', async ({ sb }) => {
  const got = await client(sb).checkoutSessions.list({ pageSize: 6, concurrency: 4 }).toArray({ max: 1000 })
  assert.equal(ids(got), sb.ids('checkoutSessions'))
})

s('pageSize outside 1..20 is refused before any request', async ({ sb }) => {
  const p = client(sb)
  for (const pageSize of [0, 21, 100, 2.5, -1, Number.NaN]) {
    await rejectsWith(p.paymentLinks.list({ pageSize }).firstPage(), 'invalid_request')
    await rejectsWith(p.checkoutSessions.list({ pageSize }).toArray({ max: 1 }), 'invalid_request')
    await rejectsWith(p.paymentLinks.lineItems('x', { pageSize }).toArray({ max: 1 }), 'invalid_request')
  }
  assert.is(sb.stats().requests, 0)
})

s('maxPages stops early with a checkpoint that resumes the rest', async ({ sb }) => {
  const p = client(sb)
  const pages = await collectPages(p.paymentLinks.list({ maxPages: 2 }).pages())
  assert.is(pages.length, 2)
  const rest = await p.paymentLinks.list({ resumeFrom: pages[1]?.checkpoint as string }).toArray({ max: 1000 })
  assert.equal([...ids(pages.flatMap((x) => x.items)), ...ids(rest)], sb.ids('paymentLinks'))
})

s('an aborted listing stops with kind aborted', async ({ sb }) => {
  const controller = new AbortController()
  const it = client(sb).paymentLinks.list({ signal: controller.signal })[Symbol.asyncIterator]()
  await it.next()
  controller.abort()
  let n = 0
  const e = await rejectsWith(
    (async () => {
      for (;;) {
        if ((await it.next()).done) break
        n += 1
      }
    })(),
    'aborted',
  )
  assert.is(n, 19, 'the rest of the delivered page, nothing more')
  assert.ok(e.checkpoint)
})

s.run()

// --- malformed paging answers (canned responses through an injected fetch) -------------------

const m = suite('priceblocs/paginate: malformed pages')

const canned =
  (pages: Record<number, unknown>): typeof fetch =>
  (input) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    const body = pages[Number(url.searchParams.get('page'))] ?? { statusCode: 404, error: 'Not Found', message: 'x' }
    return Promise.resolve(new Response(JSON.stringify(body), { status: 200 }))
  }

const page = (n: number, next: string | null, extra: Record<string, unknown> = {}) => ({
  object: 'list',
  has_more: next !== null,
  data: [{ id: `id_${n}`, livemode: false, created: 1628234366 - n }],
  page: n,
  page_size: 20,
  total: 3,
  links: next === null ? {} : { next: { page: next, rel: 'next', url: 'https://elsewhere.test/steal' } },
  ...extra,
})

const fake = (pages: Record<number, unknown>) =>
  client({ apiKey: 'PB_sk_test_canned123', baseUrl: 'http://127.0.0.1:9' } as PriceblocsSandbox, {
    fetch: canned(pages),
    retry: { retries: 0 },
  })

m('a next link that does not advance is a pagination error, not a loop', async () => {
  const e = await rejectsWith(
    fake({ 1: page(1, '2'), 2: page(2, '1') })
      .paymentLinks.list()
      .toArray({ max: 100 }),
    'pagination',
  )
  assert.match(e.message, /does not advance/)
  assert.ok(e.checkpoint)
})

m('an answer for another page than the one asked is a pagination error', async () => {
  await rejectsWith(
    fake({ 1: page(1, '2'), 2: page(1, '2') })
      .paymentLinks.list()
      .toArray({ max: 100 }),
    'pagination',
  )
})

m('has_more without a next link goes to the following page number', async () => {
  const pages = { 1: page(1, null, { has_more: true }), 2: page(2, '3'), 3: page(3, null) }
  assert.equal(ids(await fake(pages).paymentLinks.list().toArray({ max: 100 })), ['id_1', 'id_2', 'id_3'])
})

m('a body that fails the codec is a decode error and is not retried', async () => {
  const e = await rejectsWith(
    fake({ 1: { object: 'list', data: [{ id: 5 }] } })
      .paymentLinks.list()
      .firstPage(),
    'decode',
  )
  assert.is(e.attempts, 1)
})

m.run()
