/**
 * When each seeded object was created, and its snowflake-like id (`pi_1583366366029676544`,
 * docs/providers/wooshpay.md#snowflake-ids): Twitter-epoch milliseconds << 22 | worker << 12 | sequence.
 * Object `i` is the i-th newest. Creation seconds strictly decrease with `i`, so the index of an
 * id is read back from the id's own timestamp: lookups and cursor windows are O(1), with no
 * id -> index map even for a million objects.
 */
import { rngFor, type Rng } from '@paymux/core/adapter'

const TWITTER_EPOCH = 1288834974657n
/** Seeded objects span two years before `endS`. */
const SPAN_S = 2 * 365 * 24 * 3600

/** A snowflake id number for a creation time in ms, worker and sequence drawn from `r`. */
export const snowflake = (ms: number, r: Rng): string =>
  (((BigInt(ms) - TWITTER_EPOCH) << 22n) | (BigInt(r.int(1024)) << 12n) | BigInt(r.int(4096))).toString()

export interface Timeline {
  readonly count: number
  /** Creation time of object `i` in Unix seconds. */
  createdS(i: number): number
  /** Creation time of object `i` in Unix milliseconds (same second as `createdS`). */
  createdMs(i: number): number
  id(i: number): string
  /** Index of a seeded id, or -1. */
  indexOf(id: string): number
  /** First index in [0, count] whose creation second satisfies a predicate that is monotone in `i`. */
  firstWhere(pred: (createdS: number) => boolean): number
}

export const makeTimeline = (prefix: string, seed: number, salt: number, count: number, endS: number): Timeline => {
  // At least 2 s apart, so that a jitter in [0, step - 2] keeps seconds strictly decreasing.
  const step = Math.max(2, Math.floor(SPAN_S / Math.max(1, count)))
  const draw = (i: number) => {
    const r = rngFor(seed, salt, i)
    const s = endS - i * step - r.int(step - 1)
    const ms = s * 1000 + r.int(1000)
    return { s, ms, r }
  }
  const createdS = (i: number): number => draw(i).s
  const createdMs = (i: number): number => draw(i).ms
  const id = (i: number): string => {
    const { ms, r } = draw(i)
    return prefix + snowflake(ms, r)
  }
  const indexOf = (candidate: string): number => {
    if (!candidate.startsWith(prefix)) return -1
    const digits = candidate.slice(prefix.length)
    if (!/^\d{10,20}$/.test(digits)) return -1
    const ms = Number((BigInt(digits) >> 22n) + TWITTER_EPOCH)
    const i = Math.floor((endS - Math.floor(ms / 1000)) / step)
    return i >= 0 && i < count && id(i) === candidate ? i : -1
  }
  const firstWhere = (pred: (s: number) => boolean): number => {
    let lo = 0
    let hi = count
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (pred(createdS(mid))) hi = mid
      else lo = mid + 1
    }
    return lo
  }
  return { count, createdS, createdMs, id, indexOf, firstWhere }
}
