/**
 * Normalizer-side readers of the values the scalar codecs validated: they convert, never check
 * again. `null` out means "no value" in the neutral model.
 */
import { isAbsent, type Nullish } from './guards.ts'

/** `""` and `null` both mean "no value". */
export const readText = (v: Nullish<string>): string | null => (isAbsent(v) ? null : v)

/** An integer validated by `IntLike`, `Count` or `EpochTime`, read from a number or digit string. */
export const readInt = (v: Nullish<number | string>): number | null =>
  isAbsent(v) ? null : typeof v === 'number' ? v : Number(v)

/**
 * At or above this an epoch value is read as milliseconds: 1e11 seconds is the year 5138, while
 * 1e11 milliseconds is 1973, so no plausible date is misread either way.
 */
export const EPOCH_MS_THRESHOLD = 1e11

/** An epoch time in seconds or milliseconds (validated by `EpochTime`), told apart by size. */
export const epochDate = (v: Nullish<number | string>): Date | null => {
  const n = readInt(v)
  return n === null ? null : new Date(n >= EPOCH_MS_THRESHOLD ? n : n * 1000)
}

/** A boolean validated by `BoolLike`. */
export const readBool = (v: Nullish<boolean | 'true' | 'false'>): boolean | null =>
  isAbsent(v) ? null : v === true || v === 'true'

/**
 * Neutral metadata is string -> string: strings are kept, numbers and booleans stringified,
 * anything else (null, objects) dropped.
 */
export const readMetadata = (v: Nullish<Readonly<Record<string, unknown>>>): Record<string, string> => {
  const out: Record<string, string> = {}
  if (isAbsent(v)) return out
  for (const k of Object.keys(v)) {
    const value = v[k]
    if (typeof value === 'string') out[k] = value
    else if (typeof value === 'number' || typeof value === 'boolean') out[k] = String(value)
  }
  return out
}

/** A currency code validated by `CurrencyLetters`, in the neutral upper case. */
export const readCurrency = (v: Nullish<string>): string | null => (isAbsent(v) ? null : v.toUpperCase())
