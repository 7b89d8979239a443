/**
 * Crash and resume: a listing stopped at a random page (an abort, or a fatal fault with no
 * retries) is resumed from the error's checkpoint in a new client, as a migration script would
 * after a crash. The union of what was delivered is the full set, with no duplicate.
 */
import * as fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { isPaymuxError, type PaymentProvider, type ResourceName } from '@paymux/core/adapter'
import { RESOURCES, TARGETS, fakeClock } from './targets.ts'

const COUNT = 600

/** Lists until done, restarting from each error's checkpoint with a fresh client. */
const listWithRestarts = async (
  fresh: () => PaymentProvider,
  r: ResourceName,
  pageSize: number,
  onItem: (id: string, delivered: number) => void = () => undefined,
): Promise<{ ids: string[]; restarts: number; kinds: Set<string> }> => {
  const ids: string[] = []
  const kinds = new Set<string>()
  let resumeFrom: string | undefined
  for (let restarts = 0; restarts < 500; restarts++) {
    try {
      const query = { pageSize, ...(resumeFrom ? { resumeFrom } : {}) }
      for await (const o of fresh()[r].list(query)) {
        ids.push(o.id)
        onItem(o.id, ids.length)
      }
      return { ids, restarts, kinds }
    } catch (e) {
      assert.ok(isPaymuxError(e), String(e))
      assert.ok(e.checkpoint, `${e.kind} error carries a checkpoint`)
      kinds.add(e.kind)
      resumeFrom = e.checkpoint as string
    }
  }
  throw new Error('did not finish in 500 restarts')
}

for (const target of TARGETS) {
  const s = suite(`reliability/resume: ${target.name}`)

  s('fatal faults with no retries: restarting from each checkpoint yields the full set once', async () => {
    const sb = await target.start({
      count: COUNT,
      seed: 5,
      faults: { rate: 0.25, kinds: ['500', 'reset', 'truncate', 'html'] },
    })
    try {
      const time = fakeClock()
      const fresh = () => target.make(sb, { retry: { retries: 0, clock: time.clock, sleep: time.sleep } })
      for (const r of RESOURCES) {
        if (fresh().capabilities[r].operations['list'] !== 'supported') continue
        const { ids, restarts, kinds } = await listWithRestarts(fresh, r, 20)
        assert.ok(restarts > 0, `${r}: the listing was interrupted`)
        assert.equal(ids, [...sb.ids(r)], `${r}: union is the full set in order, no duplicate`)
        assert.ok(
          [...kinds].every((k) => k === 'server' || k === 'connection'),
          [...kinds].join(),
        )
      }
    } finally {
      await sb.close()
    }
  })

  s('an abort at a random point resumes exactly after the last delivered page', async () => {
    const sb = await target.start({ count: COUNT, seed: 9 })
    try {
      const expected = [...sb.ids('paymentLinks')]
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: COUNT - 1 }), async (stopAfter) => {
          const controller = new AbortController()
          const first = target.make(sb, {})
          const seen: string[] = []
          let checkpoint: string | null = null
          try {
            for await (const o of first.paymentLinks.list({ pageSize: 20, signal: controller.signal })) {
              seen.push(o.id)
              if (seen.length === stopAfter) controller.abort()
            }
          } catch (e) {
            assert.ok(isPaymuxError(e) && e.kind === 'aborted', String(e))
            checkpoint = e.checkpoint
          }
          const rest = checkpoint
            ? (
                await target
                  .make(sb, {})
                  .paymentLinks.list({ pageSize: 20, resumeFrom: checkpoint })
                  .toArray({ max: COUNT })
              ).map((o) => o.id)
            : []
          assert.equal([...seen, ...rest], expected)
        }),
        { numRuns: 8 },
      )
    } finally {
      await sb.close()
    }
  })

  s.run()
}
