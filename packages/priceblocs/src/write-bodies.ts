/**
 * Neutral write inputs -> PriceBlocs request bodies (docs/providers/priceblocs.md#link-writes).
 * Pure functions: what each write sends, the reference that marks a create so an ambiguous one
 * can be settled (#settling-creates), and what a link must look like to be that create's.
 */
import { randomUUID } from 'node:crypto'
import { PaymuxError, type LineItemInput, type PaymentLinkCreate, type PaymentLinkUpdate } from '@paymux/core/adapter'
import { PROVIDER } from './capabilities.ts'

/**
 * The query parameter of `success_url` that carries a create's reference. PriceBlocs links
 * store no metadata (#payment-link-object), but they keep `success_url` as given, and Checkout
 * only appends `session_id` to it.
 */
export const REFERENCE_PARAM = 'paymux_ref'

/** A fresh reference for one create call: `pmx_` and 32 hex digits. */
export const newReference = (): string => `pmx_${randomUUID().replace(/-/g, '')}`

/** `url` with the reference added as `paymux_ref` (any earlier one replaced). */
export const markUrl = (url: string, reference: string): string => {
  const u = new URL(url)
  u.searchParams.set(REFERENCE_PARAM, reference)
  return u.toString()
}

/** The reference a link's `success_url` carries, or null. */
export const referenceOfUrl = (url: unknown): string | null => {
  if (typeof url !== 'string') return null
  try {
    return new URL(url).searchParams.get(REFERENCE_PARAM)
  } catch {
    return null
  }
}

const invalid = (message: string) => new PaymuxError({ kind: 'invalid_request', provider: PROVIDER, message })

type WireBody = Record<string, unknown>

const priceData = (li: Extract<LineItemInput, { priceData: unknown }>): WireBody => ({
  currency: li.priceData.currency.toLowerCase(),
  unit_amount: li.priceData.unitAmount,
  product_data: { name: li.priceData.productName },
  ...(li.priceData.recurring === undefined
    ? {}
    : {
        recurring: {
          interval: li.priceData.recurring.interval,
          ...(li.priceData.recurring.intervalCount === undefined
            ? {}
            : { interval_count: li.priceData.recurring.intervalCount }),
        },
      }),
  quantity: li.quantity,
})

/**
 * The mode PriceBlocs would infer, sent only when paymux knows it: `subscription` when an ad-hoc
 * price recurs, `payment` when every item is ad-hoc and none recurs. With existing price ids and
 * no recurring ad-hoc price, their recurrence lives in Stripe: PriceBlocs infers it (#link-writes).
 */
const modeOf = (items: readonly LineItemInput[]): 'subscription' | 'payment' | undefined => {
  if (items.some((li) => 'priceData' in li && li.priceData.recurring !== undefined)) return 'subscription'
  return items.every((li) => 'priceData' in li) ? 'payment' : undefined
}

/**
 * `POST /v1/payment-links` body. `line_items` for existing price ids, `price_data` for ad-hoc
 * prices (which create "flex" products and prices in the connected Stripe account). A
 * `successUrl` carries the create's reference.
 */
export const linkCreateBody = (input: PaymentLinkCreate, reference: string): WireBody => {
  // PriceBlocs documents no status on create: a link starts active.
  if (input.active === false) {
    throw invalid('priceblocs links are created active: create it, then update it with { status: "inactive" }')
  }
  const byPrice = input.lineItems.flatMap((li) => ('price' in li ? [{ price: li.price, quantity: li.quantity }] : []))
  const byData = input.lineItems.flatMap((li) => ('priceData' in li ? [priceData(li)] : []))
  const mode = modeOf(input.lineItems)
  return {
    ...(byPrice.length > 0 ? { line_items: byPrice } : {}),
    ...(byData.length > 0 ? { price_data: byData } : {}),
    ...(mode === undefined ? {} : { mode }),
    ...(input.title === undefined ? {} : { title: input.title }),
    ...(input.description === undefined ? {} : { description: input.description }),
    ...(input.successUrl === undefined ? {} : { success_url: markUrl(input.successUrl, reference) }),
  }
}

/**
 * `PUT /v1/payment-links/:id` body. `active` is PriceBlocs' `status` (active | inactive); line
 * items, prices and mode cannot be updated (#link-writes), and the neutral update has no such
 * fields, so its codec already refuses them.
 */
export const linkUpdateBody = (patch: PaymentLinkUpdate): WireBody => {
  const fromActive = patch.active === undefined ? undefined : patch.active ? 'active' : 'inactive'
  if (fromActive !== undefined && patch.status !== undefined && (patch.status === 'active') !== patch.active) {
    throw invalid(`active ${String(patch.active)} contradicts status "${patch.status}": give one of them`)
  }
  const status = patch.status ?? fromActive
  const body: WireBody = {
    ...(patch.title === undefined ? {} : { title: patch.title }),
    ...(patch.description === undefined ? {} : { description: patch.description }),
    ...(status === undefined ? {} : { status }),
    ...(patch.successUrl === undefined ? {} : { success_url: patch.successUrl }),
  }
  if (Object.keys(body).length === 0) throw invalid('the update changes nothing: give at least one field')
  return body
}

/**
 * What a link created by this call must look like, for settling a create sent without a
 * `successUrl` (no reference on the link): the fields it sent, in PriceBlocs' words.
 */
export interface LinkFingerprint {
  readonly title: string | null
  readonly description: string | null
  /** Per line item, in order: the price id (null for an ad-hoc price) and the quantity. */
  readonly items: readonly { readonly price: string | null; readonly quantity: number }[]
}

/** The fingerprint of a create's input. */
export const fingerprintOf = (input: PaymentLinkCreate): LinkFingerprint => ({
  title: input.title ?? null,
  description: input.description ?? null,
  // PriceBlocs stores `line_items` first, then the flex prices of `price_data` (as the body sends them).
  items: [
    ...input.lineItems.flatMap((li) => ('price' in li ? [{ price: li.price, quantity: li.quantity }] : [])),
    ...input.lineItems.flatMap((li) => ('priceData' in li ? [{ price: null, quantity: li.quantity }] : [])),
  ],
})

/** True when the wire link `raw` carries what the fingerprint says. */
export const matchesFingerprint = (raw: unknown, f: LinkFingerprint): boolean => {
  const link = raw as { title?: unknown; description?: unknown; line_items?: unknown }
  if (f.title !== null && link.title !== f.title) return false
  if (f.description !== null && link.description !== f.description) return false
  const items = Array.isArray(link.line_items) ? (link.line_items as { price?: unknown; quantity?: unknown }[]) : []
  return (
    items.length === f.items.length &&
    f.items.every(
      (want, i) =>
        (want.price === null || items[i]?.price === want.price) && Number(items[i]?.quantity) === want.quantity,
    )
  )
}
