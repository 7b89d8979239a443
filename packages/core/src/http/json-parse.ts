/**
 * `JSON.parse` of a body held as one-byte text in a buffer (json-text.ts), without making one
 * string of a large page.
 *
 * Why: V8 puts a string longer than about 128 KiB in its large-object space, and on this project's
 * machines making one cost 550-800 µs against 12-27 µs just under that size, for the same bytes
 * (bench/RESULTS.md, "A page above 128 KiB"): more than parsing the page. A WooshPay page of 100
 * payment links is about 186 KB. So a large body whose top-level value is an object holding an
 * array (a list page) is parsed in parts, each under the limit: the object with the array's
 * place held by `0`, and the array's elements in groups of consecutive elements, each group
 * parsed as an array of its own; the groups' elements, in order, then take the array's place.
 *
 * Why the result is exactly `JSON.parse` of the whole text, the same value or the same failure:
 * the parts are the whole text cut at the array's brackets and at commas. The object's part is
 * read exactly as JSON reads it (strings, nesting, members) up to the `[` and from the `]` on, so
 * its `0` stands alone where a value goes. The commas are found by a guess (where elements seem
 * to begin) and need not be right: if the object's part and every group parse, each group to at
 * least one element, and the object holds no key twice, then putting the groups back in the `0`'s
 * place is valid JSON whose value is exactly that combination (JSON's grammar is context-free);
 * and if the whole text is invalid, one of the parts is. Anything else, a part that fails
 * included, falls back to parsing the whole text, which gives the value or `JSON.parse`'s error.
 */

/** Longer texts are split: V8's regular-object limit is 128 KiB, a string's header included. */
const SPLIT_ABOVE = 120_000
/** The most a group of elements should span, so each group's text stays a regular object. */
const GROUP_BYTES = 96 * 1024
/** How far into the body the array may start: a list page's envelope is a few dozen bytes. */
const MAX_PREFIX = 4096

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const COLON = 0x3a
const OPEN_OBJECT = 0x7b
const CLOSE_OBJECT = 0x7d
const OPEN_ARRAY = 0x5b
const CLOSE_ARRAY = 0x5d

/** Where and how to cut: positions in the buffer. */
interface Cuts {
  /** The key's string token, quotes included: [keyStart, keyEnd). */
  readonly keyStart: number
  readonly keyEnd: number
  /** The array's `[`. */
  readonly open: number
  /** Commas between elements, each ending a group. */
  readonly commas: readonly number[]
  /** Members of the object seen before the array (its own included). */
  readonly membersBefore: number
}

export interface SplitOptions {
  /** Tests make these small to split small texts. */
  readonly splitAbove?: number
  readonly groupBytes?: number
}

/** The value of bytes [0, length) read as latin1 text, as `JSON.parse` gives it; throws what it throws. */
export const parseJsonBytes = (buffer: Buffer, length: number, options: SplitOptions = {}): unknown => {
  const bytes = buffer.subarray(0, length)
  if (length > (options.splitAbove ?? SPLIT_ABOVE)) {
    const value = parseInParts(bytes, options.groupBytes ?? GROUP_BYTES)
    if (value !== NOT_SPLIT) return value
  }
  return JSON.parse(bytes.toString('latin1'))
}

const NOT_SPLIT: unique symbol = Symbol('not split')

const parseInParts = (bytes: Buffer, groupBytes: number): unknown => {
  const cuts = findCuts(bytes, groupBytes)
  if (cuts === null) return NOT_SPLIT
  const close = findClose(bytes, (cuts.commas.at(-1) as number) + 1)
  if (close === null) return NOT_SPLIT
  try {
    const envelope: unknown = JSON.parse(
      `${bytes.toString('latin1', 0, cuts.open)}0${bytes.toString('latin1', close.at + 1)}`,
    )
    const key = JSON.parse(bytes.toString('latin1', cuts.keyStart, cuts.keyEnd)) as string
    if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) return NOT_SPLIT
    // A key given twice would make `JSON.parse` keep its last value: counted, not guessed.
    if (Object.keys(envelope).length !== cuts.membersBefore + close.membersAfter) return NOT_SPLIT
    if (key === '__proto__' || (envelope as Record<string, unknown>)[key] !== 0) return NOT_SPLIT
    const elements: unknown[] = []
    let from = cuts.open + 1
    for (const end of [...cuts.commas, close.at]) {
      const group = JSON.parse(`[${bytes.toString('latin1', from, end)}]`) as unknown[]
      if (group.length === 0) return NOT_SPLIT // `[,` or `,]` in the whole text: invalid there
      for (const element of group) elements.push(element)
      from = end + 1
    }
    ;(envelope as Record<string, unknown>)[key] = elements
    return envelope
  } catch {
    return NOT_SPLIT // the whole text's parse gives the error (or, if the scan was wrong, the value)
  }
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09

/** The index of the quote closing the string opened at `open`, or -1. */
const stringEnd = (bytes: Buffer, open: number): number => {
  for (let i = open + 1; i < bytes.length; i++) {
    const c = bytes[i] as number
    if (c === BACKSLASH)
      i += 1 // whatever it escapes is not the end
    else if (c === QUOTE) return i
  }
  return -1
}

/**
 * Where to cut: found by reading, exactly, the object up to an array-valued member long enough
 * to cut (within MAX_PREFIX) and that array's first element; then each cut is the comma before
 * the last element that starts before the group would pass `groupBytes`. An element's start is
 * found by the bytes the array's first two elements begin with (a list page's `{"id":"pl_`),
 * which a nested object or a string can begin with too: such a cut makes a part fail, and the
 * whole text is parsed instead.
 */
export const findCuts = (bytes: Buffer, groupBytes: number): Cuts | null => {
  let depth = 0
  let members = 0
  let last = -1 // the last significant byte outside strings (a string counts as its quote)
  let keyStart = -1
  let keyEnd = -1
  let stringStart = -1
  let stringStop = -1
  let open = -1
  let tried = false // whether the open array has been looked at for cuts
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i] as number
    if (isSpace(c)) continue
    if (depth === 0 && last !== -1) return null // past the top-level value
    if (i > MAX_PREFIX && (open < 0 || tried)) return null
    if (c === QUOTE) {
      const end = stringEnd(bytes, i)
      if (end < 0) return null
      stringStart = i
      stringStop = end + 1
      i = end
      last = QUOTE
      continue
    }
    if (open < 0) {
      if (depth === 0 && c !== OPEN_OBJECT) return null
      if (depth === 1 && c === COLON) {
        members += 1
        if (last !== QUOTE) return null
        keyStart = stringStart
        keyEnd = stringStop
      }
      if (depth === 1 && c === OPEN_ARRAY && last === COLON) {
        open = i
        tried = false
      }
    } else if (depth === 2 && c === CLOSE_ARRAY) {
      open = -1 // a short array: the next array-valued member may be the list
    } else if (depth === 2 && c === COMMA && !tried) {
      tried = true
      const commas = commasBetween(bytes, open, i, groupBytes)
      if (commas.length > 0) return { keyStart, keyEnd, open, commas, membersBefore: members }
    }
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth += 1
    else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth -= 1
    last = c
  }
  return null
}

/** The cut commas of the array opened at `open`, whose first element ends at `firstComma`. */
const commasBetween = (bytes: Buffer, open: number, firstComma: number, groupBytes: number): number[] => {
  const starts = elementStart(bytes, skipSpace(bytes, open + 1), skipSpace(bytes, firstComma + 1))
  if (starts === null) return []
  const commas: number[] = []
  let groupStart = open + 1
  while (bytes.length - groupStart > groupBytes) {
    // The last element starting within the group's span; else (one element longer than a
    // group) the first after it.
    let comma = -1
    for (let at = groupStart + groupBytes; comma < 0; at -= 1) {
      at = bytes.lastIndexOf(starts, at)
      if (at <= groupStart) break
      const before = previousSignificant(bytes, at)
      if (bytes[before] === COMMA && before >= groupStart) comma = before
    }
    for (let at = groupStart + groupBytes; comma < 0; at += 1) {
      at = bytes.indexOf(starts, at)
      if (at < 0) return commas
      const before = previousSignificant(bytes, at)
      if (bytes[before] === COMMA && before >= groupStart) comma = before
    }
    commas.push(comma)
    groupStart = comma + 1
  }
  return commas
}

/**
 * The bytes the array's elements begin with: what its first two share, up to the start of the
 * first string value at most, without the letters and digits an id goes on with (`{"id":"pl_1779`
 * and `{"id":"pl_1778` give `{"id":"pl_`). Null when that is too short to tell anything by.
 */
const elementStart = (bytes: Buffer, first: number, second: number): Buffer | null => {
  let n = 0
  let quotes = 0
  while (second + n < bytes.length && n < 64 && bytes[first + n] === bytes[second + n]) {
    if (bytes[first + n] === QUOTE && ++quotes === 4) break
    n += 1
  }
  while (n > 0 && isWordByte(bytes[first + n - 1] as number)) n -= 1
  return n < 4 ? null : bytes.subarray(first, first + n)
}

const isWordByte = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)

const skipSpace = (bytes: Buffer, from: number): number => {
  let i = from
  while (i < bytes.length && isSpace(bytes[i] as number)) i += 1
  return i
}

const previousSignificant = (bytes: Buffer, before: number): number => {
  let i = before - 1
  while (i >= 0 && isSpace(bytes[i] as number)) i -= 1
  return i
}

/**
 * The array's `]`: the last one whose suffix reads, exactly, as the rest of the object (a `,` or
 * the `}`, then members, then the end), with the members it holds. Tried from the end, a few
 * times, because a string in the suffix may hold a `]`.
 */
const findClose = (bytes: Buffer, from: number): { at: number; membersAfter: number } | null => {
  let at = bytes.length
  for (let tries = 0; tries < 4; tries++) {
    at = bytes.lastIndexOf(CLOSE_ARRAY, at - 1)
    if (at < from) return null
    const membersAfter = suffixMembers(bytes, at + 1)
    if (membersAfter !== null) return { at, membersAfter }
  }
  return null
}

/** The members in a suffix that closes a depth-1 object exactly, or null. */
const suffixMembers = (bytes: Buffer, from: number): number | null => {
  let depth = 1
  let members = 0
  let first = true
  for (let i = from; i < bytes.length; i++) {
    const c = bytes[i] as number
    if (isSpace(c)) continue
    if (depth === 0) return null // something after the object
    if (first && c !== COMMA && c !== CLOSE_OBJECT) return null
    first = false
    if (c === QUOTE) {
      const end = stringEnd(bytes, i)
      if (end < 0) return null
      i = end
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth += 1
    else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth -= 1
    else if (c === COLON && depth === 1) members += 1
  }
  return depth === 0 ? members : null
}
