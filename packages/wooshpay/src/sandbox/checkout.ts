/**
 * The sandbox's payment link and checkout session writes (docs/providers/wooshpay.md#write-endpoints):
 * links from existing prices (`line_items[{ price, quantity }]`), link updates (`active`,
 * `metadata`, `after_completion`), sessions from prices or `price_data` (integer `unit_amount`,
 * #write-money), and the session state machine: open -> expired (`/expire`), open -> complete
 * (the sandbox-only `/v1/test_helpers/checkout/sessions/:id/complete`, which also makes the
 * session's payment intent, succeeded). Any other transition is 400
 * `checkout_session_unexpected_state` (#session-states).
 */
import type { WireObject } from './data.ts'
import { Params } from './body.ts'
import { errorReply, noSuch, type Reply } from './errors.ts'
import { addCreated, replace, type WriteState } from './state.ts'
import { intentObject } from './intents.ts'

/** Finds an object as the listings show it (written version first, then seeded), or null. */
export type Lookup = (id: string) => WireObject | null

const ok = (body: WireObject): Reply => ({ status: 200, body })

/** The state error of a session write. */
export const sessionState = (id: string, status: unknown, action: string): Reply =>
  errorReply(
    400,
    'invalid_request_error',
    'checkout_session_unexpected_state',
    `You cannot ${action} checkout session ${id}: its status is ${String(status)}.`,
  )

const lineItem = (s: WriteState, price: WireObject, quantity: number, description: string): WireObject => ({
  id: s.newId('li_'),
  object: 'item',
  amount_subtotal: (price['unit_amount'] as number) * quantity,
  amount_total: (price['unit_amount'] as number) * quantity,
  currency: price['currency'],
  description,
  price,
  quantity,
})

const productName = (s: WriteState, price: WireObject): string =>
  (s.products.byId.get(price['product'] as string)?.['name'] as string | undefined) ?? 'Item'

/** Line items of one currency, or the 400 for a mix. */
const oneCurrency = (items: WireObject[]): Reply | null =>
  new Set(items.map((li) => li['currency'])).size > 1
    ? errorReply(
        400,
        'invalid_request_error',
        'parameter_invalid',
        'All line items must share one currency.',
        'line_items',
      )
    : null

const embedded = (id: string, path: string, items: WireObject[]) => ({
  object: 'list',
  url: `/v1/${path}/${id}/line_items`,
  has_more: items.length > 3,
  data: items.slice(0, 3),
})

const afterCompletion = (p: Params) => {
  const ac = p.object('after_completion', ['type', 'redirect', 'hosted_confirmation'])
  if (ac === undefined) return undefined
  const type = ac.oneOf('type', ['redirect', 'hosted_confirmation'], true)
  const url = ac.object('redirect', ['url'])?.string('url', type === 'redirect')
  const message = ac.object('hosted_confirmation', ['custom_message'])?.string('custom_message')
  return {
    type,
    redirect: type === 'redirect' ? { url } : null,
    hosted_confirmation: type === 'hosted_confirmation' ? { custom_message: message ?? null } : null,
  }
}

/** `POST /v1/payment_links`: every line item names an existing price. */
export const createLink = (s: WriteState, body: Record<string, unknown>): Reply => {
  const p = new Params(body, '', [
    'line_items',
    'after_completion',
    'metadata',
    'billing_address_collection',
    'phone_number_collection',
    'shipping_address_collection',
    'active',
  ])
  const rows = p.objects('line_items', ['price', 'quantity'], true) ?? []
  const wanted = rows.map((r) => ({ price: r.string('price', true), quantity: r.integer('quantity', true) }))
  const ac = afterCompletion(p)
  const metadata = p.metadata()
  const active = p.boolean('active')
  const billing = p.oneOf('billing_address_collection', ['auto', 'required'])
  if (p.error) return p.error
  const items: WireObject[] = []
  for (const [i, w] of wanted.entries()) {
    const price = s.prices.byId.get(w.price as string)
    if (price === undefined) return noSuch('price', w.price as string)
    if (!((w.quantity as number) > 0))
      return errorReply(
        400,
        'invalid_request_error',
        'parameter_invalid_integer',
        'Quantity must be at least 1.',
        `line_items[${i}][quantity]`,
      )
    items.push(lineItem(s, price, w.quantity as number, productName(s, price)))
  }
  const mixed = oneCurrency(items)
  if (mixed) return mixed
  const id = s.newId('pl_')
  s.lineItems.set(id, items)
  return ok(
    addCreated(s.links, {
      id,
      object: 'payment_link',
      active: active ?? true,
      after_completion: ac ?? {
        type: 'hosted_confirmation',
        hosted_confirmation: { custom_message: null },
        redirect: null,
      },
      billing_address_collection: billing ?? 'auto',
      currency: items[0]?.['currency'],
      livemode: false,
      metadata: metadata ?? {},
      phone_number_collection: { enabled: false },
      shipping_address_collection: null,
      url: `https://checkouttest.wooshpay.com/link/${id.slice(3)}`,
      line_items: embedded(id, 'payment_links', items),
      created: s.nowS(),
    }),
  )
}

/** `POST /v1/payment_links/:id`: `active`, `metadata` (merged, as Stripe does), `after_completion`. */
export const updateLink = (s: WriteState, link: WireObject, body: Record<string, unknown>): Reply => {
  const p = new Params(body, '', ['active', 'metadata', 'after_completion', 'billing_address_collection'])
  const active = p.boolean('active')
  const metadata = p.metadata()
  const ac = afterCompletion(p)
  const billing = p.oneOf('billing_address_collection', ['auto', 'required'])
  if (p.error) return p.error
  return ok(
    replace(s.links, {
      ...link,
      ...(active === undefined ? {} : { active }),
      ...(metadata === undefined ? {} : { metadata: { ...(link['metadata'] as object), ...metadata } }),
      ...(ac === undefined ? {} : { after_completion: ac }),
      ...(billing === undefined ? {} : { billing_address_collection: billing }),
    }),
  )
}

/** `POST /v1/checkout/sessions`: line items from prices or from `price_data` (integer `unit_amount`). */
export const createSession = (s: WriteState, body: Record<string, unknown>): Reply => {
  const p = new Params(body, '', [
    'success_url',
    'cancel_url',
    'mode',
    'line_items',
    'payment_method_types',
    'payment_intent_data',
    'metadata',
    'client_reference_id',
    'customer',
    'customer_email',
    'expires_at',
  ])
  const successUrl = p.string('success_url', true)
  const cancelUrl = p.string('cancel_url')
  p.oneOf('mode', ['payment'])
  const rows = p.objects('line_items', ['price', 'price_data', 'quantity'], true) ?? []
  const wanted = rows.map((r) => {
    const data = r.object('price_data', ['currency', 'unit_amount', 'product_data', 'recurring'])
    const name = data?.object('product_data', ['name', 'description', 'images', 'metadata'], true)?.string('name', true)
    const priceData =
      data === undefined
        ? undefined
        : { currency: data.string('currency', true), unitAmount: data.integer('unit_amount', true), name }
    const price = r.string('price', priceData === undefined)
    return { price, priceData, quantity: r.integer('quantity', true) }
  })
  const metadata = p.metadata()
  const ref = p.string('client_reference_id')
  const customer = p.string('customer')
  const email = p.string('customer_email')
  const expiresAt = p.integer('expires_at')
  if (p.error) return p.error
  const now = s.nowS()
  const items: WireObject[] = []
  for (const w of wanted) {
    if (w.price !== undefined) {
      const price = s.prices.byId.get(w.price)
      if (price === undefined) return noSuch('price', w.price)
      items.push(lineItem(s, price, w.quantity as number, productName(s, price)))
    } else if (w.priceData !== undefined) {
      const d = w.priceData
      const price: WireObject = {
        id: s.newId('price_'),
        object: 'price',
        active: false,
        billing_scheme: 'per_unit',
        created: now,
        currency: (d.currency as string).toLowerCase(),
        livemode: false,
        metadata: {},
        product: s.newId('prod_'),
        type: 'one_time',
        unit_amount: d.unitAmount,
        recurring: null,
      }
      items.push(lineItem(s, price, w.quantity as number, d.name as string))
    }
  }
  const mixed = oneCurrency(items)
  if (mixed) return mixed
  if (expiresAt !== undefined && (expiresAt < now + 3600 || expiresAt > now + 86_400)) {
    return errorReply(
      400,
      'invalid_request_error',
      'parameter_invalid',
      'expires_at must be 1 to 24 hours from now.',
      'expires_at',
    )
  }
  const total = items.reduce((sum, li) => sum + (li['amount_total'] as number), 0)
  const id = s.newId('cs_')
  s.lineItems.set(id, items)
  return ok(
    addCreated(s.sessions, {
      id,
      object: 'checkout.session',
      amount_subtotal: total,
      amount_total: total,
      cancel_url: cancelUrl ?? null,
      client_reference_id: ref ?? null,
      created: now,
      currency: items[0]?.['currency'],
      customer: customer ?? null,
      customer_email: email ?? null,
      expires_at: expiresAt ?? now + 86_400,
      livemode: false,
      metadata: metadata ?? {},
      mode: 'payment',
      payment_intent: null,
      payment_link: null,
      payment_method_types: ['card'],
      payment_status: 'unpaid',
      status: 'open',
      success_url: successUrl,
      url: `https://checkouttest.wooshpay.com/pay/cs_test_${id.slice(3)}`,
      line_items: embedded(id, 'checkout/sessions', items),
    }),
  )
}

/** `POST /v1/checkout/sessions/:id/expire`: open -> expired. */
export const expireSession = (s: WriteState, session: WireObject): Reply =>
  session['status'] !== 'open'
    ? sessionState(session['id'] as string, session['status'], 'expire')
    : ok(replace(s.sessions, { ...session, status: 'expired', url: null }))

/** Sandbox only: the buyer pays an open session; its payment intent is created, succeeded. */
export const completeSession = (s: WriteState, session: WireObject): Reply => {
  if (session['status'] !== 'open') return sessionState(session['id'] as string, session['status'], 'complete')
  const amount = session['amount_total'] as number
  const pi = addCreated(
    s.intents,
    intentObject(s, {
      amount,
      currency: session['currency'] as string,
      captureMethod: 'automatic',
      status: 'succeeded',
      paymentMethod: 'pm_card_visa',
    }),
  )
  return ok(
    replace(s.sessions, {
      ...session,
      status: 'complete',
      payment_status: amount === 0 ? 'no_payment_required' : 'paid',
      payment_intent: pi['id'],
      url: null,
    }),
  )
}
