/**
 * The options every sandbox shares (`SandboxOptions`), checked once: a bad value is a `config`
 * PaymuxError thrown before the server listens, naming the option, never a server that
 * misbehaves later.
 */
import { configError } from '../errors.ts'
import { refuseUnknownNames } from '../option-names.ts'
import { FAULT_KINDS, type FaultKind, type SandboxOptions, type SandboxRateLimit } from '../sandbox.ts'

/** The largest collection a sandbox seeds (objects are built lazily, so this costs no memory). */
export const MAX_SANDBOX_COUNT = 10_000_000

/** Which requests a sandbox fails and how: the share of requests and the fault kinds drawn from. */
export interface FaultPlan {
  /** Fraction of requests (0..1) that fail. */
  readonly rate: number
  readonly kinds: readonly FaultKind[]
}

/** Sandbox options after checking, with every default filled in. */
export interface ResolvedSandboxOptions {
  readonly port: number
  readonly count: number
  readonly seed: number
  readonly latencyMs: number
  readonly faults: FaultPlan
  readonly writeFaults: FaultPlan
  readonly quirks: boolean
  /** Null: no limit. */
  readonly rateLimit: ResolvedRateLimit | null
}

/** A rate limit after checking, defaults filled in. */
export type ResolvedRateLimit = Required<SandboxRateLimit>

/** Throws a `config` error from `label` (e.g. `acme-sandbox`) unless `ok`. */
export const checkOption = (label: string, ok: boolean, message: string): void => {
  if (!ok) throw configError(label, message)
}

/** A collection size: an integer from 0 to `MAX_SANDBOX_COUNT`. */
export const checkCount = (label: string, name: string, n: number): number => {
  checkOption(
    label,
    Number.isInteger(n) && n >= 0 && n <= MAX_SANDBOX_COUNT,
    `${name} must be an integer from 0 to ${MAX_SANDBOX_COUNT}`,
  )
  return n
}

/** The kinds `faults` draws from when it names none: `commit_then_drop` only when asked for. */
const DEFAULT_FAULT_KINDS: readonly FaultKind[] = FAULT_KINDS.filter((k) => k !== 'commit_then_drop')

const resolveFaultPlan = (
  label: string,
  name: string,
  o: { readonly rate: number; readonly kinds?: readonly FaultKind[] } | undefined,
  defaultKinds: readonly FaultKind[],
): FaultPlan => {
  const rate = o?.rate ?? 0
  const kinds: readonly FaultKind[] = o?.kinds ?? defaultKinds
  checkOption(label, Number.isFinite(rate) && rate >= 0 && rate <= 1, `${name}.rate must be from 0 to 1`)
  checkOption(
    label,
    Array.isArray(kinds) && kinds.every((k) => (FAULT_KINDS as readonly string[]).includes(k)),
    `${name}.kinds must be among ${FAULT_KINDS.join(', ')}`,
  )
  checkOption(label, kinds.length > 0 || rate === 0, `${name}.kinds is empty`)
  return { rate, kinds }
}

/** Checks and completes the common sandbox options (defaults: any port, 250 objects, seed 1). */
export const resolveSandboxOptions = (label: string, o: SandboxOptions): ResolvedSandboxOptions => {
  const port = o.port ?? 0
  const seed = o.seed ?? 1
  const latencyMs = o.latencyMs ?? 0
  checkOption(label, Number.isInteger(port) && port >= 0 && port <= 65_535, 'port must be an integer from 0 to 65535')
  const count = checkCount(label, 'count', o.count ?? 250)
  checkOption(label, Number.isInteger(seed), 'seed must be an integer')
  checkOption(label, Number.isFinite(latencyMs) && latencyMs >= 0, 'latencyMs must be >= 0')
  const faults = resolveFaultPlan(label, 'faults', o.faults, DEFAULT_FAULT_KINDS)
  const writeFaults = resolveFaultPlan(label, 'writeFaults', o.writeFaults, ['commit_then_drop'])
  const rateLimit = resolveRateLimit(label, o.rateLimit)
  return { port, count, seed, latencyMs, faults, writeFaults, quirks: o.quirks ?? true, rateLimit }
}

const RATE_LIMIT_NAMES = ['requestsPerSecond', 'burst', 'retryAfter', 'clock']

/** Checks `rateLimit` (a plain object of known members; positive rate, burst >= 1). `null` is a value, refused like any wrong one. */
const resolveRateLimit = (label: string, o: SandboxRateLimit | undefined): ResolvedRateLimit | null => {
  if (o === undefined) return null
  checkOption(label, typeof o === 'object' && o !== null && !Array.isArray(o), 'rateLimit must be an object')
  refuseUnknownNames(label, o, RATE_LIMIT_NAMES, 'rateLimit.')
  const rps: unknown = o.requestsPerSecond
  checkOption(
    label,
    typeof rps === 'number' && Number.isFinite(rps) && rps > 0,
    'rateLimit.requestsPerSecond must be a number > 0',
  )
  const requestsPerSecond = rps as number
  const burst: unknown = o.burst === undefined ? Math.max(1, requestsPerSecond) : o.burst
  checkOption(
    label,
    typeof burst === 'number' && Number.isFinite(burst) && burst >= 1,
    'rateLimit.burst must be a number >= 1',
  )
  const retryAfter: unknown = o.retryAfter === undefined ? true : o.retryAfter
  checkOption(label, typeof retryAfter === 'boolean', 'rateLimit.retryAfter must be a boolean')
  const clock: unknown = o.clock === undefined ? Date.now : o.clock
  checkOption(label, typeof clock === 'function', 'rateLimit.clock must be a function')
  return {
    requestsPerSecond,
    burst: burst as number,
    retryAfter: retryAfter as boolean,
    clock: clock as () => number,
  }
}
