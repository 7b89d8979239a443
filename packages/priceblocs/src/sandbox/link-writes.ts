/**
 * The sandbox's payment-link writes (docs/providers/priceblocs.md#link-writes): create
 * (`POST /v1/payment-links`), update (`PUT /v1/payment-links/:id`) and delete
 * (`DELETE /v1/payment-links/:id`). Like PriceBlocs, it has no idempotency keys: the same POST
 * twice makes two links. Only documented link fields are accepted; anything else is a 400, as a
 * change to what PriceBlocs says cannot be updated (line items, prices, mode) is.
 */
import { hash32 } from '@paymux/core/adapter'
import type { WireObject } from './data.ts'
import { errorReply, type Reply } from './errors.ts'
import { quirkyCurrency } from './quirks.ts'
import type { Collection } from './store.ts'
import { hex, idOf } from './timeline.ts'

/** What the write routes need: the seed (ids), quirks (currency case) and the clock. */
export interface WriteContext {
  readonly seed: number
  readonly quirks: boolean
  /** Milliseconds since the epoch: stamps `created` and `updated`. */
  readonly now: () => number
}

type Body = Record<string, unknown>

// Documented create parameters ("Create a Payment Link"), plus `title`/`description`, which the
// docs show as updatable link fields. `discounts` and `customer` are accepted and stored as given.
const CREATE_KEYS = new Set([
  'line_items',
  'price_data',
  'mode',
  'title',
  'description',
  'success_url',
  'cancel_url',
  'discounts',
  'customer',
])
// Documented update parameters ("Update a Payment Link").
const UPDATE_KEYS = new Set([
  'title',
  'description',
  'status',
  'success_url',
  'cancel_url',
  'payment_method_types',
  'shipping_address_collection',
])
// "Some parameters which affect the total price or the mode of a payment link cannot be updated."
const FROZEN_KEYS = new Set(['line_items', 'price_data', 'mode', 'currency', 'discounts'])
const STATUSES = new Set(['active', 'inactive', 'archived'])
const MODES = new Set(['payment', 'subscription', 'setup'])
const INTERVALS = new Set(['day', 'week', 'month', 'year'])

const bad = (message: string, param?: string): Reply => errorReply(400, message, param ? { param } : {})
const isRecord = (v: unknown): v is Body => typeof v === 'object' && v !== null && !Array.isArray(v)
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0
const isText = (v: unknown): v is string => typeof v === 'string'
const isUrl = (v: unknown): boolean => {
  if (typeof v !== 'string') return false
  try {
    return /^https?:$/.test(new URL(v).protocol)
  } catch {
    return false
  }
}

/** The request body as an object, or the 400 PriceBlocs would answer. */
const bodyOf = (body: unknown, invalid: string | null): Body | Reply =>
  invalid !== null
    ? bad('Request body is not valid JSON')
    : isRecord(body)
      ? body
      : bad('Request body must be an object')

const checkCommon = (b: Body): Reply | null => {
  for (const k of ['title', 'description'] as const) if (k in b && !isText(b[k])) return bad(`${k} must be a string`, k)
  for (const k of ['success_url', 'cancel_url'] as const) {
    if (k in b && !isUrl(b[k])) return bad(`${k} must be an absolute URL`, k)
  }
  return null
}

interface Item {
  /** Null for a flex price: its ids are drawn from the new link's index. */
  readonly price: string | null
  readonly product: string | null
  readonly currency: string | null
  readonly interval: string | null
  /** `recurring.interval_count` of a flex price, kept as `interval_count` on the item (1 by default). */
  readonly intervalCount?: number
  readonly quantity: number
}

/** `line_items[{ price, quantity }]`: existing Stripe price ids of the connected account. */
const priceItems = (v: unknown, seed: number): Item[] | Reply => {
  if (!Array.isArray(v)) return bad('line_items must be an array', 'line_items')
  const items: Item[] = []
  for (const [i, li] of v.entries()) {
    if (!isRecord(li) || !isText(li['price']) || li['price'] === '' || !isCount(li['quantity'])) {
      return bad(`line_items[${i}] must be { price, quantity }`, `line_items[${i}]`)
    }
    const price = li['price']
    // The product a price belongs to lives in Stripe: the sandbox draws a stable one per price id.
    const product = `prod_${hex(hash32(seed, 0x3f, ...Array.from(price, (c) => c.charCodeAt(0))), 6)}`
    items.push({ price, product, currency: null, interval: null, quantity: li['quantity'] })
  }
  return items
}

/**
 * `price_data[{ currency, unit_amount, product_data: { name }, recurring?, quantity }]`: the shape
 * is inferred (docs/providers/priceblocs.md#link-writes). Each one becomes a "flex" price of a
 * "flex" product in the connected Stripe account, so the ids are new on every create.
 */
const flexItems = (v: unknown): Item[] | Reply => {
  if (!Array.isArray(v)) return bad('price_data must be an array', 'price_data')
  const items: Item[] = []
  for (const [i, pd] of v.entries()) {
    const where = `price_data[${i}]`
    if (!isRecord(pd)) return bad(`${where} must be an object`, where)
    const { currency, unit_amount: amount, product_data: product, recurring, quantity } = pd
    if (!isText(currency) || !/^[a-zA-Z]{3}$/.test(currency)) return bad(`${where}.currency is invalid`, where)
    if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 0) {
      return bad(`${where}.unit_amount must be a whole number`, where)
    }
    if (!isRecord(product) || !isText(product['name']) || product['name'] === '') {
      return bad(`${where}.product_data.name is required`, where)
    }
    if (recurring !== undefined && (!isRecord(recurring) || !INTERVALS.has(String(recurring['interval'])))) {
      return bad(`${where}.recurring.interval is invalid`, where)
    }
    if (!isCount(quantity)) return bad(`${where}.quantity must be a positive whole number`, where)
    items.push({
      price: null,
      product: null,
      currency: currency.toLowerCase(),
      interval: recurring === undefined ? null : String(recurring['interval']),
      ...(recurring !== undefined && isCount(recurring['interval_count'])
        ? { intervalCount: recurring['interval_count'] }
        : {}),
      quantity,
    })
  }
  return items
}

const isReply = (v: unknown): v is Reply => isRecord(v) && 'status' in v && 'body' in v

/** `POST /v1/payment-links`: a new newest link. */
export const createLink = (ctx: WriteContext, links: Collection, raw: unknown, invalid: string | null): Reply => {
  const b = bodyOf(raw, invalid)
  if (isReply(b)) return b
  const unknown = Object.keys(b).find((key) => !CREATE_KEYS.has(key))
  if (unknown !== undefined) return bad(`Unknown parameter: ${unknown}`, unknown)
  const common = checkCommon(b)
  if (common) return common
  if ('mode' in b && !MODES.has(String(b['mode']))) return bad('mode must be payment, subscription or setup', 'mode')
  const fromPrices = 'line_items' in b ? priceItems(b['line_items'], ctx.seed) : []
  if (isReply(fromPrices)) return fromPrices
  const fromData = 'price_data' in b ? flexItems(b['price_data']) : []
  if (isReply(fromData)) return fromData
  const items = [...fromPrices, ...fromData]
  if (items.length === 0 && b['mode'] !== 'setup') {
    return bad('line_items or price_data is required unless mode is setup', 'line_items')
  }
  // Mode is inferred from the prices' recurrence when not given (subscription if any recurs).
  const mode = isText(b['mode']) ? b['mode'] : items.some((i) => i.interval !== null) ? 'subscription' : 'payment'
  const currency = quirkyCurrency(items.find((i) => i.currency !== null)?.currency ?? 'usd', ctx.quirks)
  const last = links.page(null, 1, 1).items[0]?.created ?? 0
  const created = Math.max(Math.floor(ctx.now() / 1000), last + 1)
  const link = links.add((index) => {
    const shortId = hex(hash32(ctx.seed, index, 0x5d), 8)
    const url = `https://priceblocs.com/test/links/${shortId}`
    const o: Record<string, unknown> = {
      url,
      brand_url: url,
      livemode: false,
      id: idOf(ctx.seed, 'paymentLinks', index),
      object: 'payment_link',
      short_id: shortId,
      // Defaults to the first product's name and the total, as documented; the sandbox knows no names of price ids.
      title: isText(b['title']) ? b['title'] : 'Payment link',
      description: isText(b['description']) ? b['description'] : '',
      success_url: isText(b['success_url']) ? b['success_url'] : 'https://priceblocs.com/checkout/success',
      cancel_url: isText(b['cancel_url']) ? b['cancel_url'] : 'https://priceblocs.com/checkout/error',
      created,
      updated: created,
      payment_method_types: ['card'],
      currency,
      customer_email: null,
      customer: isText(b['customer']) ? b['customer'] : null,
      status: 'active',
      discounts: Array.isArray(b['discounts']) ? b['discounts'] : [],
      mode,
      submit_type: 'pay',
      trial_period_days: null,
      trial_end: null,
    }
    if (mode !== 'setup') {
      o['line_items'] = items.map((i, j) => ({
        price: i.price ?? `price_flex${hex(hash32(ctx.seed, index, j, 0x51), 8)}`,
        product: i.product ?? `prod_flex${hex(hash32(ctx.seed, index, j, 0x52), 6)}`,
        currency: quirkyCurrency(i.currency ?? 'usd', ctx.quirks),
        interval: i.interval,
        ...(i.intervalCount === undefined ? {} : { interval_count: i.intervalCount }),
        quantity: i.quantity,
        dynamic_tax_rates: null,
        tax_rates: null,
      }))
    }
    return o as WireObject
  })
  return { status: 200, body: link }
}

const missing = (id: string): Reply => errorReply(404, `No such payment link: ${id}`)

/** `PUT /v1/payment-links/:id`: only the fields given change; frozen ones are a 400. */
export const updateLink = (
  ctx: WriteContext,
  links: Collection,
  id: string,
  raw: unknown,
  invalid: string | null,
): Reply => {
  const b = bodyOf(raw, invalid)
  if (isReply(b)) return b
  const frozen = Object.keys(b).find((key) => FROZEN_KEYS.has(key))
  if (frozen !== undefined) return bad(`${frozen} cannot be updated`, frozen)
  const unknown = Object.keys(b).find((key) => !UPDATE_KEYS.has(key))
  if (unknown !== undefined) return bad(`Unknown parameter: ${unknown}`, unknown)
  const common = checkCommon(b)
  if (common) return common
  if ('status' in b && !STATUSES.has(String(b['status']))) {
    return bad('status must be active, inactive or archived', 'status')
  }
  const k = links.indexOf(id)
  if (k === null) return missing(id)
  const next = { ...links.at(k), ...b, updated: Math.max(Math.floor(ctx.now() / 1000), links.at(k).created) }
  links.put(k, next as WireObject)
  return { status: 200, body: next }
}

/** `DELETE /v1/payment-links/:id`: gone afterwards (retrieve and delete answer 404). */
export const deleteLink = (links: Collection, id: string): Reply => {
  const k = links.indexOf(id)
  if (k === null) return missing(id)
  links.remove(k)
  // The response shape is not documented: a Stripe-style deletion stub (inferred).
  return { status: 200, body: { id, object: 'payment_link', deleted: true } }
}
