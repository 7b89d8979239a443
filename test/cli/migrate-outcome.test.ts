/**
 * What a migration run tells the shell (pure functions): the exit code whose next step comes
 * first, and the results file's rows in both formats through the export's writers.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { countFailure, emptyTally, exitCodeOf, openResults, resultsLine, type ResultRow } from '@paymux/cli/internal'
import { parseCsv } from './csv-parse.ts'

const s = suite('cli/migrate-outcome')

s('exit codes: settle (3) before retry (75) before give up (1); done is 0', () => {
  const tally = emptyTally()
  assert.is(exitCodeOf(tally, false), 0)
  assert.is(exitCodeOf(tally, true), 75, 'a run that stopped early is resumable')
  countFailure(tally, 'invalid_request')
  countFailure(tally, undefined)
  assert.equal(tally, { unknown: 0, transient: 0, permanent: 2 })
  assert.is(exitCodeOf(tally, false), 1)
  countFailure(tally, 'rate_limited')
  assert.is(exitCodeOf(tally, false), 75, 'a rerun may fix the rate-limited one')
  countFailure(tally, 'outcome_unknown')
  assert.is(exitCodeOf(tally, true), 3, 'settling comes first')
  for (const kind of ['server', 'timeout', 'connection', 'aborted']) {
    const t = emptyTally()
    countFailure(t, kind)
    assert.is(exitCodeOf(t, false), 75, kind)
  }
})

const row: ResultRow = {
  subject: 'object',
  sourceId: 'plink_1',
  outcome: 'not_migratable',
  targetId: null,
  reason: '=HYPERLINK("x"); status "archived", lineItems missing',
  errorKind: null,
}

s('rows: the same columns in NDJSON and CSV; a formula-like cell is neutralised in CSV only', () => {
  assert.equal(JSON.parse(resultsLine(row, 'ndjson')), {
    subject: 'object',
    source_id: 'plink_1',
    outcome: 'not_migratable',
    target_id: null,
    reason: '=HYPERLINK("x"); status "archived", lineItems missing',
    error_kind: null,
  })
  const [cells] = parseCsv(resultsLine(row, 'csv'))
  assert.equal(cells, [
    'object',
    'plink_1',
    'not_migratable',
    '',
    `'=HYPERLINK("x"); status "archived", lineItems missing`,
    '',
  ])
})

s('the results file: a CSV header first, one row per add, rewritten by the next run', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'paymux-migrate-results-'))
  try {
    const path = join(dir, 'r.csv')
    const first = await openResults({ path, format: 'csv' })
    first.add(row)
    first.add({ ...row, sourceId: 'plink_2', outcome: 'created', targetId: 'pb_9', reason: null })
    await first.close()
    const rows = parseCsv(await readFile(path, 'utf8'))
    assert.equal(rows[0], ['subject', 'source_id', 'outcome', 'target_id', 'reason', 'error_kind'])
    assert.equal(rows[2], ['object', 'plink_2', 'created', 'pb_9', '', ''])
    assert.is(rows.length, 3)
    const second = await openResults({ path, format: 'csv' })
    await second.close()
    assert.equal(parseCsv(await readFile(path, 'utf8')).length, 1, 'only the header: a report of one run')
    // A folder that does not exist fails at open, before any request is sent.
    await openResults({ path: join(dir, 'nope', 'r.ndjson'), format: 'ndjson' }).then(
      () => assert.unreachable('opened'),
      (e: NodeJS.ErrnoException) => assert.is(e.code, 'ENOENT'),
    )
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

s.run()
