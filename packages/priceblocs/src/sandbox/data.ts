/**
 * Seeded, deterministic PriceBlocs objects for the sandbox. Object `k` of a resource is a pure
 * function of (seed, resource, k): nothing is stored, so a sandbox of 1,000,000 objects costs
 * no memory and any page is built in O(page). `k` grows with `created`: the newest object has
 * the highest index, and an object inserted during a listing (drift) is simply index `count`.
 *
 * Shapes follow the documented examples (docs/providers/priceblocs.md#payment-link-object and
 * #checkout-object): timestamps in seconds with `updated`, checkout `tax_rates` as a string and
 * `automatic_tax` as a boolean (#tax-field-types). Ids and creation times come from
 * `timeline.ts`; the quirks switched by `quirks` (lower-case currencies, statuses PriceBlocs may
 * add later, SDK-style string quantities) from `quirks.ts`.
 */
import { hash32, mulberry32 as prng } from '@paymux/core/adapter'
import { SALT, createdOf, hex, idOf } from './timeline.ts'
import { quirkyCurrency, quirkyQuantity, quirkyStatus } from './quirks.ts'

export type { SandboxResource } from './timeline.ts'

export type WireObject = Record<string, unknown> & { readonly id: string; readonly created: number }

const pick = <A>(r: () => number, values: readonly A[]): A => values[Math.floor(r() * values.length)] as A

const CURRENCIES = ['usd', 'usd', 'eur', 'gbp', 'jpy', 'aud', 'kwd'] as const

/** A unit amount in minor units that looks right for the currency (JPY has no decimals). */
const unitAmount = (r: () => number, currency: string): number => {
  if (currency === 'jpy') return 100 * (5 + Math.floor(r() * 200))
  if (currency === 'kwd') return 10 * (100 + Math.floor(r() * 5000))
  return 100 * (1 + Math.floor(r() * 500)) - (r() < 0.5 ? 1 : 0)
}

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
  const currency = quirkyCurrency(lower, o.quirks)
  const roll = r()
  const status =
    roll < 0.6 ? 'active' : roll < 0.8 ? 'inactive' : quirkyStatus(roll < 0.95, 'archived', 'paused', o.quirks)
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
  const status = roll < 0.4 ? 'started' : quirkyStatus(roll < 0.95, 'completed', 'abandoned', o.quirks)
  const payRoll = r()
  const paymentStatus =
    status === 'completed' ? (payRoll < 0.9 ? 'paid' : 'no_payment_required') : payRoll < 0.97 ? 'unpaid' : 'paid'
  const lower = pick(r, CURRENCIES)
  const currency = quirkyCurrency(lower, o.quirks)
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
      quantity: quirkyQuantity(quantity, i, o.quirks),
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
