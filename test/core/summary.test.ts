import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { createPaginator, isPaymuxError, type ListingSummary } from '@paymux/core/adapter'
import { wooshpay } from '@paymux/wooshpay'
import { startSandbox } from '@paymux/wooshpay/sandbox'
import { arraySource } from '../helpers/page-source.ts'

const scope = { provider: 'testpay', resource: 'things', filters: {} }
const numbers = (n: number) => Array.from({ length: n }, (_, i) => i)

const s = suite('core/paginator: listing summary')

s('a complete run reports its pages and items once, with no checkpoint', async () => {
  const summaries: ListingSummary[] = []
  const { fetchPage } = arraySource(numbers(25), { size: 10 })
  const p = createPaginator({ scope, fetchPage, query: { onSummary: (x) => summaries.push(x) } })
  assert.is((await p.toArray({ max: 100 })).length, 25)
  assert.is(summaries.length, 1)
  assert.equal(
    { ...summaries[0], durationMs: 0 },
    {
      provider: 'testpay',
      resource: 'things',
      outcome: 'complete',
      pages: 3,
      items: 25,
      requests: null,
      retries: null,
      waitedMs: null,
      durationMs: 0,
      checkpoint: null,
    },
  )
})

s('a run stopped by the consumer reports where to resume', async () => {
  const summaries: ListingSummary[] = []
  const { fetchPage } = arraySource(numbers(50), { size: 10 })
  const p = createPaginator({ scope, fetchPage, query: { onSummary: (x) => summaries.push(x) } })
  assert.is((await p.toArray({ max: 15 })).length, 15)
  const [sum] = summaries
  assert.is(sum?.outcome, 'stopped')
  assert.is(sum?.pages, 2)
  const rest = await createPaginator({ scope, fetchPage, query: { resumeFrom: sum?.checkpoint as string } }).toArray({
    max: 100,
  })
  assert.equal(rest, numbers(50).slice(20))
})

s('a failed run names the failing page in the error and in the summary', async () => {
  const summaries: ListingSummary[] = []
  const { fetchPage } = arraySource(numbers(50), { size: 10, failAt: { page: 2 } })
  const p = createPaginator({ scope, fetchPage, query: { onSummary: (x) => summaries.push(x) } })
  try {
    await p.toArray({ max: 100 })
    assert.unreachable()
  } catch (e) {
    assert.ok(isPaymuxError(e))
    assert.match(e.message, /page 3 of this things listing/)
    assert.is(summaries[0]?.outcome, 'failed')
    assert.is(summaries[0]?.checkpoint, e.checkpoint)
    assert.is(summaries[0]?.items, 20)
  }
})

s('against a real client the summary counts requests, retries and waiting', async () => {
  const sb = await startSandbox({ count: 300, seed: 4, faults: { rate: 0.3, kinds: ['503'] } })
  try {
    let now = 0
    let slept = 0
    const wp = wooshpay({
      apiKey: sb.apiKey,
      baseUrl: sb.baseUrl,
      // An injected clock and jitter: every wait is known exactly, and none is real.
      retry: {
        retries: 10,
        clock: () => now,
        random: () => 0.5,
        sleep: async (ms) => {
          slept += ms
          now += ms
        },
      },
    })
    let summary: ListingSummary | undefined
    const items = await wp.paymentIntents.list({ pageSize: 50, onSummary: (x) => (summary = x) }).toArray({ max: 1000 })
    assert.is(items.length, 300)
    const stats = sb.stats()
    assert.is(summary?.pages, 6)
    assert.is(summary?.requests, stats.requests)
    assert.is(summary?.retries, stats.faults)
    assert.ok(slept > 0, 'the faults made the client wait')
    assert.is(summary?.waitedMs, slept, 'waitedMs is exactly the time the client spent waiting')
  } finally {
    await sb.close()
  }
})

s.run()
