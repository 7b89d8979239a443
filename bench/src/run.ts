/**
 * `pnpm bench`: starts the sandboxes in their own process, measures every row of the plan in
 * fresh client processes, prints the table and the target checks, and writes bench/RESULTS.md
 * (kept: the hand-written analysis below its marker) and bench/results/latest.json.
 *
 * Flags: --reps N (default 3), --slow-reps N (default 1: long rows, see README.md), --warmup N
 * (objects listed untimed first; default 500), --only SUBSTRING (rows whose key contains it), --quick (sizes / 10, RESULTS.md untouched), --no-write, --profile (a CPU
 * profile of each measured listing, summarized by module and function; RESULTS.md untouched).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { machine } from './machine.ts'
import { hotspots } from './profile.ts'
import { plan, sandboxes, type Options, type Row } from './plan.ts'
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
/** `--warmup N`: objects listed untimed before each measurement (default 500 per plan.ts). */
const warmup = value('warmup') === undefined ? null : count('warmup', 1)
/** `--profile`: a V8 CPU profile of every measured listing, summarized at the end (never written to RESULTS.md). */
const profileDir = flag('profile') ? join(BENCH_DIR, '.tmp', `profiles-${Date.now()}`) : null
const write = !flag('no-write') && !options.quick && only === undefined && profileDir === null && warmup === null

const log = (s: string): void => {
  process.stderr.write(`${s}\n`)
}

const main = async (): Promise<void> => {
  const started = performance.now()
  const loadStart = loadavg()
  const rows = plan(options).filter((r) => only === undefined || r.key.includes(only))
  const used = new Set(rows.flatMap((r) => (r.target ? [r.sandbox, r.target.sandbox] : [r.sandbox])))
  const specs = sandboxes(options).filter((s) => used.has(s.name))
  log(`bench: starting ${specs.length} sandboxes in a server process`)
  const bundles = await bundleClients()
  const server = await startServer(specs)
  const results: RowResult[] = []
  const profiles: { row: Row; file: string }[] = []
  if (profileDir) mkdirSync(profileDir, { recursive: true })
  try {
    // Peers of one scenario take turns run by run, so that a burst of load on the machine
    // falls on all of them rather than on one peer's runs.
    for (const scenario of [...new Set(rows.map((r) => r.scenario))]) {
      const group = rows.filter((r) => r.scenario === scenario)
      const state = new Map<Row, { runs: ClientRun[]; error: string | null; expected: RowResult['expected'] }>()
      for (const row of group) {
        const expected = row.job.collectIds
          ? await server.expectedIds(row.sandbox, row.job.resource, row.job.maxObjects)
          : null
        state.set(row, { runs: [], error: null, expected })
      }
      const rounds = Math.max(...group.map((r) => r.reps))
      for (let i = 0; i < rounds; i++) {
        for (const row of group) {
          const st = state.get(row) as { runs: ClientRun[]; error: string | null }
          if (i >= row.reps || st.error !== null) continue
          const address = server.sandboxes[row.sandbox]
          if (!address) throw new Error(`no sandbox ${row.sandbox}`)
          try {
            const profileFile = profileDir ? join(profileDir, `${row.key}.${i + 1}.cpuprofile`) : undefined
            // A migration copies into a target started anew for every run (see SandboxSpec.fresh).
            const target = row.target
              ? { ...(await server.restart(row.target.sandbox)), provider: row.target.provider }
              : undefined
            const job = {
              ...row.job,
              ...address,
              ...(target ? { target } : {}),
              ...(profileFile ? { profileFile } : {}),
              ...(warmup !== null && row.job.warmupObjects > 0 ? { warmupObjects: warmup } : {}),
            }
            // A migration's requests are the source's and the target's.
            const requests = async () =>
              (await server.requests(row.sandbox)) + (row.target ? await server.requests(row.target.sandbox) : 0)
            const run = await runClient(bundles[row.job.peer], job, requests, {
              timeoutMs: 600_000,
            })
            if (profileFile) profiles.push({ row, file: profileFile })
            st.runs.push(run)
            const m = run.measurement
            log(
              `  ${row.scenario} | ${row.label} | run ${i + 1}/${row.reps}: ${Math.round((m.objects / m.wallMs) * 1000)} objects/s, ` +
                `${(((m.cpuUserMs + m.cpuSystemMs) / m.objects) * 1000).toFixed(2)} CPU ms/1k, ${run.requests} requests, ` +
                `${(m.maxRssBytes / 2 ** 20).toFixed(1)} MB`,
            )
          } catch (e) {
            st.error = e instanceof Error ? e.message : String(e)
            log(`  ${row.scenario} | ${row.label} | run ${i + 1} FAILED: ${st.error}`)
          }
        }
      }
      for (const row of group) {
        const st = state.get(row) as { runs: ClientRun[]; error: string | null; expected: RowResult['expected'] }
        const result: RowResult = { row, runs: st.runs, expected: st.expected, error: st.error }
        if (summarize(result)?.idsOk === false) log(`  ${row.scenario} | ${row.label}: ids differ from the sandbox's`)
        results.push(result)
      }
    }
    for (const p of profiles) {
      const h = hotspots(p.file, bundles[p.row.job.peer])
      const pct = (x: { share: number }) => `${(x.share * 100).toFixed(1)}%`.padStart(6)
      console.log(`\n${p.row.scenario} | ${p.row.label}: ${h.total.toFixed(0)} ms sampled (${p.file})`)
      console.log('  by module:')
      for (const m of h.modules) console.log(`  ${pct(m)} ${m.ms.toFixed(0).padStart(6)} ms  ${m.name}`)
      console.log('  by function (self time):')
      for (const f of h.functions) console.log(`  ${pct(f)} ${f.ms.toFixed(0).padStart(6)} ms  ${f.name}`)
    }
  } finally {
    server.close()
    rmSync(dirname(bundles.raw), { recursive: true, force: true })
  }

  const totalSec = (performance.now() - started) / 1000
  console.log(`\n${table(results)}\n\nTargets:\n${targetLines(targets(results))}\n`)
  console.log(`total ${Math.round(totalSec)} s`)

  // A full run's raw figures are kept next to RESULTS.md; partial runs go to the ignored .tmp/.
  const resultsDir = join(BENCH_DIR, write ? 'results' : '.tmp')
  if (!existsSync(resultsDir)) mkdirSync(resultsDir, { recursive: true })
  const m = machine(BENCH_DIR)
  writeFileSync(
    join(resultsDir, write ? 'latest.json' : 'partial.json'),
    `${JSON.stringify({ machine: m, load: { start: loadStart, end: loadavg() }, options, only: only ?? null, totalSec, results }, null, 2)}\n`,
  )
  if (write) {
    const file = join(BENCH_DIR, 'RESULTS.md')
    const previous = existsSync(file) ? readFileSync(file, 'utf8') : ''
    const at = previous.indexOf(ANALYSIS_MARKER)
    const analysis = at >= 0 ? previous.slice(at + ANALYSIS_MARKER.length + 1) : '\n## Analysis\n\n(to be written)\n'
    const command = `pnpm bench${args.length ? ` -- ${args.join(' ')}` : ''}`
    writeFileSync(file, resultsMarkdown(m, { start: loadStart, end: loadavg() }, command, totalSec, results, analysis))
    log(`wrote ${file}`)
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
