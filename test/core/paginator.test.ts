import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  createPaginator,
  isPaymuxError,
  type ListQuery,
  type PaginatorSpec,
  type Paginator,
} from '@paymux/core/adapter'
import { rejectsWith } from '../helpers/either.ts'
import { arraySource, settle, type SourceOptions } from '../helpers/page-source.ts'

const scope = { provider: 'testpay', resource: 'things', filters: { active: true } }
const numbers = (n: number) => Array.from({ length: n }, (_, i) => i)

const make = (n: number, o: SourceOptions, query: ListQuery = {}, extra: Partial<PaginatorSpec<number>> = {}) => {
  const { fetchPage, rec } = arraySource(numbers(n), o)
  const paginator: Paginator<number> = createPaginator({ scope, fetchPage, query, ...extra })
  return { paginator, rec }
}

const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = []
  for await (const x of it) out.push(x)
  return out
}

// --- basic iteration --------------------------------------------------------------------------
const basics = suite('core/paginator: iteration')

basics('a single page yields its items and ends', async () => {
  const { paginator, rec } = make(3, { size: 10 })
  assert.equal(await collect(paginator), [0, 1, 2])
  assert.is(rec.fetched.length, 1)
})

basics('many pages yield every item once, in order', async () => {
  const { paginator, rec } = make(95, { size: 10 })
  assert.equal(await collect(paginator), numbers(95))
  assert.equal(rec.fetched, [null, 1, 2, 3, 4, 5, 6, 7, 8, 9])
})

basics('an empty list yields nothing after one request', async () => {
  const { paginator, rec } = make(0, { size: 10 })
  assert.equal(await collect(paginator), [])
  const page = await paginator.firstPage()
  assert.equal(page, { items: [], hasMore: false, checkpoint: null, total: 0 })
  assert.is(rec.fetched.length, 2)
})

basics('pages() exposes hasMore, total and a checkpoint on every page but the last', async () => {
  const { paginator } = make(25, { size: 10 })
  const pages = await collect(paginator.pages())
  assert.equal(
    pages.map((p) => [p.items.length, p.hasMore, p.total, p.checkpoint !== null]),
    [
      [10, true, 25, true],
      [10, true, 25, true],
      [5, false, 25, false],
    ],
  )
})

basics('toArray stops fetching once it has max items', async () => {
  const { paginator, rec } = make(100, { size: 10 })
  assert.equal(await paginator.toArray({ max: 15 }), numbers(15))
  assert.is(rec.fetched.length, 2)
  assert.equal(await paginator.toArray({ max: 0 }), [])
  await rejectsWith(paginator.toArray({ max: -1 }), 'invalid_request')
})

basics('maxPages stops after that many pages with a checkpoint to the rest', async () => {
  const { paginator, rec } = make(50, { size: 10 }, { maxPages: 2 })
  const pages = await collect(paginator.pages())
  assert.is(pages.length, 2)
  assert.is(rec.fetched.length, 2)
  assert.ok(pages[1]?.hasMore && pages[1].checkpoint)
})

basics('each iteration is a new run; a finished iterator stays done', async () => {
  const { paginator } = make(5, { size: 2 })
  const it = paginator[Symbol.asyncIterator]()
  assert.equal(await collect({ [Symbol.asyncIterator]: () => it }), numbers(5))
  assert.equal(await it.next(), { done: true, value: undefined })
  assert.equal(await collect(paginator), numbers(5))
})

basics('concurrent next() calls receive distinct items in order', async () => {
  const { paginator } = make(23, { size: 5, delayMs: 2 })
  const it = paginator[Symbol.asyncIterator]()
  const results = await Promise.all(Array.from({ length: 25 }, () => it.next()))
  assert.equal(
    results.filter((r) => !r.done).map((r) => r.value),
    numbers(23),
  )
  assert.is(results.filter((r) => r.done).length, 2)
})

basics('return() releases the run: the fetch in flight is aborted and nothing more is fetched', async () => {
  const { paginator, rec } = make(100, { size: 10, delayMs: 20 }, { prefetch: 2 })
  const it = paginator[Symbol.asyncIterator]()
  await it.next()
  await rec.started(2)
  await it.return?.()
  const fetchedAtReturn = rec.fetched.length
  // The aborted fetch settles at once; had the run gone on, it would start the next fetch then.
  await rec.idle()
  await settle()
  assert.is(rec.fetched.length, fetchedAtReturn)
  assert.ok(rec.aborted >= 1, 'prefetch in flight was aborted')
  assert.equal(await it.next(), { done: true, value: undefined })
})

basics('the caller query object is never mutated', async () => {
  const query = Object.freeze({ pageSize: 10, maxPages: 3, prefetch: 1 })
  const { paginator } = make(50, { size: 10 }, query)
  await collect(paginator)
  assert.equal(query, { pageSize: 10, maxPages: 3, prefetch: 1 })
})

basics.run()

// --- checkpoints and resume -------------------------------------------------------------------
const resume = suite('core/paginator: checkpoints')

resume('resuming from every page boundary yields exactly the remainder', async () => {
  const { paginator } = make(47, { size: 10 })
  const pages = await collect(paginator.pages())
  let delivered = 0
  for (const page of pages) {
    delivered += page.items.length
    if (!page.checkpoint) continue
    const rest = make(47, { size: 10 }, { resumeFrom: page.checkpoint }).paginator
    assert.equal(await collect(rest), numbers(47).slice(delivered))
  }
})

resume('a checkpoint is refused for another provider, resource or filter set, before any fetch', async () => {
  const page = await make(30, { size: 10 }).paginator.firstPage()
  const checkpoint = page.checkpoint as string
  for (const other of [
    { ...scope, provider: 'otherpay' },
    { ...scope, resource: 'others' },
    { ...scope, filters: { active: false } },
  ]) {
    const { fetchPage, rec } = arraySource(numbers(30), { size: 10 })
    const p = createPaginator({ scope: other, fetchPage, query: { resumeFrom: checkpoint } })
    await rejectsWith(p.toArray({ max: 5 }), 'checkpoint_mismatch')
    assert.is(E.isLeft(await p.fetchPage(checkpoint)()), true)
    assert.is(rec.fetched.length, 0)
  }
  await rejectsWith(make(1, { size: 1 }, { resumeFrom: 'garbage' }).paginator.firstPage(), 'checkpoint_mismatch')
})

resume('filters bind regardless of key order', async () => {
  const page = await make(30, { size: 10 }).paginator.firstPage()
  const { fetchPage } = arraySource(numbers(30), { size: 10 })
  const reordered = { ...scope, filters: { active: true } }
  const p = createPaginator({ scope: reordered, fetchPage, query: { resumeFrom: page.checkpoint as string } })
  assert.equal(await p.toArray({ max: 100 }), numbers(30).slice(10))
})

resume('a checkpoint holds no filter values', async () => {
  const secretScope = { ...scope, filters: { email: 'jane@example.com' } }
  const { fetchPage } = arraySource(numbers(30), { size: 10 })
  const page = await createPaginator({ scope: secretScope, fetchPage }).firstPage()
  const decoded = Buffer.from((page.checkpoint as string).slice(5), 'base64url').toString()
  assert.not.ok(decoded.includes('jane'), decoded)
})

resume('an error on page 3 carries a checkpoint that resumes at page 3', async () => {
  const { paginator } = make(50, { size: 10, failAt: { page: 2 } })
  const seen: number[] = []
  let checkpoint: string | null = null
  try {
    for await (const n of paginator) seen.push(n)
  } catch (e) {
    assert.ok(isPaymuxError(e))
    assert.is(e.kind, 'server')
    checkpoint = e.checkpoint
  }
  assert.equal(seen, numbers(20))
  const resumed = make(50, { size: 10 }, { resumeFrom: checkpoint as string })
  assert.equal(await collect(resumed.paginator), numbers(50).slice(20))
  assert.equal(resumed.rec.fetched[0], 2)
})

resume('fetchPage is the fp-ts primitive over checkpoints', async () => {
  const { paginator } = make(25, { size: 10 })
  const first = await paginator.fetchPage(null)()
  assert.ok(E.isRight(first))
  if (E.isLeft(first)) return
  const second = await paginator.fetchPage(first.right.checkpoint)()
  assert.ok(E.isRight(second) && second.right.items[0] === 10)
})

resume.run()

// --- guards -----------------------------------------------------------------------------------
const guards = suite('core/paginator: guards')

guards('a cursor cycle A -> B -> A is stopped with kind pagination', async () => {
  const { paginator, rec } = make(100, { size: 10, nextOverride: (page) => (page === 1 ? 0 : undefined) })
  const err = await rejectsWith(collect(paginator), 'pagination')
  assert.ok(err.checkpoint)
  assert.ok(rec.fetched.length <= 3)
})

guards('a page number that does not advance is stopped', async () => {
  const { paginator } = make(100, { size: 10, nextOverride: (page) => (page === 2 ? 2 : undefined) })
  await rejectsWith(collect(paginator), 'pagination')
})

guards('endless empty pages that claim more are stopped', async () => {
  let n = 0
  const p = createPaginator<number>({
    scope,
    maxEmptyPages: 3,
    fetchPage: () => async () => E.right({ items: [], next: ++n, total: null }),
  })
  await rejectsWith(collect(p), 'pagination')
  assert.is(n, 4)
})

guards('an adapter whose fetch throws still yields a typed error', async () => {
  const p = createPaginator<number>({
    scope,
    fetchPage: () => () => Promise.reject(new Error('bug')),
  })
  await rejectsWith(p.firstPage(), 'pagination')
})

guards('bad paging options are refused before any fetch', async () => {
  for (const q of [{ prefetch: -1 }, { prefetch: 99 }, { maxPages: 0 }, { concurrency: 0 }]) {
    const { paginator, rec } = make(10, { size: 5 }, q)
    await rejectsWith(paginator.firstPage(), 'invalid_request')
    assert.is(rec.fetched.length, 0)
  }
})

guards.run()

// --- abort ------------------------------------------------------------------------------------
const abort = suite('core/paginator: abort')

abort('an abort mid-list stops with kind aborted and a checkpoint that resumes', async () => {
  const controller = new AbortController()
  const { paginator } = make(50, { size: 10, delayMs: 5 }, { signal: controller.signal })
  const seen: number[] = []
  const err = await rejectsWith(
    (async () => {
      for await (const n of paginator) {
        seen.push(n)
        if (n === 14) controller.abort()
      }
    })(),
    'aborted',
  )
  // The page in hand is finished (items 15..19), so the checkpoint resumes exactly after it.
  assert.equal(seen, numbers(20))
  const rest = make(50, { size: 10 }, { resumeFrom: err.checkpoint as string }).paginator
  assert.equal(await collect(rest), numbers(50).slice(20), 'resumes after the last delivered page')
})

abort('an already aborted signal sends no request', async () => {
  const controller = new AbortController()
  controller.abort()
  const { paginator, rec } = make(50, { size: 10 }, { signal: controller.signal })
  await rejectsWith(paginator.firstPage(), 'aborted')
  assert.is(rec.fetched.length, 0)
})

abort('the signal reaches the fetch in flight', async () => {
  const controller = new AbortController()
  const { paginator, rec } = make(50, { size: 10, delayMs: 200 }, { signal: controller.signal })
  const pending = paginator.firstPage()
  void rec.started(1).then(() => controller.abort())
  await rejectsWith(pending, 'aborted')
  assert.is(rec.aborted, 1)
})

abort.run()

// --- prefetch and concurrency -----------------------------------------------------------------
const ahead = suite('core/paginator: prefetch and concurrency')

ahead('prefetch 0 never fetches ahead of the consumer', async () => {
  const { paginator, rec } = make(50, { size: 10 })
  const it = paginator.pages()[Symbol.asyncIterator]()
  await it.next()
  // Fetches resolve within an event-loop turn here: any fetch ahead would have started by now.
  await settle()
  assert.is(rec.fetched.length, 1)
  await it.return?.()
})

ahead('prefetch N keeps at most N pages ahead of a slow consumer', async () => {
  const { paginator, rec } = make(100, { size: 10 }, { prefetch: 2 })
  const it = paginator.pages()[Symbol.asyncIterator]()
  await it.next()
  await settle()
  // One page delivered, cursor-style sources can only run one fetch at a time, and two more
  // may be buffered ahead of the consumer.
  assert.is(rec.fetched.length, 3)
  assert.is(rec.maxInFlight, 1)
  await it.return?.()
})

ahead('concurrency k fetches announced pages in parallel, delivered strictly in order', async () => {
  const { paginator, rec } = make(200, { size: 10, delayMs: 3, announce: true }, { concurrency: 4 })
  assert.equal(await collect(paginator), numbers(200))
  assert.is(rec.maxInFlight, 4)
  assert.is(rec.fetched.length, 20)
})

ahead('concurrency with a failing page delivers earlier pages, then the error with its checkpoint', async () => {
  const { paginator } = make(100, { size: 10, announce: true, failAt: { page: 5 } }, { concurrency: 4 })
  const seen: number[] = []
  const err = await rejectsWith(
    (async () => {
      for await (const n of paginator) seen.push(n)
    })(),
    'server',
  )
  assert.equal(seen, numbers(50))
  const rest = make(100, { size: 10, announce: true }, { resumeFrom: err.checkpoint as string, concurrency: 4 })
  assert.equal(await collect(rest.paginator), numbers(100).slice(50))
})

ahead('ids delivered by a recent page are suppressed (drift) and reported', async () => {
  // Page 2 repeats the last two items of page 1, as page numbers do when objects are inserted.
  const data = [0, 1, 2, 3, 4, 3, 4, 5, 6, 7, 8, 9]
  const drifts: number[] = []
  const { fetchPage } = arraySource(data, { size: 5 })
  const p = createPaginator<number>({
    scope,
    fetchPage,
    idOf: String,
    hooks: { onDrift: (d) => drifts.push(d.suppressed) },
  })
  assert.equal(await collect(p), numbers(10))
  assert.equal(drifts, [2])
})

ahead('a hook that throws never breaks a listing', async () => {
  const { fetchPage } = arraySource(numbers(30), { size: 10 })
  const p = createPaginator<number>({
    scope,
    fetchPage,
    hooks: {
      onPage: () => {
        throw new Error('hook bug')
      },
    },
  })
  assert.equal(await collect(p), numbers(30))
})

ahead.run()
