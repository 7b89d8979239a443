/**
 * The sandbox's payment intent state machine and refunds (docs/providers/wooshpay.md#intent-states):
 * create -> `requires_payment_method` (or `requires_confirmation` with a `payment_method`);
 * confirm (any payment method id, e.g. `pm_card_visa`, pays) -> `succeeded` (automatic capture)
 * or `requires_capture` (manual); capture (optional integer `amount_to_capture` <= the
 * authorised amount) -> `succeeded`; cancel from a non-terminal state with `cancellation_reason`.
 * Anything else is 400 `payment_intent_unexpected_state`. Refunds (string `amount`, #write-money)
 * never exceed what was captured, summed over the intent's refunds.
 */
import type { WireObject } from './data.ts'
import { Params } from './body.ts'
import { errorReply, type Reply } from './errors.ts'
import { addCreated, replace, type WriteState } from './state.ts'

const ok = (body: WireObject): Reply => ({ status: 200, body })

const CANCELLABLE = [
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
  'requires_capture',
  'processing',
]
const CANCELLATION_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'] as const
const REFUND_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer', 'resolved_dispute'] as const

/** The state error of a payment intent write (the documented code, #intent-states). */
export const intentState = (pi: WireObject, action: string): Reply =>
  errorReply(
    400,
    'invalid_request_error',
    'payment_intent_unexpected_state',
    `You cannot ${action} this PaymentIntent because it has a status of ${String(pi['status'])}.`,
  )

interface IntentSeed {
  readonly amount: number
  readonly currency: string
  readonly captureMethod: string
  readonly status: string
  readonly paymentMethod?: string | undefined
}

/** A new payment intent object of the seeded shape. */
export const intentObject = (s: WriteState, o: IntentSeed, extra: WireObject = {}): WireObject => {
  const id = s.newId('pi_')
  return {
    id,
    object: 'payment_intent',
    created: s.nowS(),
    currency: o.currency.toLowerCase(),
    customer: null,
    amount: o.amount,
    status: o.status,
    description: null,
    metadata: {},
    livemode: false,
    merchant_order_id: null,
    client_secret: `${id}_secret_${s.rng().int(1e9).toString(36)}`,
    last_payment_error: null,
    next_action: null,
    payment_method_types: ['card'],
    payment_method: o.paymentMethod ?? null,
    canceled_at: null,
    cancellation_reason: null,
    confirmation_method: 'automatic',
    amount_capturable: 0,
    amount_received: o.status === 'succeeded' ? o.amount : 0,
    capture_method: o.captureMethod,
    latest_charge: o.status === 'succeeded' ? s.newId('ch_') : null,
    ...extra,
  }
}

/** Confirms with a payment method: automatic capture succeeds, manual waits for a capture. */
const confirmed = (s: WriteState, pi: WireObject, paymentMethod: string): WireObject => {
  const manual = pi['capture_method'] === 'manual'
  const amount = pi['amount'] as number
  return {
    ...pi,
    payment_method: paymentMethod,
    status: manual ? 'requires_capture' : 'succeeded',
    amount_capturable: manual ? amount : 0,
    amount_received: manual ? 0 : amount,
    latest_charge: s.newId('ch_'),
  }
}

/** `POST /v1/payment_intents`. */
export const createIntent = (s: WriteState, body: Record<string, unknown>): Reply => {
  const p = new Params(body, '', [
    'amount',
    'currency',
    'confirm',
    'capture_method',
    'payment_method',
    'payment_method_types',
    'payment_method_data',
    'metadata',
    'description',
    'customer',
    'merchant_order_id',
    'merchant_user_id',
    'return_url',
  ])
  const amount = p.integer('amount', true)
  const currency = p.string('currency', true)
  const confirm = p.boolean('confirm')
  const captureMethod = p.oneOf('capture_method', ['automatic', 'manual'])
  const paymentMethod = p.string('payment_method')
  const metadata = p.metadata()
  const description = p.string('description')
  const customer = p.string('customer')
  const orderId = p.string('merchant_order_id')
  const types = body['payment_method_types']
  if (types !== undefined && !(Array.isArray(types) && types.length > 0 && types.every((t) => typeof t === 'string'))) {
    p.fail('payment_method_types', 'Invalid array: payment_method_types must be strings')
  }
  if (amount === 0) p.fail('amount', 'Amount must be at least 1.', 'parameter_invalid_integer')
  if (amount !== undefined && amount > 99_999_999)
    p.fail('amount', 'Amount must be at most 8 digits.', 'amount_too_large')
  if (confirm === true && paymentMethod === undefined)
    p.fail('payment_method', 'Missing required param: payment_method (confirm is true).', 'parameter_missing')
  if (p.error) return p.error
  const pi = intentObject(
    s,
    {
      amount: amount as number,
      currency: currency as string,
      captureMethod: captureMethod ?? 'automatic',
      status: paymentMethod === undefined ? 'requires_payment_method' : 'requires_confirmation',
      paymentMethod,
    },
    {
      metadata: metadata ?? {},
      description: description ?? null,
      customer: customer ?? null,
      merchant_order_id: orderId ?? null,
      ...(types === undefined ? {} : { payment_method_types: types }),
    },
  )
  return ok(addCreated(s.intents, confirm === true ? confirmed(s, pi, paymentMethod as string) : pi))
}

/** `POST /v1/payment_intents/:id/confirm`. */
export const confirmIntent = (s: WriteState, pi: WireObject, body: Record<string, unknown>): Reply => {
  const p = new Params(body, '', ['payment_method', 'return_url'])
  const paymentMethod = p.string('payment_method') ?? (pi['payment_method'] as string | null) ?? undefined
  if (p.error) return p.error
  if (pi['status'] !== 'requires_payment_method' && pi['status'] !== 'requires_confirmation')
    return intentState(pi, 'confirm')
  if (paymentMethod === undefined)
    return errorReply(
      400,
      'invalid_request_error',
      'parameter_missing',
      'Missing required param: payment_method.',
      'payment_method',
    )
  return ok(replace(s.intents, confirmed(s, pi, paymentMethod)))
}

/** `POST /v1/payment_intents/:id/capture`: all of the authorisation, or `amount_to_capture` of it. */
export const captureIntent = (s: WriteState, pi: WireObject, body: Record<string, unknown>): Reply => {
  const p = new Params(body, '', ['amount_to_capture', 'metadata'])
  const wanted = p.integer('amount_to_capture')
  if (p.error) return p.error
  if (pi['status'] !== 'requires_capture') return intentState(pi, 'capture')
  const capturable = pi['amount_capturable'] as number
  if (wanted !== undefined && (wanted < 1 || wanted > capturable)) {
    return errorReply(
      400,
      'invalid_request_error',
      'amount_too_large',
      `amount_to_capture must be between 1 and ${capturable}.`,
      'amount_to_capture',
    )
  }
  return ok(
    replace(s.intents, { ...pi, status: 'succeeded', amount_capturable: 0, amount_received: wanted ?? capturable }),
  )
}

/** `POST /v1/payment_intents/:id/cancel`: from a non-terminal state. */
export const cancelIntent = (s: WriteState, pi: WireObject, body: Record<string, unknown>): Reply => {
  const p = new Params(body, '', ['cancellation_reason'])
  const reason = p.oneOf('cancellation_reason', CANCELLATION_REASONS)
  if (p.error) return p.error
  if (!CANCELLABLE.includes(pi['status'] as string)) return intentState(pi, 'cancel')
  return ok(
    replace(s.intents, {
      ...pi,
      status: 'canceled',
      amount_capturable: 0,
      canceled_at: s.nowS(),
      cancellation_reason: reason ?? null,
    }),
  )
}

/** `POST /v1/refunds`: of a succeeded intent, never more than was captured minus earlier refunds. */
export const createRefund = (
  s: WriteState,
  find: (id: string) => WireObject | null,
  body: Record<string, unknown>,
): Reply => {
  const p = new Params(body, '', ['payment_intent', 'amount', 'reason', 'metadata'])
  const piId = p.string('payment_intent', true)
  const amount = p.digits('amount')
  const reason = p.oneOf('reason', REFUND_REASONS)
  const metadata = p.metadata()
  if (amount === 0) p.fail('amount', 'Amount must be at least 1.', 'parameter_invalid_integer')
  if (p.error) return p.error
  const pi = find(piId as string)
  if (pi === null)
    return errorReply(
      400,
      'invalid_request_error',
      'resource_missing',
      `No such payment_intent: '${piId}'`,
      'payment_intent',
    )
  if (pi['status'] !== 'succeeded') return intentState(pi, 'refund')
  const refunded = s.refunds.created
    .filter((r) => r['payment_intent'] === piId)
    .reduce((sum, r) => sum + (r['amount'] as number), 0)
  const left = (pi['amount_received'] as number) - refunded
  const value = amount ?? left
  if (value < 1 || value > left) {
    return errorReply(
      400,
      'invalid_request_error',
      'amount_too_large',
      `Refund amount (${value}) is greater than what is left to refund (${left}).`,
      'amount',
    )
  }
  return ok(
    addCreated(s.refunds, {
      id: s.newId('re_'),
      object: 'refund',
      amount: value,
      created: s.nowS(),
      currency: pi['currency'],
      metadata: metadata ?? {},
      payment_intent: piId,
      reason: reason ?? null,
      status: 'succeeded',
      description: null,
      failure_reason: null,
    }),
  )
}
