/**
 * Deterministic randomness for sandboxes: small seeded generators, so object `i` of a seeded
 * collection can be built alone, in O(1), with the same result every time, and a fault draw
 * depends only on the seed and the request's number. No `Math.random` in any sandbox.
 */

/** 32-bit finaliser (murmur3 fmix32) over two inputs. */
export const mix = (a: number, b: number): number => {
  let h = Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** A 32-bit mix of several integers (FNV offset, murmur3 finaliser per step). */
export const hash32 = (...parts: readonly number[]): number => {
  let h = 0x811c9dc5
  for (const p of parts) {
    h = Math.imul(h ^ (p | 0), 0x85ebca6b)
    h ^= h >>> 13
    h = Math.imul(h, 0xc2b2ae35)
    h ^= h >>> 16
  }
  return h >>> 0
}

/** FNV-1a of a string, for salts such as `'paymentLinks'`. */
export const hashString = (s: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/** One mulberry32 step from `state`: the next state and a uniform float in [0, 1). */
const step = (state: number): [next: number, value: number] => {
  const next = (state + 0x6d2b79f5) >>> 0
  let z = next
  z = Math.imul(z ^ (z >>> 15), z | 1)
  z ^= z + Math.imul(z ^ (z >>> 7), z | 61)
  return [next, ((z ^ (z >>> 14)) >>> 0) / 4294967296]
}

/**
 * mulberry32 from a raw 32-bit state. A class, not closures: objects are built by the million,
 * and per-call closures cost (more so under tsx, which names every one).
 */
export class Rng {
  private state: number

  constructor(state: number) {
    this.state = state >>> 0
  }

  /** Uniform in [0, 1). */
  float(): number {
    const [next, value] = step(this.state)
    this.state = next
    return value
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

/** The generator of one (seed, salt, index): e.g. object `i` of a collection, or request `n`. */
export const rngFor = (seed: number, salt: number, index: number): Rng =>
  new Rng(mix(mix(seed >>> 0, salt), index >>> 0) || 0x6d2b79f5)

/** mulberry32 as a function from a raw state: each call returns the next float in [0, 1). */
export const mulberry32 = (state: number): (() => number) => {
  const r = new Rng(state)
  return () => r.float()
}
