/**
 * The ids a listing has delivered, for "each id at most once in a whole listing" in bounded
 * memory: 64 open-addressing tables of 64-bit hashes in `Uint32Array`s (8 bytes a slot, no
 * string kept). A million ids take about 12 MB (measured by `byteSize` in
 * test/reliability/listing-at-most-once.test.ts), where a `Set<string>` of the same ids takes
 * several times that.
 *
 * Two different ids share a hash with probability about n² / 2^65 (3e-8 at a million): the later
 * one would be taken for a repeat and dropped, and reported through `onDrift` like any repeat.
 */

/** Slots are at most this full; a table grows by GROWTH before it gets fuller. */
const MAX_LOAD = 0.75
/** 1.5 rather than 2, so the tables at a million ids stay far below 16 MB (2^21 slots would be 16 MiB). */
const GROWTH = 1.5
const INITIAL_SLOTS = 1024
/**
 * The ids are spread over this many independent tables by 6 bits of their hash. One table of a
 * million ids would, while it grows, hold its old 8 MB and its new 12 MB at once: a 20 MB peak
 * in the middle of the listing. A shard grows alone, so the transient is 1/64 of that.
 */
const SHARDS = 64

export class IdSet {
  private readonly shards: Shard[]
  private count = 0

  /** `slots`: the starting capacity in all (spread over the shards). */
  constructor(slots = INITIAL_SLOTS) {
    const each = Math.max(1, Math.ceil(slots / SHARDS))
    this.shards = Array.from({ length: SHARDS }, () => new Shard(each))
  }

  /** Ids held. */
  get size(): number {
    return this.count
  }

  /** Bytes of the tables themselves (what the memory bound is about). */
  get byteSize(): number {
    return this.shards.reduce((sum, shard) => sum + shard.byteSize, 0)
  }

  has(id: string): boolean {
    hash(id)
    const h = HASH[0] as number
    const l = HASH[1] as number
    return (this.shards[l & (SHARDS - 1)] as Shard).find(h, l) < 0
  }

  /** Adds `id`; false when it was already there (a repeat). */
  add(id: string): boolean {
    hash(id)
    const h = HASH[0] as number
    const l = HASH[1] as number
    const added = (this.shards[l & (SHARDS - 1)] as Shard).add(h, l)
    if (added) this.count += 1
    return added
  }

  /** Forgets every id (keeps the tables' sizes). */
  clear(): void {
    for (const shard of this.shards) shard.clear()
    this.count = 0
  }
}

/** One open-addressing table of 64-bit hashes in two `Uint32Array`s (8 bytes a slot). */
class Shard {
  private hi: Uint32Array
  private lo: Uint32Array
  private count = 0

  constructor(slots: number) {
    this.hi = new Uint32Array(slots)
    this.lo = new Uint32Array(slots)
  }

  get byteSize(): number {
    return this.hi.byteLength + this.lo.byteLength
  }

  add(h: number, l: number): boolean {
    const slot = this.find(h, l)
    if (slot < 0) return false
    this.hi[slot] = h
    this.lo[slot] = l
    this.count += 1
    if (this.count > this.hi.length * MAX_LOAD) this.grow()
    return true
  }

  clear(): void {
    this.hi.fill(0)
    this.lo.fill(0)
    this.count = 0
  }

  /** The free slot for (h, l), or -1 when (h, l) is held. Linear probing from a scaled start. */
  find(h: number, l: number): number {
    const slots = this.hi.length
    // Range reduction without a power-of-two size: the top bits of `h` pick the start slot.
    let i = Math.floor((h / 4294967296) * slots)
    for (;;) {
      const sh = this.hi[i] as number
      const sl = this.lo[i] as number
      if (sh === 0 && sl === 0) return i
      if (sh === h && sl === l) return -1
      i = i + 1 === slots ? 0 : i + 1
    }
  }

  private grow(): void {
    const oldHi = this.hi
    const oldLo = this.lo
    const slots = Math.ceil(oldHi.length * GROWTH)
    this.hi = new Uint32Array(slots)
    this.lo = new Uint32Array(slots)
    for (let i = 0; i < oldHi.length; i++) {
      const h = oldHi[i] as number
      const l = oldLo[i] as number
      if (h === 0 && l === 0) continue
      const slot = this.find(h, l)
      this.hi[slot] = h
      this.lo[slot] = l
    }
  }
}

/** The last hash computed (two 32-bit halves), to hash without allocating. */
const HASH = new Uint32Array(2)

/**
 * A 64-bit hash of a string as two independent 32-bit halves (cyrb53-style mixing over UTF-16
 * code units); (0, 0) marks an empty slot, so that value is moved to (0, 1).
 */
const hash = (s: string): void => {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 2654435761)
    h2 = Math.imul(h2 ^ c, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  HASH[0] = h1
  HASH[1] = h2 === 0 && h1 === 0 ? 1 : h2
}
