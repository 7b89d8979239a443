/**
 * When each seeded PriceBlocs object was created, and its id. Object `k` of a resource is the
 * k-th oldest: `created` grows strictly with `k`, so an object inserted during a listing (drift)
 * is simply index `count`, and an id encodes its `k`, so a lookup is O(1) with no id map.
 */
import { hash32, mulberry32 as prng } from '@paymux/core/adapter'

/** The resources a PriceBlocs sandbox serves. */
export type SandboxResource = 'paymentLinks' | 'checkoutSessions'

/** Per-resource salt of every draw, so a link and a checkout of the same index differ. */
export const SALT: Readonly<Record<SandboxResource, number>> = { paymentLinks: 0x11, checkoutSessions: 0x22 }

/**
 * Seeded objects span the two years before `SEED_END_S` (2024-04-17), the same window as the
 * WooshPay sandbox, so a merged listing of both sandboxes interleaves the providers.
 */
export const SEED_END_S = 1_713_312_000
const SEED_SPAN_S = 2 * 365 * 86_400

/** Spacing of seeded objects for a collection of `count`: two years, at least 2 s apart. */
export const timeGrid = (count: number): { readonly baseS: number; readonly stepS: number } => {
  const stepS = Math.max(2, Math.floor(SEED_SPAN_S / Math.max(1, count)))
  return { baseS: SEED_END_S - Math.max(1, count) * stepS, stepS }
}

/** The seed, the creation time of object 0 and the spacing of objects (from `timeGrid`). */
export interface Grid {
  readonly seed: number
  readonly baseS: number
  readonly stepS: number
}

export const hex = (n: number, width: number): string => (n >>> 0).toString(16).padStart(8, '0').slice(-width)

/**
 * A UUID-shaped id whose last group is `k` in hex, so retrieval is O(1): read `k` back, rebuild
 * the id and compare (which also rejects ids of another resource or seed).
 */
export const idOf = (seed: number, resource: SandboxResource, k: number): string => {
  const r = prng(hash32(seed, SALT[resource], k, 0x1d))
  const n = () => Math.floor(r() * 0x100000000)
  return `${hex(n(), 8)}-${hex(n(), 4)}-4${hex(n(), 3)}-${'89ab'[n() & 3] ?? '8'}${hex(n(), 3)}-${k.toString(16).padStart(12, '0')}`
}

/** The index encoded in an id, or null when it is not one of ours. */
export const indexOfId = (seed: number, resource: SandboxResource, id: string): number | null => {
  const m = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-([0-9a-f]{12})$/.exec(id)
  if (!m) return null
  const k = parseInt(m[1] as string, 16)
  return idOf(seed, resource, k) === id ? k : null
}

/** Strictly increasing with `k` (jitter below half a step); objects inserted later are newer. */
export const createdOf = (o: Grid, resource: SandboxResource, k: number): number =>
  o.baseS + k * o.stepS + (hash32(o.seed, SALT[resource], k, 0xc7) % Math.max(1, Math.floor(o.stepS / 2)))
