/**
 * Deterministic randomness for the sandbox: every object draws from its own small generator,
 * seeded from (sandbox seed, salt, index), so object `i` can be built alone, in O(1), with the
 * same result every time. No `Math.random` anywhere in the sandbox.
 */

/** 32-bit finaliser (murmur3 fmix32) over two inputs. */
export const mix = (a: number, b: number): number => {
  let h = Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** FNV-1a of a string, for salts such as `'paymentLinks'`. */
export const hashString = (s: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/**
 * mulberry32 seeded from (seed, salt, index). A class, not closures: objects are built by the
 * million, and per-call closures cost (more so under tsx, which names every one).
 */
export class Rng {
  private state: number

  constructor(seed: number, salt: number, index: number) {
    this.state = mix(mix(seed >>> 0, salt), index >>> 0) || 0x6d2b79f5
  }

  /** Uniform in [0, 1). */
  float(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let z = this.state
    z = Math.imul(z ^ (z >>> 15), z | 1)
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61)
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n)
  }

  pick<A>(values: readonly A[]): A {
    return values[this.int(values.length)] as A
  }

  chance(p: number): boolean {
    return this.float() < p
  }
}

export const rngFor = (seed: number, salt: number, index: number): Rng => new Rng(seed, salt, index)
