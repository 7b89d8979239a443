/**
 * Strict scalar codecs for values providers send loosely: integers as JSON numbers or digit
 * strings, epoch times in seconds or milliseconds, currency codes in either case, booleans as
 * strings. Each refuses what it cannot read exactly (`12.5`, `2^53 + 1`, `1e400`, `"abc"`, `-3`
 * where a count is meant): a `decode` error, never a silent `null` or a default.
 */
import { guard } from './guards.ts'

const INT_TEXT = /^-?\d{1,16}$/

/** The last instant a `Date` can hold, in milliseconds since the epoch. */
export const MAX_DATE_MS = 8_640_000_000_000_000

/** A safe integer given as a JSON number or as a string of digits (optionally signed). */
export const isIntLike = (u: unknown): u is number | string =>
  typeof u === 'number'
    ? Number.isSafeInteger(u)
    : typeof u === 'string' && INT_TEXT.test(u) && Number.isSafeInteger(Number(u))

/** A safe integer, as a number or a digit string: `"1200"` yes; `"12.5"`, `"abc"`, `"1e3"` no. */
export const IntLike = guard('IntLike', isIntLike)

/** A safe integer JSON number: amounts in minor units. `12.5`, `2 ** 53 + 1`, `Infinity` are refused. */
export const SafeInteger = guard('SafeInteger', (u): u is number => Number.isSafeInteger(u))

/** A safe integer JSON number of at least 0: totals and sizes. */
export const NonNegativeInteger = guard(
  'NonNegativeInteger',
  (u): u is number => Number.isSafeInteger(u) && (u as number) >= 0,
)

/** A safe integer JSON number of at least 1: page numbers, interval counts. */
export const PositiveInteger = guard(
  'PositiveInteger',
  (u): u is number => Number.isSafeInteger(u) && (u as number) >= 1,
)

/** A non-negative safe integer, as a number or a digit string: quantities and counts. */
export const Count = guard(
  'Count',
  (u): u is number | string => isIntLike(u) && (typeof u === 'number' ? u : Number(u)) >= 0,
)

/**
 * An epoch time as a non-negative integer (number or digit string), in seconds or in
 * milliseconds (`epochDate` tells them apart), up to the last instant a `Date` can hold: a value
 * no `Date` can represent is refused rather than turned into an invalid date.
 */
export const EpochTime = guard('EpochTime', (u): u is number | string => {
  if (!isIntLike(u)) return false
  const n = typeof u === 'number' ? u : Number(u)
  return n >= 0 && n <= MAX_DATE_MS
})

/** An `EpochTime` that is a JSON number, for providers that never send timestamps as strings. */
export const EpochNumber = guard(
  'EpochNumber',
  (u): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u >= 0 && u <= MAX_DATE_MS,
)

const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122)

/** Three ASCII letters in any case (`usd`, `USD`): providers disagree on the case of ISO codes. */
export const CurrencyLetters = guard(
  'CurrencyLetters',
  (u): u is string =>
    typeof u === 'string' &&
    u.length === 3 &&
    isLetter(u.charCodeAt(0)) &&
    isLetter(u.charCodeAt(1)) &&
    isLetter(u.charCodeAt(2)),
)

/** A boolean, or the strings `"true"` / `"false"`. */
export const BoolLike = guard(
  'BoolLike',
  (u): u is boolean | 'true' | 'false' => typeof u === 'boolean' || u === 'true' || u === 'false',
)
