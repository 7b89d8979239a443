import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { DriftInfo, Page, PaymentLink, PaymentProvider, RequestView } from '@paymux/core/adapter'
import { startSandbox, type PriceblocsSandbox } from '@paymux/priceblocs/sandbox'
import { rejectsWith } from '../helpers/either.ts'
import { priceblocsOf } from '../helpers/misbehaving/clients.ts'
import { startPriceblocsLike } from '../helpers/misbehaving/priceblocs-like.ts'
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

s('a tampered checkpoint position is refused before any request', async ({ sb }) => {
  const p = client(sb)
  const page = await p.paymentLinks.list().firstPage()
  const payload = JSON.parse(Buffer.from((page.checkpoint as string).slice(5), 'base64url').toString()) as {
    a: unknown
  }
  assert.is(payload.a, 2, 'the checkpoint holds the next page number')
  const before = sb.stats().requests
  for (const a of ['2', 0, -3, [2], [2, -1], { page: 2 }]) {
    const forged = `pmx2.${Buffer.from(JSON.stringify({ ...payload, a })).toString('base64url')}`
    await rejectsWith(p.paymentLinks.list({ resumeFrom: forged }).firstPage(), 'checkpoint_mismatch')
  }
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

s('drift with concurrency 4: every seeded link exactly once, in order, under heavy inserts', async () => {
  // Without the stale-page guard (core paging/drift-guard.ts) about half of these runs skip an object.
  for (const seed of [0, 1, 2, 3]) {
    const sb = await startSandbox({ count: 300, seed, driftEvery: 2, latencyMs: seed % 2 })
    try {
      const seeded = sb.ids('paymentLinks')
      const got = ids(await client(sb).paymentLinks.list({ concurrency: 4 }).toArray({ max: 1000 }))
      assert.equal(got, seeded, `seed ${seed}`)
      assert.ok(sb.count('paymentLinks') > 300)
    } finally {
      await sb.close()
    }
  }
})

s('drift with concurrency: a later page answered before an insert and read first is fetched again', async () => {
  const sb = await startSandbox({ count: 100, seed: 6 })
  try {
    const seeded = sb.ids('paymentLinks')
    // Page 2 is held back until page 3 has been answered; an object is created meanwhile, so
    // page 3's answer predates the shift that page 2's answer shows.
    let page3Answered: () => void = () => {}
    const page3 = new Promise<void>((resolve) => (page3Answered = resolve))
    let held = false
    const outOfOrder: typeof fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : String(input)
      if (url.endsWith('page=2') && !held) {
        held = true
        await page3
        sb.insert('paymentLinks')
      }
      const res = await fetch(input, init)
      if (url.endsWith('page=3')) setTimeout(page3Answered, 5)
      return res
    }
    const urls: string[] = []
    const drift: DriftInfo[] = []
    const p = client(sb, {
      fetch: outOfOrder,
      hooks: { onRequest: (v) => urls.push(v.url), onDrift: (d) => drift.push(d) },
    })
    const got = ids(await p.paymentLinks.list({ concurrency: 3 }).toArray({ max: 1000 }))
    assert.equal(got, seeded, 'every seeded link once, in order')
    assert.is(urls.filter((u) => u.endsWith('page=3')).length, 2, 'the stale page 3 was fetched again')
    assert.ok(drift.some((d) => d.suppressed > 0))
  } finally {
    await sb.close()
  }
})

s(
  'drift with concurrency: a later page read after an earlier one but answered before it is fetched again',
  async () => {
    const sb = await startSandbox({ count: 100, seed: 6 })
    try {
      const seeded = sb.ids('paymentLinks')
      // The server answers page 3, then an object is created, then page 2 is answered; the client
      // reads page 2's answer first and page 3's (older) answer after it.
      let page3Answered: () => void = () => {}
      const page3Done = new Promise<void>((resolve) => (page3Answered = resolve))
      let page2Read: () => void = () => {}
      const page2Done = new Promise<void>((resolve) => (page2Read = resolve))
      let first2 = true
      let first3 = true
      const outOfOrder: typeof fetch = async (input, init) => {
        const url = input instanceof Request ? input.url : String(input)
        if (url.endsWith('page=2') && first2) {
          first2 = false
          await page3Done
          sb.insert('paymentLinks')
          const res = await fetch(input, init)
          setTimeout(page2Read, 20)
          return res
        }
        if (url.endsWith('page=3') && first3) {
          first3 = false
          const res = new Response(await (await fetch(input, init)).text(), { status: 200 })
          page3Answered()
          await page2Done
          return res
        }
        return fetch(input, init)
      }
      const urls: string[] = []
      const p = client(sb, { fetch: outOfOrder, hooks: { onRequest: (v) => urls.push(v.url) } })
      const got = ids(await p.paymentLinks.list({ concurrency: 3 }).toArray({ max: 1000 }))
      assert.equal(got, seeded, 'every seeded link once, in order')
      assert.is(urls.filter((u) => u.endsWith('page=3')).length, 2, 'the stale page 3 was fetched again')
    } finally {
      await sb.close()
    }
  },
)

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

// --- malformed paging answers (a real local server answering each page number verbatim) ------

const m = suite('priceblocs/paginate: malformed pages')

const page = (n: number, next: string | null, extra: Record<string, unknown> = {}) => ({
  object: 'list',
  has_more: next !== null,
  data: [{ id: `id_${n}`, livemode: false, created: 1628234366 - n }],
  page: n,
  page_size: 1,
  total: 3,
  links: next === null ? {} : { next: { page: next, rel: 'next', url: 'https://elsewhere.test/steal' } },
  ...extra,
})

/** Lists payment links from a local server that answers `answers[page]` for each page number. */
const listFrom = async <A>(
  answers: Record<number, unknown>,
  run: (p: PaymentProvider) => Promise<A>,
  retries = 0,
): Promise<A> => {
  const sv = await startPriceblocsLike({ count: 0, answers })
  try {
    return await run(priceblocsOf(sv, retries))
  } finally {
    await sv.close()
  }
}

m('a next link that does not advance is a pagination error, not a loop', async () => {
  const e = await listFrom({ 1: page(1, '2'), 2: page(2, '1') }, (p) =>
    rejectsWith(p.paymentLinks.list().toArray({ max: 100 }), 'pagination'),
  )
  assert.match(e.message, /does not advance/)
  assert.ok(e.checkpoint)
})

m('an answer for another page than the one asked is a pagination error', async () => {
  await listFrom({ 1: page(1, '2'), 2: page(1, '2') }, (p) =>
    rejectsWith(p.paymentLinks.list().toArray({ max: 100 }), 'pagination'),
  )
})

m('has_more without a next link goes to the following page number', async () => {
  const pages = { 1: page(1, null, { has_more: true }), 2: page(2, '3'), 3: page(3, null) }
  const got = await listFrom(pages, (p) => p.paymentLinks.list().toArray({ max: 100 }))
  assert.equal(ids(got), ['id_1', 'id_2', 'id_3'])
})

m('a body that fails the codec is a decode error and is not retried', async () => {
  const e = await listFrom(
    { 1: { object: 'list', data: [{ id: 5 }] } },
    (p) => rejectsWith(p.paymentLinks.list().firstPage(), 'decode'),
    3,
  )
  assert.is(e.attempts, 1)
})

m.run()
