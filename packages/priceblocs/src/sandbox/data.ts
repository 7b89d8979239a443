/**
 * Seeded, deterministic PriceBlocs objects for the sandbox. Object `k` of a resource is a pure
 * function of (seed, resource, k): nothing is stored, so a sandbox of 1,000,000 objects costs
 * no memory and any page is built in O(page). `k` grows with `created`: the newest object has
 * the highest index, and an object inserted during a listing (drift) is simply index `count`.
 *
 * Shapes follow the documented examples (providers.md §4.1, §4.2), quirks included when asked:
 * lower-case currencies, timestamps in seconds with `updated`, statuses PriceBlocs may add later,
 * checkout `tax_rates` as a string and `automatic_tax` as a boolean, SDK-style string quantities.
 */

export type SandboxResource = 'paymentLinks' | 'checkoutSessions'

export type WireObject = Record<string, unknown> & { readonly id: string; readonly created: number }

/** mulberry32: small, fast, good enough for test data. */
export const prng = (seed: number): (() => number) => {
  let a = seed | 0
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A 32-bit mix of several integers (murmur3 finalizer per step). */
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

const SALT: Readonly<Record<SandboxResource, number>> = { paymentLinks: 0x11, checkoutSessions: 0x22 }

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

const hex = (n: number, width: number): string => (n >>> 0).toString(16).padStart(8, '0').slice(-width)

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

const pick = <A>(r: () => number, values: readonly A[]): A => values[Math.floor(r() * values.length)] as A

const CURRENCIES = ['usd', 'usd', 'eur', 'gbp', 'jpy', 'aud', 'kwd'] as const

/** A unit amount in minor units that looks right for the currency (JPY has no decimals). */
const unitAmount = (r: () => number, currency: string): number => {
  if (currency === 'jpy') return 100 * (5 + Math.floor(r() * 200))
  if (currency === 'kwd') return 10 * (100 + Math.floor(r() * 5000))
  return 100 * (1 + Math.floor(r() * 500)) - (r() < 0.5 ? 1 : 0)
}

/** Strictly increasing with `k` (jitter below half a step); objects inserted later are newer. */
const createdOf = (o: GenOptions, resource: SandboxResource, k: number): number =>
  o.baseS + k * o.stepS + (hash32(o.seed, SALT[resource], k, 0xc7) % Math.max(1, Math.floor(o.stepS / 2)))

const ADJECTIVES = ['Annual', 'Monthly', 'Starter', 'Pro', 'Team', 'Lifetime', 'Gift', 'Workshop', 'Premium'] as const
const NOUNS = ['plan', 'course', 'membership', 'bundle', 'ticket', 'licence', 'box', 'pass'] as const

export interface GenOptions {
  readonly seed: number
  readonly quirks: boolean
  /** Creation time of object 0 and the spacing of objects, from `timeGrid`. */
  readonly baseS: number
  readonly stepS: number
}

// --- payment links ------------------------------------------------------------------------------

export const paymentLinkAt = (o: GenOptions, k: number): WireObject => {
  const r = prng(hash32(o.seed, SALT.paymentLinks, k))
  const id = idOf(o.seed, 'paymentLinks', k)
  const shortId = `${hex(hash32(o.seed, k, 0x5d), 8)}`
  const created = createdOf(o, 'paymentLinks', k)
  const updated = r() < 0.6 ? created : created + Math.floor(r() * 86_400 * 30)
  const lower = pick(r, CURRENCIES)
  const currency = o.quirks ? lower : lower.toUpperCase()
  const roll = r()
  const status =
    roll < 0.6 ? 'active' : roll < 0.8 ? 'inactive' : roll < 0.95 || !o.quirks ? 'archived' : 'paused' /* unknown */
  const modeRoll = r()
  const mode = modeRoll < 0.65 ? 'payment' : modeRoll < 0.93 ? 'subscription' : 'setup'
  const interval = mode === 'subscription' ? pick(r, ['month', 'month', 'year', 'week'] as const) : null
  const title = `${pick(r, ADJECTIVES)} ${pick(r, NOUNS)} ${k}`
  const customer = r() < 0.3 ? `cus_sandbox${Math.floor(r() * 12)}` : null
  const url = `https://priceblocs.com/test/links/${shortId}`
  const link: Record<string, unknown> = {
    url,
    brand_url: url,
    livemode: false,
    id,
    object: 'payment_link',
    short_id: shortId,
    title,
    description: r() < 0.2 ? '' : `Each link will start a new checkout session when clicked (${title})`,
    success_url: 'https://priceblocs.com/checkout/success',
    cancel_url: 'https://priceblocs.com/checkout/error',
    created,
    updated,
    payment_method_types: ['card'],
    currency,
    customer_email: customer ? `${customer.slice(4)}@example.com` : null,
    customer,
    status,
    discounts: r() < 0.2 ? [{ coupon: 'coupon123' }] : [],
    billing_address_collection: 'auto',
    shipping_address_collection: { allowed_countries: ['US'] },
    mode,
    submit_type: 'pay',
    allow_promotion_codes: r() < 0.3,
    adjustable_quantity: { enabled: r() < 0.5, maximum: 99, minimum: 1 },
    shipping_worldwide: false,
    tax_rates: ['txr_123'],
    dynamic_tax_rates: ['txr_456'],
    automatic_tax: { enabled: r() < 0.5 },
    tax_id_collection: { enabled: false, type: 'standard' },
    consent_collection: { promotions: 'auto' },
    after_expiration: { recovery: { enabled: true, allow_promotion_codes: true } },
    expires_at: r() < 0.3 ? created + 86_400 * 90 : null,
    shipping_options: [{ shipping_rate: 'shr_456' }],
    payment_intent_data: { capture_method: 'automatic', transfer_data: { destination: 'act_123' } },
    trial_period_days: interval ? 14 : null,
    trial_end: null,
  }
  // No line items in setup mode (the field is absent, as documented).
  if (mode !== 'setup') {
    const n = 1 + Math.floor(r() * 3)
    link['line_items'] = Array.from({ length: n }, (_, i) => ({
      price: `price_${hex(hash32(o.seed, k, i, 0x9e), 8)}`,
      product: `prod_${hex(hash32(o.seed, k, i, 0x7a), 6)}`,
      currency,
      interval,
      quantity: 1 + Math.floor(r() * 3),
      dynamic_tax_rates: null,
      tax_rates: null,
    }))
  }
  return link as WireObject
}

// --- checkouts ----------------------------------------------------------------------------------

export const checkoutAt = (o: GenOptions, k: number, linkCount: number): WireObject => {
  const r = prng(hash32(o.seed, SALT.checkoutSessions, k))
  const id = idOf(o.seed, 'checkoutSessions', k)
  const created = createdOf(o, 'checkoutSessions', k)
  const roll = r()
  const status = roll < 0.4 ? 'started' : roll < 0.95 || !o.quirks ? 'completed' : 'abandoned' /* unknown */
  const payRoll = r()
  const paymentStatus =
    status === 'completed' ? (payRoll < 0.9 ? 'paid' : 'no_payment_required') : payRoll < 0.97 ? 'unpaid' : 'paid'
  const lower = pick(r, CURRENCIES)
  const currency = o.quirks ? lower : lower.toUpperCase()
  const subscription = r() < 0.3
  const n = 1 + Math.floor(r() * 3)
  let subtotal = 0
  const lineItems = Array.from({ length: n }, (_, i) => {
    const quantity = 1 + Math.floor(r() * 3)
    subtotal += unitAmount(r, lower) * quantity
    return {
      price: `price_${hex(hash32(o.seed, k, i, 0x3c), 8)}`,
      product: `prod_${hex(hash32(o.seed, k, i, 0x4b), 6)}`,
      currency,
      // Quirk 32: the SDK types quantity as a string; some records carry one.
      quantity: o.quirks && i === 1 ? String(quantity) : quantity,
      recurring: subscription ? { interval: 'month', interval_count: 1 } : null,
    }
  })
  const discount = r() < 0.2 ? Math.floor(subtotal / 10) : 0
  const tax = Math.floor((subtotal - discount) * 0.05)
  const who = Math.floor(r() * 12)
  const linkIndex = linkCount > 0 ? Math.floor(r() * linkCount) : -1
  const linkId = linkIndex >= 0 ? idOf(o.seed, 'paymentLinks', linkIndex) : null
  return {
    id,
    object: 'checkout',
    session_id: `cs_test_${hex(hash32(o.seed, k, 0x51), 8)}${k.toString(36)}`,
    status,
    line_items: lineItems,
    form_data: [],
    amount_total: subtotal - discount + tax,
    amount_tax: tax,
    amount_discount: discount,
    amount_subtotal: subtotal,
    mode: subscription ? 'subscription' : 'payment',
    customer: r() < 0.8 ? `cus_sandbox${who}` : null,
    email: `customer${who}@example.com`,
    currency,
    livemode: false,
    subscription_id: subscription && status === 'completed' ? `sub_${hex(hash32(o.seed, k, 0x5b), 8)}` : null,
    payment_intent_id:
      status === 'completed' && !subscription ? `pi_${hex(hash32(o.seed, k, 0x71), 8)}${k.toString(36)}` : null,
    client_reference_id: r() < 0.5 ? `ref_${k}` : null,
    payment_link_id: linkId,
    payment_link_short_id: linkIndex >= 0 ? hex(hash32(o.seed, linkIndex, 0x5d), 8) : null,
    page_id: null,
    route: 'link',
    ip: '127.0.0.1',
    os: 'macOS',
    origin: 'https://priceblocs.com',
    browser: 'Chrome',
    user_agent: 'Mozilla/5.0',
    device: 'desktop',
    device_version: null,
    fulfillment: null,
    payment_type: subscription ? 'recurring' : 'one_time',
    automatic_tax: false,
    tax_id_collection: false,
    payment_status: paymentStatus,
    payment_intent_capture_method: 'automatic',
    shipping_options: [{ shipping_rate: 'shr_456' }],
    shipping_rate: null,
    tax_rates: 'txr_123',
    coupons: discount > 0 ? 'coupon123' : null,
    promotion_codes: null,
    trial_period_days: subscription ? 14 : null,
    metadata: { order: `ord_${k}`, ...(r() < 0.2 ? { channel: 'email' } : {}) },
    adjustable_quantity_enabled: false,
    recovery_enabled: false,
    recovered_from: null,
    created,
    updated: status === 'completed' ? created + 60 + Math.floor(r() * 600) : created,
  }
}
