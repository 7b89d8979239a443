/**
 * The sandbox's seeded data: payment links, checkout sessions and payment intents of realistic
 * shape (docs/providers/wooshpay.md#payment-link-object and
 * the next two notes), built lazily one object at a time from
 * (seed, index), in the clean Stripe-like form (lower-case currency, seconds, numbers, nulls).
 * quirks.ts turns them into WooshPay's quirky form. Session `i` and payment intent `i` are two
 * sides of one order (same currency and total).
 */
import { hashString, rngFor, type Rng } from '@paymux/core/adapter'
import { makeTimeline, snowflake, type Timeline } from './timeline.ts'

export type WireObject = Record<string, unknown>

/** Newest seeded object: 2024-06-01T00:00:00Z. */
const END_S = 1_717_200_000

// prettier-ignore
const CURRENCIES: readonly { readonly code: string; readonly min: number; readonly max: number; readonly round: number }[] = [
  { code: 'usd', min: 500, max: 45_000, round: 1 },
  { code: 'eur', min: 450, max: 40_000, round: 5 },
  { code: 'gbp', min: 400, max: 35_000, round: 1 },
  { code: 'jpy', min: 300, max: 48_000, round: 10 }, // zero-decimal: yen
  { code: 'kwd', min: 500, max: 15_000, round: 5 }, // three-decimal: fils
  { code: 'cny', min: 1_000, max: 300_000, round: 100 },
  { code: 'hkd', min: 2_000, max: 350_000, round: 10 },
  { code: 'sgd', min: 600, max: 60_000, round: 1 },
]

const PRODUCTS = [
  'Café crème',
  'Matcha latte 抹茶',
  'Brötchen (6 Stück)',
  'Tシャツ — 東京',
  'Smørrebrød platter',
  'Crème brûlée',
  'Jalapeño salsa',
  'Ramen 拉麺 set',
  'Pão de queijo',
  'Über-Abo Premium',
  'Ежемесячный план',
  'Zürich city map',
] as const

const CUSTOMERS = [
  ['Zoë Müller', 'zoe.mueller'],
  ['José Álvarez', 'jose.alvarez'],
  ['山田 太郎', 'taro.yamada'],
  ['Ana Lúcia Souza', 'ana.souza'],
  ['Björn Ødegaard', 'björn.odegaard'],
  ['Chloé Dubois', 'chloe.dubois'],
  ['Дмитрий Петров', 'dmitri.petrov'],
  ['Fatima Zahra', 'fatima.zahra'],
  ['Łukasz Wójcik', 'lukasz.wojcik'],
  ['Siobhán Ní Bhriain', 'siobhan.nibhriain'],
] as const

const NOTES = [
  'Grüße aus Köln',
  'Merci beaucoup ✨',
  'お届け日時指定あり',
  'Доставка до двери',
  'هدية',
  'Ñandú gift wrap',
]
const COUNTRIES = ['US', 'DE', 'FR', 'JP', 'KW', 'GB', 'CN', 'HK', 'SG', 'ES']
const METHODS = ['alipay', 'wechat_pay', 'alipay_hk', 'gcash', 'kakaopay', 'grabpay', 'paynow', 'unionpay', 'klarna']
const INTERVALS = ['day', 'week', 'month', 'year']

export const SESSION_STATUSES = ['open', 'complete', 'expired'] as const
/** The seven documented statuses, plus `failed` (seen in third-party code, not documented). */
export const INTENT_STATUSES = [
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
  'processing',
  'requires_capture',
  'canceled',
  'succeeded',
] as const
const UNDOCUMENTED_INTENT_STATUS = 'failed'
const CANCELLATION_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned']

const SALT = {
  links: hashString('paymentLinks'),
  sessions: hashString('checkoutSessions'),
  intents: hashString('paymentIntents'),
  linkBody: hashString('paymentLinks.body'),
  sessionBody: hashString('checkoutSessions.body'),
  intentBody: hashString('paymentIntents.body'),
  order: hashString('order'),
  product: hashString('product'),
  customer: hashString('customer'),
  key: hashString('apiKey'),
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const token = (r: Rng, n: number): string => {
  let s = ''
  for (let i = 0; i < n; i++) s += ALNUM[r.int(ALNUM.length)]
  return s
}

/** A deterministic test secret key for a seed. */
export const sandboxKey = (seed: number): string => `sk_test_${token(rngFor(seed, SALT.key, 0), 24)}`

export interface Dataset {
  readonly count: number
  readonly links: Timeline
  readonly sessions: Timeline
  readonly intents: Timeline
  link(i: number): WireObject
  linkLineItems(i: number): WireObject[]
  session(i: number): WireObject
  sessionLineItems(i: number): WireObject[]
  intent(i: number): WireObject
}

export const makeDataset = (seed: number, count: number): Dataset => {
  const links = makeTimeline('pl_', seed, SALT.links, count, END_S - 45 * 86_400)
  const sessions = makeTimeline('cs_', seed, SALT.sessions, count, END_S)
  const intents = makeTimeline('pi_', seed, SALT.intents, count, END_S - 7)
  const customerCount = Math.max(3, Math.min(500, Math.floor(count / 5)))

  const productId = (k: number): string =>
    `prod_${snowflake(1_640_995_200_000 + k * 3_600_000, rngFor(seed, SALT.product, k))}`

  const customer = (k: number) => {
    const [name, local] = CUSTOMERS[k % CUSTOMERS.length] as (typeof CUSTOMERS)[number]
    const r = rngFor(seed, SALT.customer, k)
    return {
      id: `cus_${snowflake(1_650_000_000_000 + k * 60_000, r)}`,
      name,
      email: `${local}.${k}@example.com`,
      phone: `+${1 + r.int(98)} ${100_000_000 + r.int(899_999_999)}`,
      country: COUNTRIES[k % COUNTRIES.length] as string,
    }
  }

  const amountIn = (r: Rng, c: (typeof CURRENCIES)[number]): number =>
    Math.max(c.round, Math.round((c.min + r.int(c.max - c.min)) / c.round) * c.round)

  const metadata = (r: Rng, ref: string): Record<string, string> => {
    const m: Record<string, string> = { order_ref: ref, note: r.pick(NOTES) }
    if (r.chance(0.3)) m['canal_de_venta'] = r.pick(['web', 'app', 'tienda física'])
    if (r.chance(0.2)) m['région'] = 'Île-de-France'
    return m
  }

  const address = (r: Rng, country: string) => ({
    city: r.pick(['Köln', 'São Paulo', '東京', 'Kuwait City', 'Zürich', 'Paris']),
    country,
    line1: `${1 + r.int(200)} ${r.pick(['Hauptstraße', 'Rue de Rivoli', 'Ginza 4-chōme', 'Orchard Road'])}`,
    line2: r.chance(0.3) ? `Apt ${1 + r.int(80)}` : null,
    postal_code: String(10_000 + r.int(89_999)),
    state: null,
  })

  /** Line items of one parent: ids follow the parent's creation time. */
  const lineItems = (
    r: Rng,
    parentMs: number,
    currency: (typeof CURRENCIES)[number],
    n: number,
    recurring: boolean,
  ) => {
    const out: WireObject[] = []
    for (let j = 0; j < n; j++) {
      const k = r.int(PRODUCTS.length)
      const unit = amountIn(r, currency)
      const quantity = r.chance(0.3) ? 2 + r.int(4) : 1
      const rec =
        recurring && r.chance(0.3)
          ? { interval: r.pick(INTERVALS), interval_count: r.chance(0.2) ? 3 : 1, usage_type: 'licensed' }
          : null
      out.push({
        id: `li_${snowflake(parentMs + j + 1, r)}`,
        object: 'item',
        amount_subtotal: unit * quantity,
        amount_total: unit * quantity,
        currency: currency.code,
        description: PRODUCTS[k],
        price: {
          id: `price_${snowflake(parentMs - 86_400_000 - j, r)}`,
          object: 'price',
          active: true,
          billing_scheme: 'per_unit',
          created: Math.floor(parentMs / 1000) - 86_400 - r.int(86_400 * 30),
          currency: currency.code,
          livemode: false,
          lookup_key: null,
          metadata: {},
          nickname: null,
          product: productId(k),
          type: rec ? 'recurring' : 'one_time',
          unit_amount: unit,
          recurring: rec,
          tiers: null,
        },
        quantity,
      })
    }
    return out
  }

  /** The order behind session `i` and payment intent `i`. */
  const order = (i: number) => {
    const r = rngFor(seed, SALT.order, i)
    const currency = r.pick(CURRENCIES)
    const items = lineItems(r, sessions.createdMs(i), currency, 1 + r.int(5), false)
    const subtotal = items.reduce((sum, li) => sum + (li['amount_subtotal'] as number), 0)
    return { currency, items, subtotal, ref: `ORD-2024-${String(i).padStart(6, '0')}` }
  }

  const linkBody = (i: number) => {
    const r = rngFor(seed, SALT.linkBody, i)
    const currency = r.pick(CURRENCIES)
    const n = 1 + r.int(5)
    return { r, currency, items: lineItems(r, links.createdMs(i), currency, n, true) }
  }

  const link = (i: number): WireObject => {
    const id = links.id(i)
    const { r, currency, items } = linkBody(i)
    const hosted = r.chance(0.4)
    return {
      id,
      object: 'payment_link',
      active: r.chance(0.8),
      after_completion: hosted
        ? {
            type: 'hosted_confirmation',
            hosted_confirmation: { custom_message: 'Danke für Ihren Einkauf! 🎉' },
            redirect: null,
          }
        : {
            type: 'redirect',
            hosted_confirmation: null,
            redirect: { url: `https://shop.example.com/thanks?link=${id}` },
          },
      billing_address_collection: r.pick(['auto', 'required']),
      currency: currency.code,
      livemode: false,
      metadata: metadata(r, `LNK-${String(i).padStart(6, '0')}`),
      phone_number_collection: { enabled: r.chance(0.3) },
      shipping_address_collection: r.chance(0.4) ? { allowed_countries: ['DE', 'FR', 'JP', 'US'] } : null,
      url: `https://checkouttest.wooshpay.com/link/${token(r, 16)}`,
      // "The first handful" of line items (#payment-link-object); the rest through /line_items.
      line_items: {
        object: 'list',
        url: `/v1/payment_links/${id}/line_items`,
        has_more: items.length > 3,
        data: items.slice(0, 3),
      },
      created: links.createdS(i),
    }
  }

  const session = (i: number): WireObject => {
    const id = sessions.id(i)
    const r = rngFor(seed, SALT.sessionBody, i)
    const o = order(i)
    const created = sessions.createdS(i)
    const status = i < SESSION_STATUSES.length ? SESSION_STATUSES[i] : r.pick(SESSION_STATUSES)
    const paymentStatus =
      status === 'complete' ? (o.subtotal === 0 || r.chance(0.05) ? 'no_payment_required' : 'paid') : 'unpaid'
    const c = r.chance(0.7) ? customer(r.int(customerCount)) : null
    const snow = id.slice(3)
    return {
      id,
      object: 'checkout.session',
      amount_subtotal: o.subtotal,
      amount_total: o.subtotal,
      billing_address_collection: r.pick(['auto', 'required']),
      cancel_url: 'https://shop.example.com/cart',
      client_reference_id: r.chance(0.5) ? `cart_${token(r, 10)}` : null,
      created,
      currency: o.currency.code,
      customer: c?.id ?? null,
      customer_email: c?.email ?? null,
      expires_at: created + 86_400,
      livemode: false,
      metadata: metadata(r, o.ref),
      mode: 'payment',
      payment_intent: i < intents.count ? intents.id(i) : null,
      payment_link: r.chance(0.4) && count > 0 ? links.id(r.int(count)) : null,
      payment_method_options: { card: { request_three_d_secure: 'auto' } },
      payment_method_types: ['card', ...(r.chance(0.5) ? [r.pick(METHODS)] : [])],
      payment_status: paymentStatus,
      phone_number_collection: { enabled: false },
      shipping_address_collection: null,
      shipping:
        c && r.chance(0.5)
          ? { address: address(r, c.country), carrier: null, name: c.name, phone: c.phone, tracking_number: null }
          : null,
      status,
      success_url: `https://shop.example.com/success?session_id=${id}`,
      // Quirk 11: a test session id without `cs_test_`, its URL with it.
      url: status === 'open' ? `https://checkouttest.wooshpay.com/pay/cs_test_${snow}` : null,
      customer_creation: 'if_required',
      customer_details: c ? { address: address(r, c.country), email: c.email, name: c.name, phone: c.phone } : null,
    }
  }

  const intent = (i: number): WireObject => {
    const id = intents.id(i)
    const r = rngFor(seed, SALT.intentBody, i)
    const o = order(i)
    const created = intents.createdS(i)
    const status =
      i < INTENT_STATUSES.length
        ? INTENT_STATUSES[i]
        : i === INTENT_STATUSES.length || r.chance(0.03)
          ? UNDOCUMENTED_INTENT_STATUS
          : r.pick(INTENT_STATUSES)
    const amount = Math.max(1, o.subtotal)
    const c = r.chance(0.6) ? customer(r.int(customerCount)) : null
    const manual = status === 'requires_capture' || r.chance(0.15)
    const hasMethod = status !== 'requires_payment_method' && status !== UNDOCUMENTED_INTENT_STATUS
    const charged = status === 'succeeded' || status === 'requires_capture'
    const types = ['card', ...(r.chance(0.5) ? [r.pick(METHODS)] : [])]
    return {
      id,
      object: 'payment_intent',
      created,
      currency: o.currency.code,
      customer: c?.id ?? null,
      amount,
      status,
      description: r.chance(0.7) ? `Order ${o.ref} — ${r.pick(PRODUCTS)}` : null,
      metadata: metadata(r, o.ref),
      livemode: false,
      shipping:
        c && r.chance(0.4)
          ? { address: address(r, c.country), carrier: 'DHL', name: c.name, phone: c.phone, tracking_number: null }
          : null,
      merchant_order_id: o.ref,
      client_secret: `${id}_secret_${token(r, 24)}`,
      last_payment_error:
        status === 'requires_payment_method' && r.chance(0.5)
          ? {
              code: 'card_declined',
              message: 'Your card was declined.',
              payment_method: {},
              type: 'card_error',
              decline_code: 'insufficient_funds',
            }
          : null,
      next_action:
        status === 'requires_action'
          ? {
              type: 'redirect_to_url',
              redirect_to_url: {
                return_url: 'https://shop.example.com/return',
                url: `https://jstest.wooshpay.com/v1/3ds/index.html?pi=${id}`,
              },
            }
          : null,
      payment_method_types: types,
      payment_method_options: {
        card: { request_three_d_secure: 'auto', setup_future_usage: null, capture_method: null, tax_id: null },
      },
      payment_method: hasMethod ? `pm_${snowflake(intents.createdMs(i) + 1, r)}` : null,
      receipt_email: c?.email ?? null,
      canceled_at: status === 'canceled' ? created + 600 + r.int(86_400) : null,
      cancellation_reason: status === 'canceled' ? r.pick(CANCELLATION_REASONS) : null,
      confirmation_method: 'automatic',
      '3ds_status':
        charged && r.chance(0.5)
          ? {
              cavv: token(r, 28),
              eci: 5,
              status: 'Y',
              three_d_result: 'success',
              three_d_enrollment: 'Y',
              three_d_secure_version: '2.2.0',
              xid: null,
              three_d_secure_server_transaction_id: null,
            }
          : null,
      amount_capturable: status === 'requires_capture' ? amount : 0,
      return_url: 'https://shop.example.com/return',
      quantity: 1,
      latest_charge: charged ? `ch_${snowflake(intents.createdMs(i) + 2, r)}` : null,
      merchant_user_id: c ? `user_${c.id.slice(4, 12)}` : null,
      amount_received: status === 'succeeded' ? amount : 0,
      capture_method: manual ? 'manual' : 'automatic',
      invoice: null,
      setup_future_usage: null,
    }
  }

  return {
    count,
    links,
    sessions,
    intents,
    link,
    linkLineItems: (i) => linkBody(i).items,
    session,
    sessionLineItems: (i) => order(i).items,
    intent,
  }
}
