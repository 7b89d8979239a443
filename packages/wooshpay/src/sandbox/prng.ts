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

export interface Rng {
  /** Uniform in [0, 1). */
  float(): number
  /** Uniform integer in [0, n). */
  int(n: number): number
  pick<A>(values: readonly A[]): A
  chance(p: number): boolean
}

/** mulberry32 seeded from (seed, salt, index). */
export const rngFor = (seed: number, salt: number, index: number): Rng => {
  let state = mix(mix(seed >>> 0, salt), index >>> 0) || 0x6d2b79f5
  const float = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let z = state
    z = Math.imul(z ^ (z >>> 15), z | 1)
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61)
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number): number => Math.floor(float() * n)
  return {
    float,
    int,
    pick: (values) => values[int(values.length)] as (typeof values)[number],
    chance: (p) => float() < p,
  }
}
