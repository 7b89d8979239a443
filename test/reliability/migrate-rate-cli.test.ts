/**
 * `paymux migrate --apply --rps N` caps every request of the target client at N a second (its
 * `maxRequestsPerSecond`), under which the client still learns a provider's limit from 429s.
 * In-process against a target sandbox limited to 10 requests/s (a bucket of 10) that carries out
 * 30% of the writes and drops their answers (so the migration also looks copies up by marker, reads
 * a pace of writes alone would not cover): `--rps 8` meets not one 429 (8 < 10, so the machine's
 * timing jitter cannot push a request past the bucket); the same migration without `--rps` meets
 * the limit (the control: the cap is what kept it clean), and both make exactly one copy per
 * migratable source.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { planMigration } from '@paymux/core'
import { run } from '@paymux/cli/internal'
import { priceblocs } from '@paymux/priceblocs'
import { startSandbox as startPriceblocs } from '@paymux/priceblocs/sandbox'
import { wooshpay } from '@paymux/wooshpay'
import { startSandbox as startWooshpay } from '@paymux/wooshpay/sandbox'
import { fakeIo } from '../cli/fake-io.ts'
import { DROPS, linksByMarker, pbMarker } from '../migrate/helpers.ts'

const LINKS = 30
const s = suite('reliability/migrate-rate: paymux migrate --rps against a rate-limited target')

for (const rps of [8, null]) {
  s(
    `--concurrency 8${rps === null ? ' without --rps: the limit is met' : ` --rps ${rps}: not one 429`}; one copy per source`,
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'paymux-migrate-rate-'))
      const src = await startWooshpay({ count: LINKS, seed: 51 })
      const dst = await startPriceblocs({
        counts: { paymentLinks: 0, checkoutSessions: 0 },
        seed: 51,
        rateLimit: { requestsPerSecond: 10, burst: 10 },
        writeFaults: DROPS,
      })
      try {
        const from = wooshpay({ apiKey: src.apiKey, baseUrl: src.baseUrl })
        const to = priceblocs({ apiKey: dst.apiKey, baseUrl: dst.baseUrl })
        const migratable = (await planMigration(from, to, 'paymentLinks')).objects.filter((e) => e.migratable)
        const io = fakeIo({
          cwd: dir,
          env: {
            WOOSHPAY_API_KEY: src.apiKey,
            WOOSHPAY_BASE_URL: src.baseUrl,
            PRICEBLOCS_API_KEY: dst.apiKey,
            PRICEBLOCS_BASE_URL: dst.baseUrl,
          },
        })
        const code = await run(
          [
            'migrate',
            'payment-links',
            '--from',
            'wooshpay',
            '--to',
            'priceblocs',
            '--apply',
            '--journal',
            'links.journal',
            '--success-url',
            'https://shop.example/thanks',
            '--concurrency',
            '8',
            ...(rps === null ? [] : ['--rps', String(rps)]),
          ],
          io,
        )
        const stats = dst.stats()
        assert.is(code, 0, io.err())
        assert.match(
          io.err(),
          `${migratable.length} created, 0 already done, 0 not migratable, 0 failed, 0 outcome unknown`,
        )
        if (rps === null) assert.ok(stats.rateLimited > 0, `the control meets the limit: ${JSON.stringify(stats)}`)
        else assert.is(stats.rateLimited, 0, JSON.stringify(stats))
        const byMarker = await linksByMarker(to, pbMarker)
        for (const e of migratable) assert.is(byMarker.get(`wooshpay:paymentLinks:${e.id}`)?.length, 1, e.id)
        assert.is(dst.count('paymentLinks'), migratable.length)
      } finally {
        await Promise.all([src.close(), dst.close()])
        await rm(dir, { recursive: true, force: true })
      }
    },
  )
}

s.run()
