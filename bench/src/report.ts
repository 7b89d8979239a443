/**
 * Medians, the table, the target checks and RESULTS.md. Only measured numbers appear: a row or
 * target that was not run says so.
 */
import type { Machine } from './machine.ts'
import type { Row } from './plan.ts'
import type { ClientRun } from './processes.ts'
import { migrateRateLimitTargets } from './migrate-rate-target.ts'
import { rateLimitTargets } from './rate-limit-target.ts'

export interface RowResult {
  readonly row: Row
  readonly runs: readonly ClientRun[]
  /** Digest of the ids the sandbox says the listing must yield; null when ids are not collected. */
  readonly expected: { readonly hash: string; readonly count: number } | null
  readonly error: string | null
}

export interface Summary {
  readonly objects: number
  readonly objectsPerSec: number
  readonly minPerSec: number
  readonly maxPerSec: number
  readonly cpuMsPer1k: number
  readonly requests: number
  readonly maxRssMb: number
  readonly startRssMb: number
  /** Peak RSS of every run, in run order. */
  readonly rssRunsMb: readonly number[]
  /** True when every run yielded exactly the expected ids; null when not checked. */
  readonly idsOk: boolean | null
  readonly idsHash: string | null
  readonly notes: Readonly<Record<string, number>>
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length === 0 ? NaN : s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2
}

export const summarize = (r: RowResult): Summary | null => {
  if (r.runs.length === 0) return null
  const ms = r.runs.map((x) => x.measurement)
  const perSec = ms.map((m) => (m.objects / m.wallMs) * 1000)
  const hashes = new Set(ms.map((m) => m.idsHash))
  const idsOk =
    r.expected === null || ms.some((m) => m.idsHash === null)
      ? null
      : hashes.size === 1 && ms.every((m) => m.idsHash === r.expected?.hash && m.uniqueIds === r.expected.count)
  // Notes of the median run by throughput.
  const mid = perSec.indexOf(median(perSec)) >= 0 ? perSec.indexOf(median(perSec)) : 0
  return {
    objects: median(ms.map((m) => m.objects)),
    objectsPerSec: median(perSec),
    minPerSec: Math.min(...perSec),
    maxPerSec: Math.max(...perSec),
    cpuMsPer1k: median(ms.map((m) => ((m.cpuUserMs + m.cpuSystemMs) / m.objects) * 1000)),
    requests: median(r.runs.map((x) => x.requests)),
    maxRssMb: median(ms.map((m) => m.maxRssBytes / 2 ** 20)),
    startRssMb: median(ms.map((m) => m.startRssBytes / 2 ** 20)),
    rssRunsMb: ms.map((m) => m.maxRssBytes / 2 ** 20),
    idsOk,
    idsHash: hashes.size === 1 ? (ms[0]?.idsHash ?? null) : null,
    notes: ms[mid]?.notes ?? {},
  }
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US')
const fixed = (n: number, d = 1): string => n.toFixed(d)

export const table = (results: readonly RowResult[]): string => {
  const head = [
    'Scenario',
    'Client',
    'Runs',
    'Objects',
    'Objects/s (median)',
    'min–max',
    'CPU ms / 1k objects',
    'Requests',
    'Peak RSS MB',
    'Ids',
  ]
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i < 2 ? ' --- ' : ' ---: ')).join('|')}|`]
  for (const r of results) {
    const s = summarize(r)
    if (s === null) {
      lines.push(`| ${r.row.scenario} | ${r.row.label} | 0 | failed: ${r.error ?? 'not run'} | | | | | | |`)
      continue
    }
    const notes = Object.keys(s.notes).length
      ? ` (${Object.entries(s.notes)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')})`
      : ''
    lines.push(
      `| ${r.row.scenario} | ${r.row.label}${notes} | ${r.runs.length} | ${int(s.objects)} | ${int(s.objectsPerSec)} | ${int(s.minPerSec)}–${int(s.maxPerSec)} | ${fixed(s.cpuMsPer1k, 2)} | ${int(s.requests)} | ${fixed(s.maxRssMb)} | ${s.idsOk === null ? '–' : s.idsOk ? 'exact' : 'MISMATCH'} |`,
    )
  }
  return lines.join('\n')
}

export interface Target {
  readonly title: string
  /** null: not measured in this run. */
  readonly met: boolean | null
  readonly detail: string
}

const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}x`

/** Target 1's option "prefetch one page by default", measured beside the default. */
const prefetchNote = (p1: Summary | null, stripe: Summary): string =>
  p1 === null ? '' : `; with prefetch 1: ${ratio(p1.objectsPerSec, stripe.objectsPerSec)} (${int(p1.objectsPerSec)}/s)`

export const targets = (results: readonly RowResult[]): Target[] => {
  const get = (key: string): Summary | null => {
    const r = results.find((x) => x.row.key === key)
    return r ? summarize(r) : null
  }
  const out: Target[] = []
  const missing = (title: string): Target => ({ title, met: null, detail: 'not measured in this run' })

  for (const [r, name] of [
    ['paymentLinks', 'payment links'],
    ['paymentIntents', 'payment intents'],
    ['checkoutSessions', 'checkout sessions'],
  ] as const) {
    const title = `1. ${name}, 0 ms: paymux throughput >= stripe-node, CPU/object <= 1.5x raw`
    const p = get(`wp0.${r}.paymux`)
    const s = get(`wp0.${r}.stripe`)
    const raw = get(`wp0.${r}.raw`)
    if (!p || !s || !raw) {
      out.push(missing(title))
      continue
    }
    const fast = p.objectsPerSec >= s.objectsPerSec
    const cheap = p.cpuMsPer1k <= 1.5 * raw.cpuMsPer1k
    out.push({
      title,
      met: fast && cheap,
      detail:
        `throughput ${ratio(p.objectsPerSec, s.objectsPerSec)} stripe-node (${int(p.objectsPerSec)} vs ${int(s.objectsPerSec)}/s) ${fast ? 'met' : 'NOT met'}; ` +
        `CPU ${ratio(p.cpuMsPer1k, raw.cpuMsPer1k)} raw (${fixed(p.cpuMsPer1k, 2)} vs ${fixed(raw.cpuMsPer1k, 2)} ms/1k) ${cheap ? 'met' : 'NOT met'}` +
        `; stripe-node CPU ${ratio(s.cpuMsPer1k, raw.cpuMsPer1k)} raw` +
        prefetchNote(get(`wp0.${r}.paymuxPrefetch1`), s),
    })
  }

  {
    const title = '2. 20 ms latency, consumer 20 ms/page: prefetch 1 >= 1.6x prefetch 0'
    const p0 = get('consumer.prefetch0')
    const p1 = get('consumer.prefetch1')
    if (!p0 || !p1) out.push(missing(title))
    else {
      out.push({
        title,
        met: p1.objectsPerSec >= 1.6 * p0.objectsPerSec,
        detail: `${ratio(p1.objectsPerSec, p0.objectsPerSec)} (${int(p1.objectsPerSec)} vs ${int(p0.objectsPerSec)}/s)`,
      })
    }
  }

  for (const [r, name] of [
    ['paymentIntents', 'payment intents'],
    ['checkoutSessions', 'checkout sessions'],
  ] as const) {
    const title = `3. ${name}, 20 ms: partitions 8 >= 5x stripe-node, identical id set`
    const p = get(`wp20.${r}.partitions8`)
    const s = get(`wp20.${r}.stripe`)
    if (!p || !s) {
      out.push(missing(title))
      continue
    }
    const fast = p.objectsPerSec >= 5 * s.objectsPerSec
    const same = p.idsHash !== null && p.idsHash === s.idsHash && p.idsOk === true && s.idsOk === true
    out.push({
      title,
      met: fast && same,
      detail: `${ratio(p.objectsPerSec, s.objectsPerSec)} (${int(p.objectsPerSec)} vs ${int(s.objectsPerSec)}/s); id sets ${same ? 'identical (and equal to the sandbox’s)' : 'DIFFER'}`,
    })
  }

  {
    const title = '4. PriceBlocs, 20 ms: concurrency 4 >= 3x sequential'
    const seq = get('pb20.paymux')
    const c4 = get('pb20.concurrency4')
    if (!seq || !c4) out.push(missing(title))
    else {
      out.push({
        title,
        met: c4.objectsPerSec >= 3 * seq.objectsPerSec && c4.idsOk !== false,
        detail: `${ratio(c4.objectsPerSec, seq.objectsPerSec)} (${int(c4.objectsPerSec)} vs ${int(seq.objectsPerSec)}/s); ids ${c4.idsOk ? 'exact' : 'NOT exact'}`,
      })
    }
  }

  {
    const title = '5. Memory: 1,000,000 objects peak RSS < 150 MB and within 20% of 100,000'
    const small = get('memory.small.paymux')
    const large = get('memory.large.paymux')
    const rawLarge = get('memory.large.raw')
    if (!small || !large) out.push(missing(title))
    else {
      const under = large.maxRssMb < 150
      const flat = large.maxRssMb <= 1.2 * small.maxRssMb
      out.push({
        title,
        met: under && flat,
        detail:
          `${fixed(large.maxRssMb)} MB at ${int(large.objects)} objects (runs: ${large.rssRunsMb.map((x) => fixed(x)).join(', ')}), ` +
          `${fixed(small.maxRssMb)} MB at ${int(small.objects)} (runs: ${small.rssRunsMb.map((x) => fixed(x)).join(', ')}) ` +
          `(${ratio(large.maxRssMb, small.maxRssMb)}; ${fixed(large.startRssMb)} MB before the first request)` +
          (rawLarge ? `; raw fetch peaks at ${fixed(rawLarge.maxRssMb)} MB on the same listing` : ''),
      })
    }
  }
  out.push(...rateLimitTargets(get))
  out.push(...migrateRateLimitTargets(get))
  return out
}

export const targetLines = (ts: readonly Target[]): string =>
  ts.map((t) => `- ${t.met === null ? 'NOT MEASURED' : t.met ? 'MET' : 'NOT MET'}: ${t.title}: ${t.detail}`).join('\n')

/** Everything below this line in RESULTS.md is written by hand and kept across runs. */
export const ANALYSIS_MARKER = '<!-- analysis: kept across runs -->'

export const resultsMarkdown = (
  m: Machine,
  load: { readonly start: readonly number[]; readonly end: readonly number[] },
  command: string,
  totalSec: number,
  results: readonly RowResult[],
  analysis: string,
): string => `# paymux benchmark results

Generated by \`${command}\` (bench/src/run.ts) in ${Math.round(totalSec)} s. Medians over the runs
shown; every run is a fresh client process; the sandboxes run in a separate server process.

## Machine

- Date: ${m.date}
- CPU: ${m.cpuModel}, nproc ${m.nproc}
- OS: ${m.os}
- Node: ${m.node}; stripe-node ${m.stripe}; paymux commit ${m.commit}
- Load average (1, 5, 15 min) at start: ${load.start.map((x) => x.toFixed(2)).join(', ')}; at end: ${load.end.map((x) => x.toFixed(2)).join(', ')} (the machine is shared: other processes compete for its ${m.nproc} cores)
- Memory (\`free -h\`):

\`\`\`
${m.memory}
\`\`\`

## Results

${table(results)}

Columns: objects/s = objects / wall time of the listing (median; min–max over the runs); CPU ms /
1k objects = user + system CPU time of the client process during the listing
(\`process.cpuUsage\`); requests = requests the sandbox served during the listing; peak RSS =
\`getrusage\` max RSS of the client process over its whole life (module loading included); ids =
every run yielded exactly the set of ids the sandbox holds for that listing.

## Targets

${targetLines(targets(results))}

${ANALYSIS_MARKER}
${analysis}`
