/**
 * WooshPay's documented oddities (docs/providers/wooshpay.md), applied to the clean objects of data.ts when
 * the sandbox runs with `quirks: true` (the default). Each object draws its own quirks from the
 * seed, so the same object always has the same form (list and retrieve agree). With quirks off
 * the sandbox speaks clean Stripe style: lower-case currency, seconds, numbers, nulls, arrays.
 */
import type { WireObject } from './data.ts'
import type { Rng } from '@paymux/core/adapter'

/** Quirk 2: the list `object` carries literal quotes. */
export const QUOTED_LIST = '"list"'

const upper = (o: WireObject, key: string): void => {
  const v = o[key]
  if (typeof v === 'string') o[key] = v.toUpperCase()
}

/** Quirk 7: milliseconds instead of seconds. */
const toMs = (o: WireObject, keys: readonly string[]): void => {
  for (const k of keys) {
    const v = o[k]
    if (typeof v === 'number') o[k] = v * 1000
  }
}

/** Quirk 10: `""` where null is meant. */
const emptyNulls = (o: WireObject, keys: readonly string[]): void => {
  for (const k of keys) if (o[k] === null) o[k] = ''
}

/** Quirk 9: arrays and objects serialised as JSON strings (the 2022 Direct API example). */
const stringify = (o: WireObject, keys: readonly string[]): void => {
  for (const k of keys) if (o[k] !== null && typeof o[k] === 'object') o[k] = JSON.stringify(o[k])
}

const asObject = (v: unknown): WireObject | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as WireObject) : null

export const quirkyLineItem = (li: WireObject, r: Rng, ms: boolean, stringAmounts: boolean): WireObject => {
  upper(li, 'currency') // quirk 8
  if (stringAmounts) {
    // Quirk 4: payment-link line items carry amounts and quantity as strings.
    for (const k of ['amount_subtotal', 'amount_total', 'quantity']) li[k] = String(li[k])
  }
  const price = asObject(li['price'])
  if (price) {
    upper(price, 'currency')
    if (ms) toMs(price, ['created'])
    // Quirk 24: `product` expanded into an object, as in the checkout examples.
    if (r.chance(0.5))
      price['product'] = { id: price['product'], object: 'product', name: li['description'], active: true }
  }
  return li
}

export const quirkyLink = (pl: WireObject, r: Rng): WireObject => {
  const ms = r.chance(0.5)
  upper(pl, 'currency')
  if (ms) toMs(pl, ['created'])
  if (r.chance(0.5)) emptyNulls(pl, ['shipping_address_collection'])
  const embedded = asObject(pl['line_items'])
  if (embedded) {
    embedded['object'] = QUOTED_LIST
    for (const li of embedded['data'] as WireObject[]) quirkyLineItem(li, r, ms, true)
  }
  return pl
}

export const quirkySession = (cs: WireObject, r: Rng): WireObject => {
  upper(cs, 'currency')
  if (r.chance(0.5)) toMs(cs, ['created', 'expires_at'])
  if (r.chance(0.6)) {
    emptyNulls(cs, [
      'customer',
      'customer_email',
      'client_reference_id',
      'payment_link',
      'url',
      'shipping',
      'customer_details',
    ])
  }
  if (r.chance(0.3)) stringify(cs, ['payment_method_types'])
  // The session list example (#checkout-session-object): `line_items` present but empty when not expanded.
  cs['line_items'] = {}
  return cs
}

export const quirkyIntent = (pi: WireObject, r: Rng): WireObject => {
  upper(pi, 'currency')
  if (r.chance(0.5)) toMs(pi, ['created', 'canceled_at'])
  if (r.chance(0.6)) {
    emptyNulls(pi, [
      'customer',
      'description',
      'next_action',
      'payment_method',
      'receipt_email',
      'canceled_at',
      'cancellation_reason',
      'latest_charge',
      'merchant_user_id',
      'invoice',
      'setup_future_usage',
      'shipping',
      'last_payment_error',
      '3ds_status',
    ])
  }
  if (r.chance(0.3)) {
    stringify(pi, ['payment_method_types', 'payment_method_options', 'next_action'])
    // Undocumented fields of the same example: tolerated, kept in `raw`.
    pi['statement_descriptor'] = 'WOOSHPAY*SHOP'
    pi['statement_descriptor_suffix'] = ''
    pi['cancel_at'] = ''
  }
  return pi
}
