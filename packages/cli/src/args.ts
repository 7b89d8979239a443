/**
 * Command-line parsing on top of `node:util` `parseArgs`, plus the value checks every command
 * shares (resource, provider, dates, counts). Every problem is a `usage` error (exit 2) whose
 * message names the offending argument, instead of parseArgs' long generic text.
 */
import { parseArgs } from 'node:util'
import { usageError } from './cli-error.ts'
import { RESOURCE_NAMES, isCliResource, type CliResource } from './resources.ts'
import { closest } from './suggest.ts'

export interface OptionSpec {
  readonly type: 'string' | 'boolean'
  readonly short?: string
}
export type OptionSpecs = Readonly<Record<string, OptionSpec>>

/** Options every command accepts. */
export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  debug: { type: 'boolean' },
} as const satisfies OptionSpecs

export interface Parsed {
  readonly values: Readonly<Record<string, string | boolean | undefined>>
  readonly positionals: readonly string[]
}

/**
 * `--limit -1`: parseArgs reads a value starting with a dash as a missing value. A negative
 * number after a string option is meant as its value, so it is joined (`--limit=-1`) and the
 * option's own check can say what it takes.
 */
const joinNegativeValues = (args: readonly string[], options: OptionSpecs): string[] => {
  const out: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    const next = args[i + 1]
    const name = arg.startsWith('--') ? arg.slice(2) : ''
    if (options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`)
      i += 1
    } else {
      out.push(arg)
    }
  }
  return out
}

/** Strict parse: unknown options, missing values and repeated options are usage errors. */
export const parseCommandLine = (args: readonly string[], options: OptionSpecs, command: string): Parsed => {
  const hint = command ? `see paymux ${command} --help` : 'see paymux --help'
  const all: OptionSpecs = { ...COMMON_OPTIONS, ...options }
  try {
    const { values, positionals } = parseArgs({
      args: joinNegativeValues(args, all),
      options: all,
      allowPositionals: true,
      strict: true,
    })
    return { values: values as Parsed['values'], positionals }
  } catch (e) {
    const code = (e as { code?: string }).code
    const message = e instanceof Error ? e.message : String(e)
    const quoted = /'([^']+)'/.exec(message)?.[1] ?? ''
    const name = quoted.split(' ')[0] ?? quoted
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const guess = closest(
        name.split('=')[0] as string,
        Object.keys(all).map((o) => `--${o}`),
      )
      throw usageError(`unknown option ${name}`, guess ? `did you mean ${guess}? ${hint}` : hint)
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      // "argument missing" or "ambiguous" (the next argument starts with a dash): a value is missing.
      throw usageError(message.includes('does not take') ? `${name} takes no value` : `${name} needs a value`, hint)
    }
    throw usageError(message, hint)
  }
}

/** A string option's value, or undefined. */
export const str = (p: Parsed, name: string): string | undefined => {
  const v = p.values[name]
  return typeof v === 'string' ? v : undefined
}

export const flag = (p: Parsed, name: string): boolean => p.values[name] === true

/** The positionals a command takes, by name; too few or too many is a usage error. */
export const positionals = (p: Parsed, names: readonly string[], command: string): string[] => {
  const hint = `see paymux ${command} --help`
  if (p.positionals.length < names.length) throw usageError(`missing <${names[p.positionals.length]}>`, hint)
  if (p.positionals.length > names.length) {
    throw usageError(`unexpected argument ${JSON.stringify(p.positionals[names.length])}`, hint)
  }
  return [...p.positionals]
}

/**
 * A resource by its command-line name; Stripe's spelling with underscores (`payment_links`) is
 * accepted too. Anything else is refused with the closest name.
 */
export const parseResource = (name: string): CliResource => {
  const dashed = name.replace(/_/g, '-')
  if (isCliResource(dashed)) return dashed
  const guess = closest(dashed, RESOURCE_NAMES) ?? RESOURCE_NAMES.find((r) => r.startsWith(dashed.slice(0, 7)))
  throw usageError(
    `unknown resource ${JSON.stringify(name)}`,
    guess ? `did you mean ${guess}?` : `use one of ${RESOURCE_NAMES.join(', ')}`,
  )
}

/** The providers this CLI ships adapters for. */
export const PROVIDER_IDS = ['wooshpay', 'priceblocs'] as const
export type ProviderId = (typeof PROVIDER_IDS)[number]

/**
 * `--provider`: one provider, or `all` where the command allows it. Without the option, `all`
 * when `fallback` is 'all', else a usage error.
 */
export const parseProvider = (
  value: string | undefined,
  command: string,
  allowAll: boolean,
  fallback: 'all' | 'required' = 'required',
): ProviderId | 'all' => {
  const allowed = allowAll ? [...PROVIDER_IDS, 'all'] : PROVIDER_IDS
  if (value === undefined) {
    if (allowAll && fallback === 'all') return 'all'
    throw usageError(`--provider is required`, `add --provider ${allowed.join('|')}`)
  }
  if ((PROVIDER_IDS as readonly string[]).includes(value)) return value as ProviderId
  if (value === 'all' && allowAll) return 'all'
  const why = value === 'all' ? `paymux ${command} needs one provider` : `unknown provider ${JSON.stringify(value)}`
  throw usageError(why, `use --provider ${allowed.join('|')}`)
}

/** A whole number in [min, max], for `--limit`, `--port`, `--count`. */
export const parseInteger = (name: string, value: string, min: number, max: number): number => {
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const what = min >= 1 ? 'a positive integer' : 'a whole number'
    throw usageError(`${name} needs ${what} from ${min} to ${max}, got ${JSON.stringify(value)}`)
  }
  return n
}

/** A fraction in [0, 1], for `--faults`. */
export const parseRate = (name: string, value: string): number => {
  const n = /^(?:0|1|0?\.\d+|1\.0*)$/.test(value) ? Number(value) : Number.NaN
  if (Number.isNaN(n)) throw usageError(`${name} must be a number from 0 to 1, got ${JSON.stringify(value)}`)
  return n
}

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i

const DATE_FORMS =
  'use YYYY, YYYY-MM, YYYY-MM-DD, an ISO 8601 date-time such as 2024-05-01T12:00:00Z, or Unix seconds as @1714521600'

/**
 * `--created-gte DATE`: `2024` and `2024-05` (the first day, midnight UTC), `2024-05-01`
 * (midnight UTC), an ISO 8601 date-time (UTC unless it has an offset), or Unix seconds written
 * `@1714521600` or with at least 9 digits. A shorter bare number is refused: `2024` is a year,
 * never second 2024 of 1970. Impossible dates such as 2024-02-30 are refused, not rolled.
 */
export const parseDate = (name: string, value: string): Date => {
  const bad = (why = `${name} is not a date: ${JSON.stringify(value)}`) => usageError(why, DATE_FORMS)
  const text = value.trim()
  const seconds = /^@(\d{1,12})$/.exec(text)?.[1] ?? (/^\d{9,12}$/.test(text) ? text : undefined)
  if (seconds !== undefined) {
    const date = new Date(Number(seconds) * 1000)
    if (Number.isNaN(date.getTime())) throw bad()
    return date
  }
  const yearMonth = /^(\d{4})(?:-(\d{2}))?$/.exec(text)
  if (yearMonth) {
    const month = Number(yearMonth[2] ?? '01')
    if (month < 1 || month > 12) throw bad()
    return new Date(Date.UTC(Number(yearMonth[1]), month - 1, 1))
  }
  if (/^\d+$/.test(text)) throw bad(`${name} is ambiguous: ${JSON.stringify(value)} is neither a year nor Unix seconds`)
  const m = DATE_SHAPE.exec(text)
  if (!m) throw bad()
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = m
  const hasTime = m[4] !== undefined
  const iso = hasTime ? text.replace(' ', 'T') + (zone ? '' : 'Z') : `${y}-${mo}-${d}T00:00:00Z`
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) throw bad()
  // Date rolls 2024-02-30 over to March; the calendar fields of the UTC reading must match.
  const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)))
  if (
    check.getUTCFullYear() !== Number(y) ||
    check.getUTCMonth() !== Number(mo) - 1 ||
    check.getUTCDate() !== Number(d) ||
    check.getUTCHours() !== Number(h) ||
    check.getUTCMinutes() !== Number(mi) ||
    check.getUTCSeconds() !== Number(s)
  ) {
    throw bad()
  }
  return date
}
