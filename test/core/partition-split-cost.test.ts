/**
 * What splitting costs (bench target 3): a window is split only while it is expected to hold at
 * least two pages more (`worthSplitting`), so the end of a partitioned run no longer cuts windows
 * a page from their end into windows of a handful of objects, each costing a request, a crossing
 * page and cut evidence of its own. Counted over the WooshPay sandbox; every object still once.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { PartitionedListingSummary } from '@paymux/core/adapter'
import { wooshpay } from '@paymux/wooshpay'
import { startSandbox } from '@paymux/wooshpay/sandbox'
import { estimatedLeft, newWindow, worthSplitting } from '../../packages/core/src/paging/partition/windows.ts'

const s = suite('core/partition: what splitting costs')

s('the estimate is the unlisted span at the density of what the window listed', () => {
  // 100 objects listed over [900, 999]: one a second; 900 seconds left below.
  const w = { ...newWindow(0, 1000), seen: 900, top: 999, fetched: 100 }
  assert.is(estimatedLeft(w), 900)
  assert.ok(worthSplitting(w, 100, 2))
  assert.not.ok(worthSplitting({ ...w, floor: 750 }, 100, 2), '150 objects expected: fewer than two pages')
  assert.not.ok(worthSplitting({ ...w, seen: null, top: null, fetched: 0 }, 100, 2), 'nothing listed: no estimate')
  assert.not.ok(worthSplitting(w, 0, 2), 'no page seen yet')
  // All in one second: the density is per second, never a division by zero.
  assert.is(estimatedLeft({ ...newWindow(0, 1000), seen: 500, top: 500, fetched: 10 }), 5000)
})

s(
  '5,000 intents in 8 windows: at most 75 requests for 50 pages (82 when tiny windows were split), every id once',
  async () => {
    const sb = await startSandbox({ count: 5000, seed: 1 })
    try {
      const wp = wooshpay({ apiKey: sb.apiKey, baseUrl: sb.baseUrl })
      let summary: PartitionedListingSummary | undefined
      const ids: string[] = []
      const listing = wp.paymentIntents.list({
        pageSize: 100,
        partitions: 8,
        order: 'any',
        onSummary: (x) => (summary = x as PartitionedListingSummary),
      })
      for await (const page of listing.pages()) ids.push(...page.items.map((o) => o.id))
      assert.equal([...ids].sort(), [...sb.ids('paymentIntents')].sort())
      assert.ok(summary)
      const { requests, partitioned } = summary as PartitionedListingSummary
      assert.ok((requests as number) <= 75, `${requests} requests, ${partitioned.windows} windows`)
      assert.ok(partitioned.windows <= 24, `${partitioned.windows} windows`)
    } finally {
      await sb.close()
    }
  },
)

s.run()
