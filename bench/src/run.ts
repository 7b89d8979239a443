/**
 * `pnpm bench`: starts the sandboxes in their own process, measures every row of the plan in
 * fresh client processes, prints the table and the target checks, and writes bench/RESULTS.md
 * (kept: the hand-written analysis below its marker) and bench/results/latest.json.
 *
 * Flags: --reps N (default 3), --slow-reps N (default 1: the 50,000-object sequential listings
 * at 20 ms, which are latency-bound and take ~11 s each), --only SUBSTRING (rows whose key
 * contains it), --quick (sizes / 10, RESULTS.md untouched), --no-write.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { machine } from './machine.ts'
import { plan, sandboxes, type Options } from './plan.ts'
import { BENCH_DIR, bundleClients, runClient, startServer, type ClientRun } from './processes.ts'
import { ANALYSIS_MARKER, resultsMarkdown, summarize, table, targetLines, targets, type RowResult } from './report.ts'

const args = process.argv.slice(2)
const flag = (name: string): boolean => args.includes(`--${name}`)
const value = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}
const count = (name: string, fallback: number): number => {
  const v = value(name)
  const n = v === undefined ? fallback : Number(v)
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} needs a whole number >= 1`)
  return n
}

const options: Options = { reps: count('reps', 3), slowReps: count('slow-reps', 1), quick: flag('quick') }
const only = value('only')
const write = !flag('no-write') && !options.quick && only === undefined

const log = (s: string): void => {
  process.stderr.write(`${s}\n`)
}

const main = async (): Promise<void> => {
  const started = performance.now()
  const rows = plan(options).filter((r) => only === undefined || r.key.includes(only))
  const used = new Set(rows.map((r) => r.sandbox))
  const specs = sandboxes(options).filter((s) => used.has(s.name))
  log(`bench: starting ${specs.length} sandboxes in a server process`)
  const bundles = await bundleClients()
  const server = await startServer(specs)
  const results: RowResult[] = []
  try {
    for (const row of rows) {
      const address = server.sandboxes[row.sandbox]
      if (!address) throw new Error(`no sandbox ${row.sandbox}`)
      const job = { ...row.job, ...address }
      const expected = row.job.collectIds
        ? await server.expectedIds(row.sandbox, row.job.resource, row.job.maxObjects)
        : null
      const runs: ClientRun[] = []
      let error: string | null = null
      for (let i = 0; i < row.reps; i++) {
        try {
          const run = await runClient(bundles[row.job.peer], job, () => server.requests(row.sandbox), {
            timeoutMs: 600_000,
          })
          runs.push(run)
          const m = run.measurement
          log(
            `  ${row.scenario} | ${row.label} | run ${i + 1}/${row.reps}: ${Math.round((m.objects / m.wallMs) * 1000)} objects/s, ` +
              `${(((m.cpuUserMs + m.cpuSystemMs) / m.objects) * 1000).toFixed(2)} CPU ms/1k, ${run.requests} requests, ` +
              `${(m.maxRssBytes / 2 ** 20).toFixed(1)} MB`,
          )
        } catch (e) {
          error = e instanceof Error ? e.message : String(e)
          log(`  ${row.scenario} | ${row.label} | run ${i + 1} FAILED: ${error}`)
          break
        }
      }
      const result: RowResult = { row, runs, expected, error }
      if (summarize(result)?.idsOk === false) log(`  ${row.scenario} | ${row.label}: ids differ from the sandbox's`)
      results.push(result)
    }
  } finally {
    server.close()
  }

  const totalSec = (performance.now() - started) / 1000
  console.log(`\n${table(results)}\n\nTargets:\n${targetLines(targets(results))}\n`)
  console.log(`total ${Math.round(totalSec)} s`)

  const resultsDir = join(BENCH_DIR, 'results')
  if (!existsSync(resultsDir)) mkdirSync(resultsDir, { recursive: true })
  const m = machine(BENCH_DIR)
  writeFileSync(
    join(resultsDir, options.quick || only !== undefined ? 'partial.json' : 'latest.json'),
    `${JSON.stringify({ machine: m, options, only: only ?? null, totalSec, results }, null, 2)}\n`,
  )
  if (write) {
    const file = join(BENCH_DIR, 'RESULTS.md')
    const previous = existsSync(file) ? readFileSync(file, 'utf8') : ''
    const at = previous.indexOf(ANALYSIS_MARKER)
    const analysis = at >= 0 ? previous.slice(at + ANALYSIS_MARKER.length + 1) : '\n## Analysis\n\n(to be written)\n'
    const command = `pnpm bench${args.length ? ` -- ${args.join(' ')}` : ''}`
    writeFileSync(file, resultsMarkdown(m, command, totalSec, results, analysis))
    log(`wrote ${file}`)
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
