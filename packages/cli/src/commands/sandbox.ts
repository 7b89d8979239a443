/**
 * `paymux sandbox`: both providers' sandboxes in one process, announced as shell lines to
 * paste (`export WOOSHPAY_BASE_URL=...`). The keys printed are the sandboxes' own fixed test
 * keys, which open nothing but these local servers; they are not secrets. Runs until
 * Ctrl-C / SIGTERM (the `io.signal`), then closes both servers and exits 0.
 */
import type { Sandbox, SandboxOptions, SandboxRateLimit } from '@paymux/core'
import { flag, parseCommandLine, parseInteger, parseRate, positionals, str, PROVIDER_IDS } from '../args.ts'
import { EXIT_OK, usageError } from '../cli-error.ts'
import type { Io } from '../io.ts'
import { PROVIDERS } from '../providers.ts'
import { SANDBOX_HELP } from '../usage.ts'

export const SANDBOX_OPTIONS = {
  port: { type: 'string' },
  count: { type: 'string' },
  faults: { type: 'string' },
  'write-faults': { type: 'string' },
  latency: { type: 'string' },
  seed: { type: 'string' },
  'rate-limit': { type: 'string' },
  'no-retry-after': { type: 'boolean' },
} as const

const DEFAULT_PORT = 4010

/** `--rate-limit RPS` (a number > 0, e.g. 25 or 0.5) and `--no-retry-after`, which needs it. */
const parseRateLimit = (text: string | undefined, noRetryAfter: boolean): SandboxRateLimit | undefined => {
  if (text === undefined) {
    if (noRetryAfter) throw usageError('--no-retry-after needs --rate-limit', 'add --rate-limit RPS')
    return undefined
  }
  const requestsPerSecond = /^\d+(?:\.\d+)?$/.test(text) ? Number(text) : Number.NaN
  if (!(requestsPerSecond > 0) || !Number.isFinite(requestsPerSecond)) {
    throw usageError(`--rate-limit needs a number of requests per second above 0, got ${JSON.stringify(text)}`)
  }
  return { requestsPerSecond, retryAfter: !noRetryAfter }
}

/** Resolves on Ctrl-C / SIGTERM (`io.signal`): how `sandbox` and `listen` end. */
export const waitForAbort = (signal: AbortSignal | undefined): Promise<void> =>
  new Promise((resolve) => {
    if (!signal) return // Never resolves: without a signal the process is stopped from outside.
    if (signal.aborted) resolve()
    else signal.addEventListener('abort', () => resolve(), { once: true })
  })

export const sandboxCommand = async (args: readonly string[], io: Io): Promise<number> => {
  const p = parseCommandLine(args, SANDBOX_OPTIONS, 'sandbox')
  if (flag(p, 'help')) {
    io.stdout.write(SANDBOX_HELP)
    return EXIT_OK
  }
  positionals(p, [], 'sandbox')
  const num = (name: string, min: number, max: number): number | undefined => {
    const v = str(p, name)
    return v === undefined ? undefined : parseInteger(`--${name}`, v, min, max)
  }
  const port = num('port', 0, 65534) ?? DEFAULT_PORT
  const count = num('count', 0, 1_000_000)
  const latencyMs = num('latency', 0, 60_000)
  const seed = num('seed', 0, 2 ** 31 - 1)
  const faultsText = str(p, 'faults')
  const rate = faultsText === undefined ? undefined : parseRate('--faults', faultsText)
  // Writes only, and commit_then_drop only: the write happens, the answer is lost (a migration's worst case).
  const writeFaultsText = str(p, 'write-faults')
  const writeRate = writeFaultsText === undefined ? undefined : parseRate('--write-faults', writeFaultsText)
  const rateLimit = parseRateLimit(str(p, 'rate-limit'), flag(p, 'no-retry-after'))
  const base: SandboxOptions = {
    ...(count !== undefined ? { count } : {}),
    ...(latencyMs !== undefined ? { latencyMs } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(rate !== undefined && rate > 0 ? { faults: { rate } } : {}),
    ...(writeRate !== undefined && writeRate > 0 ? { writeFaults: { rate: writeRate } } : {}),
    ...(rateLimit !== undefined ? { rateLimit } : {}),
  }

  const running: Sandbox[] = []
  try {
    for (const [i, id] of PROVIDER_IDS.entries()) {
      running.push(await PROVIDERS[id].startSandbox({ ...base, port: port === 0 ? 0 : port + i }))
    }
    const lines = [
      '# paymux sandboxes: local fake APIs with seeded data. The keys below are test keys of',
      '# these local servers, not secrets. Paste the lines into a shell, then run paymux or your code.',
      ...PROVIDER_IDS.flatMap((id, i) => {
        const sb = running[i] as Sandbox
        const env = PROVIDERS[id].env
        return [`export ${env}_BASE_URL=${sb.baseUrl}`, `export ${env}_API_KEY=${sb.apiKey}`]
      }),
      '# Ctrl-C to stop.',
    ]
    io.stdout.write(`${lines.join('\n')}\n`)
    await waitForAbort(io.signal)
    io.stderr.write('paymux: sandboxes stopped\n')
    return EXIT_OK
  } finally {
    await Promise.allSettled(running.map((sb) => sb.close()))
  }
}
