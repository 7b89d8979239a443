import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { markerOf, migrateLimited, throttledShare, type TargetName } from './migrate-rate-run.ts'

const s = suite('reliability/migrate-rate: explore')

for (const target of ['priceblocs', 'wooshpay'] as TargetName[]) {
  s(`explore ${target}`, async () => {
    const r = await migrateLimited({ links: 300, target, rateLimit: { requestsPerSecond: 25 } })
    const t = r.result.totals
    const dup = [...r.byMarker.entries()].filter(([, ids]) => ids.length > 1).length
    console.log(target, JSON.stringify(t), 'migratable', r.migratable.length, 'target requests', r.statuses.length,
      '429s', r.statuses.filter((x) => x === 429).length, 'share after 50', throttledShare(r.statuses, 50),
      'seconds', r.seconds, 'obj/s', t.created / r.seconds, 'rate', r.sendRate, 'dups', dup,
      'missing', r.migratable.filter((id) => r.byMarker.get(markerOf(id))?.length !== 1).length,
      JSON.stringify(r.result.results.filter((x) => x.outcome !== 'created').slice(0, 3)))
    assert.ok(true)
  })
}
s.run()
