/**
 * One lifecycle for a merged listing (issue 12, guarantees 1 and 5 for `paymux([...])`): an abort
 * in the middle ends the run at once with kind `aborted`, the request in flight aborted and a
 * checkpoint that resumes exactly the rest; a consumer that stops early gets one summary; a
 * failing provider is a typed error with the merged checkpoint; and no rejection is left unhandled.
 */
import { createServer } from 'node:http'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { isPaymuxError, paymux, type ListingSummary, type Paginator, type PaymentProvider } from '@paymux/core'
import { priceblocs } from '@paymux/priceblocs'
import { rejectsWith } from '../helpers/either.ts'
import { listenLocal, type Listening } from '../helpers/listen.ts'
import { priceblocsOf, wooshpayOf } from '../helpers/misbehaving/clients.ts'
import { startPriceblocsLike } from '../helpers/misbehaving/priceblocs-like.ts'
import { startWooshpayLike, type WooshpayLike } from '../helpers/misbehaving/wooshpay-like.ts'

const s = suite('reliability/merge: one lifecycle')

const key = (o: { provider: string; id: string }) => `${o.provider}:${o.id}`
const API_KEY = 'PB_sk_test_holding0001'

interface Holding extends Listening {
  /** Resolves when the held page's request arrives. */
  readonly held: Promise<void>
  /** Resolves when the client closes the held request (the abort reached the wire). */
  readonly released: Promise<void>
}

/** A PriceBlocs-shaped list of 60 links (created 1..60 s after BASE) whose page `hold` never answers. */
const startHolding = async (hold: number | null): Promise<Holding> => {
  const BASE = 1_700_000_000
  const all = Array.from({ length: 60 }, (_, i) => ({
    id: `plink_${60 - i}`,
    object: 'payment_link',
    livemode: false,
    status: 'active',
    created: BASE + 60 - i,
  }))
  let arrived!: () => void
  let closed!: () => void
  const held = new Promise<void>((r) => (arrived = r))
  const released = new Promise<void>((r) => (closed = r))
  const server = createServer((req, res) => {
    const page = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page') ?? 1)
    if (page === hold) {
      req.socket.on('close', closed)
      arrived()
      return
    }
    const data = all.slice((page - 1) * 20, page * 20)
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ object: 'list', has_more: page < 3, data, page, page_size: 20, total: 60 }))
  })
  return { ...(await listenLocal(server)), held, released }
}

const pbOf = (sv: Listening): PaymentProvider =>
  priceblocs({ apiKey: API_KEY, baseUrl: sv.url, retry: { retries: 0, sleep: async () => {} } })

const expectedOf = async (providers: PaymentProvider[]): Promise<string[]> => {
  const all = (await Promise.all(providers.map((p) => p.paymentLinks.list().toArray({ max: 10_000 })))).flat()
  all.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.provider < b.provider ? -1 : 1))
  return all.map(key)
}

/** WooshPay-like links, one a second from the same base time as the holding server's, so the two interleave. */
const wooshpayLinks = (): Promise<WooshpayLike> => startWooshpayLike({ count: 90, perSecond: 1 })

s(
  'an abort while a provider request is in flight: aborted at once, request closed, checkpoint resumes the rest',
  async () => {
    const wsv = await wooshpayLinks()
    const holding = await startHolding(2)
    const plain = await startHolding(null)
    try {
      const controller = new AbortController()
      const summaries: ListingSummary[] = []
      const listing = paymux([wooshpayOf(wsv), pbOf(holding)]).paymentLinks.list({
        pageSize: 10,
        signal: controller.signal,
        onSummary: (x) => summaries.push(x),
      })
      const seen: string[] = []
      const consumed = (async () => {
        for await (const o of listing) seen.push(key(o))
      })()
      await holding.held
      controller.abort(new Error('user went away'))
      const e = await rejectsWith(consumed, 'aborted')
      await holding.released
      assert.ok(e.checkpoint)
      assert.is(summaries.length, 1)
      assert.is(summaries[0]?.outcome, 'failed')
      // The checkpoint resumes exactly after what was delivered, on servers that answer every page.
      const expected = await expectedOf([wooshpayOf(wsv), pbOf(plain)])
      const rest = await paymux([wooshpayOf(wsv), pbOf(plain)])
        .paymentLinks.list({ pageSize: 10, resumeFrom: e.checkpoint as string })
        .toArray({ max: 10_000 })
      assert.ok(seen.length > 0 && seen.length < expected.length, `${seen.length} delivered before the abort`)
      assert.equal([...seen, ...rest.map(key)], expected)
    } finally {
      await Promise.all([wsv.close(), holding.close(), plain.close()])
    }
  },
)

s('the same abort through a provider without a listing source (public paginator)', async () => {
  const wsv = await wooshpayLinks()
  const holding = await startHolding(2)
  try {
    const controller = new AbortController()
    const { listingSource: _own, ...thirdParty } = pbOf(holding)
    const listing = paymux([wooshpayOf(wsv), thirdParty]).paymentLinks.list({ signal: controller.signal })
    const consumed = listing.toArray({ max: 10_000 })
    await holding.held
    controller.abort()
    await rejectsWith(consumed, 'aborted')
    await holding.released
  } finally {
    await Promise.all([wsv.close(), holding.close()])
  }
})

s('a consumer stopping early: one summary, stopped, with a checkpoint that resumes the rest', async () => {
  const wsv = await wooshpayLinks()
  const psv = await startPriceblocsLike({ count: 50 })
  try {
    const summaries: ListingSummary[] = []
    const make = () => paymux([wooshpayOf(wsv), priceblocsOf(psv)])
    const expected = await expectedOf([wooshpayOf(wsv), priceblocsOf(psv)])
    const before = wsv.requests.length + psv.requests.length
    const got = await make()
      .paymentLinks.list({ pageSize: 10, onSummary: (x) => summaries.push(x) })
      .toArray({ max: 25 })
    assert.equal(got.map(key), expected.slice(0, 25))
    assert.is(summaries.length, 1)
    const summary = summaries[0] as ListingSummary
    assert.is(summary.outcome, 'stopped')
    assert.is(summary.provider, 'paymux')
    assert.is(summary.pages, 3)
    // The requests of both providers' clients, summed once for the whole run.
    assert.is(summary.requests, wsv.requests.length + psv.requests.length - before)
    assert.ok(summary.checkpoint)
    // maxPages stops the same way, and its last checkpoint resumes exactly.
    const pages: string[] = []
    let checkpoint: string | null = null
    for await (const page of make().paymentLinks.list({ pageSize: 9, maxPages: 4 }).pages()) {
      pages.push(...page.items.map(key))
      checkpoint = page.checkpoint
    }
    assert.is(pages.length, 36)
    const rest = await make()
      .paymentLinks.list({ pageSize: 9, resumeFrom: checkpoint as string })
      .toArray({ max: 10_000 })
    assert.equal([...pages, ...rest.map(key)], expected)
  } finally {
    await Promise.all([wsv.close(), psv.close()])
  }
})

s(
  'providers failing pages in every way of consuming: a PaymuxError that resumes, never an unhandled rejection',
  async () => {
    const unhandled: unknown[] = []
    const watch = (reason: unknown) => unhandled.push(reason)
    process.on('unhandledRejection', watch)
    const failWhen = (n: number) => n > 1 && n % 3 === 0
    const wsv = await startWooshpayLike({ count: 400, failWhen })
    const psv = await startPriceblocsLike({ count: 300, failWhen })
    try {
      const native = paymux([wooshpayOf(wsv), priceblocsOf(psv)])
      const { listingSource: _own, ...thirdParty } = priceblocsOf(psv)
      const fallback = paymux([wooshpayOf(wsv), thirdParty])
      const listings: [string, () => Paginator<{ readonly id: string }>][] = [
        ['merged', () => native.paymentLinks.list({ pageSize: 30 })],
        ['merged prefetch', () => native.paymentLinks.list({ pageSize: 30, prefetch: 2 })],
        ['merged, public paginator', () => fallback.paymentLinks.list({ pageSize: 30 })],
      ]
      for (const [name, listing] of listings) {
        for (const consume of ['toArray', 'pages', 'firstPage', 'fetchPage'] as const) {
          const run = async (): Promise<unknown> => {
            const p = listing()
            if (consume === 'toArray') return p.toArray({ max: 100_000 })
            if (consume === 'firstPage') return p.firstPage().then(() => p.toArray({ max: 100_000 }))
            if (consume === 'fetchPage') {
              for (let at: string | null = null, i = 0; i < 1000; i++) {
                const r = await p.fetchPage(at)()
                if (r._tag === 'Left') throw r.left
                at = r.right.checkpoint
                if (at === null) return
              }
            }
            for await (const page of p.pages()) void page
            return undefined
          }
          const outcome = await run().then(
            () => 'complete',
            (e: unknown) => (isPaymuxError(e) ? (e.checkpoint === null ? 'no checkpoint' : e.kind) : String(e)),
          )
          assert.is(outcome, 'server', `${name} (${consume})`)
        }
      }
      await new Promise((r) => setImmediate(r))
      await new Promise((r) => setImmediate(r))
      assert.equal(unhandled, [])
    } finally {
      process.off('unhandledRejection', watch)
      await Promise.all([wsv.close(), psv.close()])
    }
  },
)

s('a failing provider, resumed from each error until done, gives the exact set', async () => {
  // Every fourth request fails once: the listing is resumed from each error's checkpoint.
  const failed = new Set<string>()
  const failWhen = (n: number, url: URL) =>
    n % 4 === 0 && !failed.has(url.search) && failed.add(url.search) !== undefined
  const wsv = await startWooshpayLike({ count: 200, failWhen })
  const psv = await startPriceblocsLike({ count: 120, failWhen })
  const clean = await Promise.all([startWooshpayLike({ count: 200 }), startPriceblocsLike({ count: 120 })])
  try {
    const expected = await expectedOf([wooshpayOf(clean[0]), priceblocsOf(clean[1])])
    const delivered: string[] = []
    let resumeFrom: string | undefined
    let errors = 0
    for (let round = 0; round < 100; round++) {
      try {
        const listing = paymux([wooshpayOf(wsv), priceblocsOf(psv)]).paymentLinks.list({
          pageSize: 15,
          ...(resumeFrom ? { resumeFrom } : {}),
        })
        for await (const page of listing.pages()) delivered.push(...page.items.map(key))
        break
      } catch (e) {
        assert.ok(isPaymuxError(e) && e.checkpoint, String(e))
        errors += 1
        resumeFrom = e.checkpoint as string
      }
    }
    assert.ok(errors >= 3, `${errors} errors`)
    assert.equal(delivered, expected)
  } finally {
    await Promise.all([wsv.close(), psv.close(), ...clean.map((c) => c.close())])
  }
})

s.run()
