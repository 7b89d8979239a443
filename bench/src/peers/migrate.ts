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
import { applyMigration } from '@paymux/core'
import type { Job } from '../protocol.ts'
import { providerOf } from './paymux.ts'
import type { Sink } from './sink.ts'
import { throttleCounter } from './throttle-counter.ts'

export const migratePaymux = async (job: Job, _max: number | null, sink: Sink, notes: Record<string, number>) => {
  if (!job.target) throw new Error('a migrate job needs a target sandbox')
  const from = providerOf(job)
  const to = providerOf(
    { ...job, ...job.target },
    job.countThrottled === true ? throttleCounter(notes, 'target requests') : undefined,
  )
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
