/**
 * One measurement, in a fresh process so that its peak RSS is its own: read the job (argv[2]), warm up
 * (a short untimed listing, so the JIT has seen the code), tell the parent, wait for `go` (the
 * parent reads the server's request counter in between), list, and report wall time, CPU time
 * of this process, peak RSS and a digest of the ids.
 */
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { createSink, type Sink } from './peers/sink.ts'
import type { ClientMessage, Job, Measurement, ParentToClient } from './protocol.ts'

const send = (m: ClientMessage, then?: () => void): void => {
  process.send?.(m, undefined, undefined, then)
}

/** One peer's listing. Each peer has its own entry (clients/*.ts) so that a process loads only its code. */
export type Lister = (job: Job, maxObjects: number | null, sink: Sink, notes: Record<string, number>) => Promise<void>

const idsDigest = (ids: readonly string[]): { hash: string; unique: number } => {
  const sorted = [...ids].sort()
  const h = createHash('sha256')
  let unique = 0
  for (let i = 0; i < sorted.length; i++) {
    h.update(`${sorted[i]}\n`)
    if (i === 0 || sorted[i] !== sorted[i - 1]) unique += 1
  }
  return { hash: h.digest('hex'), unique }
}

/** The V8 sampling profiler over the measured listing only (not start-up, not warm-up). */
const startProfiler = async (): Promise<{ stop(): Promise<unknown> }> => {
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 100 })
  await session.post('Profiler.start')
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop')
      session.disconnect()
      return profile
    },
  }
}

/** `BENCH_TRACE_MEMORY=ms`: memory figures on stderr every `ms` while the listing runs (diagnosis). */
const traceMemory = (ms: number): NodeJS.Timeout =>
  setInterval(() => {
    const m = process.memoryUsage()
    const mb = (n: number) => (n / 2 ** 20).toFixed(1).padStart(6)
    process.stderr.write(
      `memory: rss ${mb(m.rss)} heapTotal ${mb(m.heapTotal)} heapUsed ${mb(m.heapUsed)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)}\n`,
    )
  }, ms)

const next = (): Promise<ParentToClient> =>
  new Promise((resolve) => process.once('message', (m: ParentToClient) => resolve(m)))

const measure = async (list: Lister, job: Job): Promise<Measurement> => {
  const startRssBytes = process.memoryUsage.rss()
  if (job.warmupObjects > 0) {
    // Warm-up without consumer work, partitions or id collection: it only exercises the code.
    const warm: Job = { ...job, consumerMsPerPage: 0, partitions: 0, concurrency: 1, prefetch: 0 }
    await list(warm, job.warmupObjects, createSink(false), {})
  }
  send({ type: 'warm' })
  await next()

  const profiler = job.profileFile ? await startProfiler() : null
  const trace = process.env['BENCH_TRACE_MEMORY'] ? traceMemory(Number(process.env['BENCH_TRACE_MEMORY'])) : null
  const sink = createSink(job.collectIds)
  const notes: Record<string, number> = {}
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  await list(job, job.maxObjects, sink, notes)
  const wallMs = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  if (trace) clearInterval(trace)
  if (profiler && job.profileFile) writeFileSync(job.profileFile, JSON.stringify(await profiler.stop()))
  const maxRssBytes = process.resourceUsage().maxRSS * 1024
  const digest = job.collectIds ? idsDigest(sink.ids) : null
  return {
    objects: sink.objects,
    wallMs,
    cpuUserMs: cpu.user / 1000,
    cpuSystemMs: cpu.system / 1000,
    maxRssBytes,
    startRssBytes,
    idsHash: digest?.hash ?? null,
    uniqueIds: digest?.unique ?? null,
    notes,
  }
}

/**
 * Runs the job in argv[2] with `list` and reports to the parent. Exits as soon as the report is
 * sent: keep-alive sockets must not hold the process open.
 */
export const serveMeasurement = (list: Lister): void => {
  const job = JSON.parse(process.argv[2] ?? '') as Job
  measure(list, job).then(
    (measurement) => send({ type: 'done', measurement }, () => process.exit(0)),
    (e: unknown) =>
      send({ type: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) }, () => process.exit(1)),
  )
}
