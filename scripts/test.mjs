#!/usr/bin/env node
// Runs the uvu test files over source (no build step), each in its own Node process under a time
// limit, a few at a time, and ends with one line CI can count: `N passed, N failed`.
//
//   node scripts/test.mjs [--coverage] [--jobs N] [--timeout-ms MS] [--dir DIR] [filter]
//
// - filter: only files whose path (relative to DIR) contains it, e.g. `node scripts/test.mjs wooshpay`.
// - --coverage: every file's process (and the CLI processes tests start) writes V8 coverage,
//   then `c8 report` applies the thresholds in .c8rc.json; the run fails below them.
// - --timeout-ms (or PAYMUX_TEST_TIMEOUT_MS): a file still running after it is killed, with its
//   child processes, and counts as failed ("timed out"), so a hung test cannot stall CI.
// - --jobs (or PAYMUX_TEST_JOBS): files run at once; 2 by default, as CI has 2 cores.
// - --dir: where test files are found (`test` by default); the runner's own test points it at
//   fixture files that hang or crash.
// Colour: uvu's output keeps colours only on a terminal (NO_COLOR and FORCE_COLOR are honoured).
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { findTestFiles } from './test-runner/files.mjs'
import { killAll, runFile } from './test-runner/run-file.mjs'
import { countRun } from './test-runner/summary.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    coverage: { type: 'boolean', default: false },
    jobs: { type: 'string', default: process.env.PAYMUX_TEST_JOBS ?? '2' },
    // The slowest file takes about 40 s alone on CI's machine; 5 minutes leaves room for a loaded
    // machine and still ends a hung file long before CI's own limit.
    'timeout-ms': { type: 'string', default: process.env.PAYMUX_TEST_TIMEOUT_MS ?? '300000' },
    dir: { type: 'string', default: 'test' },
  },
})

const positive = (name, text) => {
  const n = Number(text)
  if (!Number.isSafeInteger(n) || n < 1) {
    console.error(`test runner: --${name} takes a positive whole number, got ${JSON.stringify(text)}`)
    process.exit(2)
  }
  return n
}
const jobs = positive('jobs', values.jobs)
const timeoutMs = positive('timeout-ms', values['timeout-ms'])
const dir = resolve(root, values.dir)
const filter = positionals[0] ?? ''

const colour =
  process.env.NO_COLOR === undefined &&
  (process.stdout.isTTY === true || (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0'))
const env = { ...process.env }
if (colour) {
  env.FORCE_COLOR = '1'
} else {
  delete env.FORCE_COLOR
  env.NO_COLOR = '1'
}
const coverageDir = resolve(root, 'coverage/tmp')
if (values.coverage) {
  rmSync(resolve(root, 'coverage'), { recursive: true, force: true })
  env.NODE_V8_COVERAGE = coverageDir
}

const files = findTestFiles(dir, filter)
if (files.length === 0) {
  console.error(`test runner: no test file under ${values.dir} matches ${JSON.stringify(filter)}`)
  process.stdout.write('\n0 passed, 1 failed\n')
  process.exit(1)
}

process.on('SIGINT', () => {
  killAll()
  process.exit(130)
})
process.on('SIGTERM', () => {
  killAll()
  process.exit(143)
})

const totals = { passed: 0, failed: 0, skipped: 0 }
const problems = []
const started = process.hrtime.bigint()
const queue = [...files]
const worker = async () => {
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    const run = await runFile(resolve(dir, file), { cwd: root, env, timeoutMs })
    const counted = countRun(run)
    totals.passed += counted.passed
    totals.failed += counted.failed
    totals.skipped += counted.skipped
    const why = run.timedOut
      ? `timed out after ${timeoutMs} ms (killed with its child processes)`
      : counted.ok
        ? undefined
        : `failed (exit ${run.code}${run.signal ? `, ${run.signal}` : ''}${counted.summarised ? '' : ", ended before uvu's summary"})`
    if (why) problems.push(`${file}: ${why}`)
    const status = why ? `✘ ${file} ${why}` : `✓ ${file}`
    process.stdout.write(`${run.output.trimEnd()}\n${status} (${(run.ms / 1000).toFixed(1)} s)\n\n`)
  }
}
await Promise.all(Array.from({ length: Math.min(jobs, files.length) }, worker))
const seconds = (Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)
process.stdout.write(`${files.length} files in ${seconds} s, ${jobs} at a time\n`)
if (problems.length) process.stdout.write(`Files that did not pass:\n${problems.map((p) => `  ${p}`).join('\n')}\n`)

if (values.coverage) {
  const c8 = spawnSync(process.execPath, [resolve(root, 'node_modules/c8/bin/c8.js'), 'report'], {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const coverageOk = c8.status === 0
  // Counted as a failure so the closing line never reads "0 failed" for a run that failed.
  if (!coverageOk) {
    totals.failed += 1
    process.stdout.write('Coverage is below the thresholds in .c8rc.json (counted as 1 failure).\n')
  }
}

// The closing line, last on purpose: CI counts it.
process.stdout.write(
  `\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}\n`,
)
process.exit(totals.failed === 0 ? 0 : 1)
