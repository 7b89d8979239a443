/**
 * `partitions` / `order` on WooshPay's payment intents and checkout sessions, over real HTTP
 * against the sandbox: the identical set to the unpartitioned listing (and the identical order
 * with `newest_first`) for 1, 2 and 8 windows, with and without a user `created` filter; resume
 * from every page's checkpoint; failing windows; the buffer bound; typed refusals.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  isPartitionedCheckpoint,
  isPaymuxError,
  type CreatedRange,
  type ListingOrder,
  type PaymuxError,
  type PartitionedListingSummary,
} from '@paymux/core/adapter'
import { wooshpay, type WooshpayPaymentIntentQuery, type WooshpayProvider } from '@paymux/wooshpay'
import { startSandbox, type WooshpaySandbox } from '@paymux/wooshpay/sandbox'
import { client, noSleep } from './support.ts'

type Partitionable = 'paymentIntents' | 'checkoutSessions'
const RESOURCES: readonly Partitionable[] = ['paymentIntents', 'checkoutSessions']
const ORDERS: readonly ListingOrder[] = ['newest_first', 'any']

interface Ctx {
  sb: WooshpaySandbox
  p: WooshpayProvider
}

const ids = (xs: readonly { readonly id: string }[]): string[] => xs.map((x) => x.id)
const sorted = (xs: readonly string[]) => [...xs].sort()

interface Listing {
  readonly ids: string[]
  readonly pages: { readonly ids: string[]; readonly checkpoint: string | null }[]
  readonly summary: PartitionedListingSummary | undefined
}

const list = async (
  p: WooshpayProvider,
  r: Partitionable,
  query: Omit<WooshpayPaymentIntentQuery, 'status'> = {},
): Promise<Listing> => {
  let summary: PartitionedListingSummary | undefined
  const pages: Listing['pages'][number][] = []
  const q = { ...query, onSummary: (s: unknown) => (summary = s as PartitionedListingSummary) }
  for await (const page of p[r].list(q).pages()) pages.push({ ids: ids(page.items), checkpoint: page.checkpoint })
  return { ids: pages.flatMap((x) => x.ids), pages, summary }
}

const sets = suite<Ctx>('wooshpay/partitions: same objects as the unpartitioned listing')
sets.before(async (ctx) => {
  ctx.sb = await startSandbox({ count: 600, seed: 21 })
  ctx.p = client(ctx.sb)
})
sets.after(async ({ sb }) => sb.close())

sets('k = 1, 2, 8 in both orders: every id once; newest_first in the exact sequential order', async ({ sb, p }) => {
  for (const r of RESOURCES) {
    const expected = [...sb.ids(r)]
    for (const partitions of [1, 2, 8]) {
      for (const order of ORDERS) {
        sb.resetStats()
        const got = await list(p, r, { partitions, order, pageSize: 37 })
        const what = `${r} k=${partitions} ${order}`
        assert.is(new Set(got.ids).size, got.ids.length, `${what}: no duplicate`)
        if (order === 'newest_first') assert.equal(got.ids, expected, what)
        else assert.equal(sorted(got.ids), sorted(expected), what)
        assert.is(got.pages.at(-1)?.checkpoint, null, `${what}: done`)
        if (partitions === 1) {
          assert.is(got.summary?.partitioned, undefined, 'partitions: 1 is the ordinary listing')
          assert.is(sb.stats().requests, Math.ceil(expected.length / 37))
        } else {
          assert.ok(got.pages.slice(0, -1).every((x) => x.checkpoint && isPartitionedCheckpoint(x.checkpoint)))
          assert.is(got.summary?.requests, sb.stats().requests, `${what}: the summary counts every request`)
          assert.is(got.summary?.outcome, 'complete')
        }
      }
    }
  }
})

sets(
  'with a user created filter (gt/lte, Dates and seconds): the set of the same filtered listing',
  async ({ sb, p }) => {
    const all = await list(p, 'paymentIntents', { pageSize: 100 })
    const created = await p.paymentIntents.list().toArray({ max: 600 })
    const at = (i: number) => Math.floor((created[i] as { createdAt: Date }).createdAt.getTime() / 1000)
    const ranges: CreatedRange[] = [
      { gt: at(450), lte: new Date(at(40) * 1000) },
      { gte: new Date(at(300) * 1000) },
      { lt: at(100) },
      { gte: at(10), lt: at(10) }, // empty
    ]
    for (const range of ranges) {
      const expected = (await list(p, 'paymentIntents', { created: range, pageSize: 50 })).ids
      for (const order of ORDERS) {
        sb.resetStats()
        const got = await list(p, 'paymentIntents', { created: range, partitions: 8, order, pageSize: 50 })
        const what = `${JSON.stringify(range)} ${order}`
        if (order === 'newest_first') assert.equal(got.ids, expected, what)
        else assert.equal(sorted(got.ids), sorted(expected), what)
        assert.ok(
          got.ids.every((id) => all.ids.includes(id)),
          what,
        )
      }
    }
  },
)

sets('data clustered in time: the windows from the epoch find it through empty windows', async ({ sb, p }) => {
  // The sandbox's objects span two years; the listing's range starts in 1970 and ends far ahead.
  // Pages of 10: the data windows hold pages enough to be worth splitting (`worthSplitting`).
  const got = await list(p, 'checkoutSessions', {
    partitions: 8,
    order: 'any',
    pageSize: 10,
    created: { lt: 4_000_000_000 },
  })
  assert.equal(sorted(got.ids), sorted([...sb.ids('checkoutSessions')]))
  const stats = got.summary?.partitioned
  assert.ok(stats && stats.emptyWindows > 0, `empty windows: ${JSON.stringify(stats)}`)
  assert.ok(stats && stats.windows > 8, 'slots of empty windows split the data windows further')
})

// ---

const resume = suite<Ctx>('wooshpay/partitions: crash and resume')
resume.before(async (ctx) => {
  ctx.sb = await startSandbox({ count: 400, seed: 22 })
  ctx.p = client(ctx.sb)
})
resume.after(async ({ sb }) => sb.close())

resume(
  'from every page checkpoint, in a new client with other partitions and order: the rest, once',
  async ({ sb }) => {
    for (const [r, order, k2, order2] of [
      ['paymentIntents', 'any', 4, 'newest_first'],
      ['checkoutSessions', 'newest_first', 8, 'any'],
    ] as const) {
      const expected = [...sb.ids(r)]
      const first = await list(client(sb), r, { partitions: 8, order, pageSize: 40 })
      let delivered: string[] = []
      for (const page of first.pages) {
        delivered = [...delivered, ...page.ids]
        if (page.checkpoint === null) continue
        const rest = await list(client(sb), r, { partitions: k2, order: order2, resumeFrom: page.checkpoint })
        const union = [...delivered, ...rest.ids]
        assert.is(new Set(union).size, union.length, `${r}: no duplicate after a resume`)
        assert.equal(sorted(union), sorted(expected), `${r}: the union is the full set`)
      }
    }
  },
)

resume('stop after n pages, resume with partitions: 1 (one window at a time) and finish', async ({ sb }) => {
  const expected = [...sb.ids('paymentIntents')]
  const first = await list(client(sb), 'paymentIntents', { partitions: 8, order: 'any', pageSize: 30, maxPages: 3 })
  assert.is(first.summary?.outcome, 'stopped')
  const checkpoint = first.pages.at(-1)?.checkpoint as string
  const rest = await list(client(sb), 'paymentIntents', { partitions: 1, pageSize: 30, resumeFrom: checkpoint })
  assert.equal(sorted([...first.ids, ...rest.ids]), sorted(expected))
  assert.ok(rest.summary?.partitioned, 'a composite checkpoint keeps the listing partitioned')
})

resume('checkpoints are not interchangeable: each refusal is typed and sends no request', async ({ sb, p }) => {
  const composite = (await p.paymentIntents.list({ partitions: 4, pageSize: 20 }).firstPage()).checkpoint as string
  const plain = (await p.paymentIntents.list({ pageSize: 20 }).firstPage()).checkpoint as string
  const cases: [string, () => Promise<unknown>, RegExp][] = [
    [
      'plain given composite',
      () => p.paymentIntents.list({ resumeFrom: composite }).toArray({ max: 1 }),
      /pass partitions/,
    ],
    [
      'partitioned given plain',
      () => p.paymentIntents.list({ partitions: 4, resumeFrom: plain }).toArray({ max: 1 }),
      /without partitions/,
    ],
    [
      'other filters',
      () => p.paymentIntents.list({ partitions: 4, created: { gte: 1 }, resumeFrom: composite }).toArray({ max: 1 }),
      /other filters/,
    ],
    [
      'other resource',
      () => p.checkoutSessions.list({ partitions: 4, resumeFrom: composite }).toArray({ max: 1 }),
      /belongs to paymentIntents/,
    ],
  ]
  for (const [what, call, message] of cases) {
    sb.resetStats()
    const e = await call().then(
      () => null,
      (x: unknown) => x,
    )
    assert.ok(isPaymuxError(e), what)
    assert.is(e.kind, 'checkpoint_mismatch', what)
    assert.match(e.message, message, what)
    assert.is(sb.stats().requests, 0, `${what}: no request`)
  }
})

// ---

const faults = suite('wooshpay/partitions: failing windows')

faults('fatal faults with no retries: each error is typed, resumable, keyless; the union is the full set', async () => {
  const sb = await startSandbox({ count: 500, seed: 23, faults: { rate: 0.08, kinds: ['500', 'reset', 'truncate'] } })
  try {
    const expected = [...sb.ids('paymentIntents')]
    const delivered: string[] = []
    const kinds = new Set<string>()
    let resumeFrom: string | undefined
    let restarts = 0
    for (; restarts < 300; restarts++) {
      const fresh = wooshpay({ apiKey: sb.apiKey, baseUrl: sb.baseUrl, retry: { ...noSleep(), retries: 0 } })
      try {
        const query = { partitions: 8, order: 'any' as const, pageSize: 25, ...(resumeFrom ? { resumeFrom } : {}) }
        for await (const page of fresh.paymentIntents.list(query).pages()) delivered.push(...ids(page.items))
        break
      } catch (e) {
        assert.ok(isPaymuxError(e), String(e))
        const error = e as PaymuxError
        kinds.add(error.kind)
        assert.ok(error.checkpoint && isPartitionedCheckpoint(error.checkpoint), 'a composite checkpoint')
        assert.match(error.message, /window created .* of a partitioned listing/)
        const text = JSON.stringify(error.toJSON()) + Buffer.from(error.checkpoint.slice(5), 'base64url').toString()
        assert.not.ok(text.includes(sb.apiKey), 'no key in the error or its checkpoint')
        resumeFrom = error.checkpoint
      }
    }
    assert.ok(restarts > 0, 'some window failed')
    assert.ok(
      [...kinds].every((k) => k === 'server' || k === 'connection'),
      [...kinds].join(),
    )
    assert.is(new Set(delivered).size, delivered.length, 'no duplicate across restarts')
    assert.equal(sorted(delivered), sorted(expected))
  } finally {
    await sb.close()
  }
})

faults('a window that keeps failing fails newest_first too, with the checkpoint of what was delivered', async () => {
  const sb = await startSandbox({ count: 300, seed: 24, forceError: { status: 500 } })
  try {
    const p = wooshpay({ apiKey: sb.apiKey, baseUrl: sb.baseUrl, retry: { ...noSleep(), retries: 1 } })
    const e = await p.checkoutSessions
      .list({ partitions: 8 })
      .toArray({ max: 1000 })
      .then(
        () => null,
        (x: unknown) => x,
      )
    assert.ok(isPaymuxError(e))
    assert.is(e.kind, 'server')
    assert.is(e.attempts, 2)
    assert.ok(e.checkpoint && isPartitionedCheckpoint(e.checkpoint))
  } finally {
    await sb.close()
  }
})

// ---

const buffer = suite('wooshpay/partitions: bounded buffer')

buffer('a stalled consumer: the windows stop fetching once the buffer is full', async () => {
  const sb = await startSandbox({ count: 3000, seed: 25 })
  try {
    let started = 0
    let finished = 0
    const p = wooshpay({
      apiKey: sb.apiKey,
      baseUrl: sb.baseUrl,
      retry: noSleep(),
      hooks: { onRequest: () => (started += 1), onResponse: () => (finished += 1) },
    })
    /** Until no request is in flight or starts for a few event-loop turns. */
    const quiet = async () => {
      for (let calm = 0; calm < 5;) {
        const before = started
        await new Promise((r) => setTimeout(r, 5))
        calm = started === before && started === finished ? calm + 1 : 0
      }
    }
    let summary: PartitionedListingSummary | undefined
    const listing = p.paymentIntents.list({
      partitions: 8,
      order: 'any',
      pageSize: 20,
      onSummary: (s) => (summary = s as PartitionedListingSummary),
    })
    const it = listing.pages()[Symbol.asyncIterator]()
    const requestsAt: number[] = []
    for (let delivered = 1; delivered <= 6; delivered++) {
      await it.next()
      await quiet()
      requestsAt.push(sb.stats().requests - delivered)
    }
    await it.return?.()
    const stats = summary?.partitioned
    assert.ok(stats, 'summary of the stopped run')
    // The default bound: two pages per window (one in flight, one waiting), 16 for 8 windows.
    // A stalled consumer lets the windows fill the whole bound, and no more.
    assert.is(stats.peakBufferedPages, 16)
    // Requests not delivered are held pages (at most 16) or a window's last fetch that brought
    // nothing to deliver (empty, or wholly below a split): at most one per window.
    for (const extra of requestsAt) assert.ok(extra <= 16 + stats.windows, `${extra} requests ahead`)
    // Without the bound, 8 windows over 150 pages would have fetched far more while stalled.
    assert.ok(sb.stats().requests < 60, `${sb.stats().requests} requests in all`)
  } finally {
    await sb.close()
  }
})

// ---

const refusals = suite<Ctx>('wooshpay/partitions: refusals')
refusals.before(async (ctx) => {
  ctx.sb = await startSandbox({ count: 30, seed: 26 })
  ctx.p = client(ctx.sb)
})
refusals.after(async ({ sb }) => sb.close())

refusals(
  'bad options and partitions where created is not filtered server-side: typed, no request',
  async ({ sb, p }) => {
    const cases: [string, () => Promise<unknown>, string, RegExp][] = [
      [
        'partitions 0',
        () => p.paymentIntents.list({ partitions: 0 }).toArray({ max: 1 }),
        'invalid_request',
        /1 to 64/,
      ],
      [
        'partitions 65',
        () => p.paymentIntents.list({ partitions: 65 }).toArray({ max: 1 }),
        'invalid_request',
        /1 to 64/,
      ],
      ['partitions 2.5', () => p.checkoutSessions.list({ partitions: 2.5 }).firstPage(), 'invalid_request', /1 to 64/],
      [
        'order',
        () => p.paymentIntents.list({ partitions: 2, order: 'up' as ListingOrder }).toArray({ max: 1 }),
        'invalid_request',
        /order must be/,
      ],
      [
        'links',
        () => p.paymentLinks.list({ partitions: 4 }).toArray({ max: 1 }),
        'unsupported',
        /partitions for paymentLinks/,
      ],
      [
        'line items',
        () => p.checkoutSessions.lineItems('cs_1', { partitions: 2 }).toArray({ max: 1 }),
        'unsupported',
        /partitions for checkoutSessions.lineItems/,
      ],
      [
        'links, bad value',
        () => p.paymentLinks.list({ partitions: 0 }).toArray({ max: 1 }),
        'invalid_request',
        /1 to 64/,
      ],
      [
        'cursor options',
        () => p.paymentIntents.list({ partitions: 4, startingAfter: 'pi_1' }).toArray({ max: 1 }),
        'invalid_request',
        /cannot be combined/,
      ],
      [
        'page size',
        () => p.paymentIntents.list({ partitions: 4, pageSize: 0 }).toArray({ max: 1 }),
        'invalid_request',
        /pageSize/,
      ],
      [
        'bad created',
        () => p.paymentIntents.list({ partitions: 4, created: { gte: Number.NaN } }).toArray({ max: 1 }),
        'invalid_request',
        /created.gte/,
      ],
    ]
    for (const [what, call, kind, message] of cases) {
      sb.resetStats()
      const e = await call().then(
        () => null,
        (x: unknown) => x,
      )
      assert.ok(isPaymuxError(e), what)
      assert.is(e.kind, kind, what)
      assert.match(e.message, message, what)
      assert.is(sb.stats().requests, 0, `${what}: no request`)
    }
    // partitions: 1 and any order are plain listings wherever partitions are refused.
    assert.is((await p.paymentLinks.list({ partitions: 1, order: 'any' }).toArray({ max: 100 })).length, 30)
  },
)

refusals('fetchPage of a partitioned listing walks it page by page', async ({ sb, p }) => {
  const listing = p.paymentIntents.list({ partitions: 3, pageSize: 10 })
  const got: string[] = []
  let at: string | null = null
  for (let i = 0; i < 20; i++) {
    const r = await listing.fetchPage(at)()
    if (r._tag === 'Left') throw r.left
    got.push(...ids(r.right.items))
    at = r.right.checkpoint
    if (at === null) break
  }
  assert.equal(got, [...sb.ids('paymentIntents')])
})

sets.run()
resume.run()
faults.run()
buffer.run()
refusals.run()
