/**
 * A migration as a user writes it: core's `applyMigration` from the job's sandbox to its target,
 * with a fresh journal file (fsynced per line, as in production) in a temporary folder. The sink
 * counts the copies made and collects their source ids, so the bench checks that every source
 * link was copied exactly once. Notes: what the run did besides creating, and with
 * `countThrottled` the target's answers and 429s.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { applyMigration, type ClientHooks } from '@paymux/core'
import type { Job } from '../protocol.ts'
import { providerOf } from './paymux.ts'
import type { Sink } from './sink.ts'

/**
 * Hooks on the target client that count its answers into `notes` (the rate-limited rows):
 * `target requests` (every answer, 429s included), `429s` and `429 %` of them.
 */
const targetCounter = (notes: Record<string, number>): ClientHooks => {
  let answers = 0
  let throttled = 0
  return {
    onResponse: (v) => {
      answers += 1
      if (v.status === 429) throttled += 1
      notes['target requests'] = answers
      notes['429s'] = throttled
      notes['429 %'] = Math.round((throttled / answers) * 1000) / 10
    },
  }
}

export const migratePaymux = async (job: Job, _max: number | null, sink: Sink, notes: Record<string, number>) => {
  if (!job.target) throw new Error('a migrate job needs a target sandbox')
  const from = providerOf(job)
  const to = providerOf({ ...job, ...job.target }, job.countThrottled === true ? targetCounter(notes) : undefined)
  const dir = mkdtempSync(join(tmpdir(), 'paymux-bench-migrate-'))
  try {
    const result = await applyMigration(from, to, job.resource, {
      journal: join(dir, 'journal.ndjson'),
      concurrency: job.concurrency,
      onProgress: (p) => {
        if (p.last.outcome === 'created') sink.item({ id: p.last.source })
      },
    })
    const t = result.totals
    for (const [k, v] of Object.entries({
      notMigratable: t.notMigratable,
      failed: t.failed,
      outcomeUnknown: t.outcomeUnknown,
    })) {
      if (v > 0) notes[k] = v
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
