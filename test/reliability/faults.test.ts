/**
 * Fault suite: with 20% of requests failing (every fault kind: 429 with Retry-After, 500, 502,
 * 503, connection reset, truncated body, HTML page), a full listing of 5,000 objects of every
 * resource delivers each id exactly once and in order, and the requests the sandbox saw are
 * exactly the pages plus the faults it served.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { ALL_FAULTS, RESOURCES, TARGETS, fakeClock } from './targets.ts'

const COUNT = 5000

for (const target of TARGETS) {
  const s = suite(`reliability/faults: ${target.name}`)

  s('every object of every resource exactly once, in order, through 20% faults', async () => {
    const sb = await target.start({ count: COUNT, seed: 11, faults: { rate: 0.2, kinds: ALL_FAULTS } })
    try {
      const time = fakeClock()
      let pages = 0
      let retries = 0
      const p = target.make(sb, {
        retry: { retries: 12, budget: 10_000, clock: time.clock, sleep: time.sleep },
        hooks: { onPage: () => (pages += 1), onRetry: () => (retries += 1) },
      })
      const served: Record<string, number> = {}
      for (const r of RESOURCES) {
        if (p.capabilities[r].operations['list'] !== 'supported') continue
        sb.resetStats()
        pages = 0
        retries = 0
        const ids = (await p[r].list().toArray({ max: 100_000 })).map((o) => o.id)
        const expected = sb.ids(r)
        assert.is(expected.length, COUNT, `${r} seeded`)
        assert.equal(ids, [...expected], `${r}: every id once, in order`)
        const stats = sb.stats()
        assert.ok(stats.faults > 0, `${r}: faults were served`)
        assert.is(stats.requests, pages + stats.faults, `${r}: requests = pages + faults`)
        assert.is(retries, stats.faults, `${r}: one retry per fault`)
        for (const [kind, n] of Object.entries(stats.faultsByKind)) served[kind] = (served[kind] ?? 0) + n
      }
      // Across the resources, every kind of fault was met (and survived) at least once.
      for (const kind of ALL_FAULTS) assert.ok((served[kind] ?? 0) > 0, `fault ${kind} served`)
    } finally {
      await sb.close()
    }
  })

  s.run()
}
