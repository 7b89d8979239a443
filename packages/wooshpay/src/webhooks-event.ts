/**
 * Decodes a verified WooshPay event body into a `PaymuxEvent`: the envelope (`evt_…`, `type`,
 * `created` in seconds or milliseconds, quirk 7), and `data.object` through the adapter's own
 * normalizers. An object of a known kind that does not decode is a `decode` error, not a silent
 * null: the signature was good, so the provider sent something paymux cannot read.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import {
  decodeWith,
  epochDate,
  isAbsent,
  neutralEventType,
  nullish,
  readText,
  struct,
  type EventObjectRef,
  type PaymuxEvent,
  PaymuxError,
} from '@paymux/core/adapter'
import { PROVIDER } from './capabilities.ts'
import * as wire from './codecs.ts'
import {
  normalizeCheckoutSession,
  normalizePaymentIntent,
  normalizePaymentLink,
  normalizeRefund,
  type NormalizeContext,
} from './normalize.ts'
import { WOOSHPAY_EVENT_TYPES } from './webhooks-types.ts'

// Stripe-shaped `request`: `{ id, idempotency_key }`, or (old API versions) the request id alone.
const EventRequest = t.union([
  t.string,
  struct('EventRequest', {}, { id: nullish(t.string), idempotency_key: nullish(t.string) }),
])

/** The event envelope (docs/providers/wooshpay.md#webhooks). */
export const WireEvent = struct(
  'Event',
  { id: t.string, type: t.string, created: wire.Timestamp, data: struct('EventData', { object: t.UnknownRecord }, {}) },
  {
    object: nullish(t.string),
    livemode: nullish(t.boolean),
    request: nullish(EventRequest),
    api_version: nullish(t.string),
  },
)
export type WireEvent = t.TypeOf<typeof WireEvent>

interface ObjectKind {
  readonly resource: EventObjectRef['resource']
  readonly decode: (u: unknown, ctx: NormalizeContext) => E.Either<PaymuxError, unknown>
}

const kind = <W>(
  resource: EventObjectRef['resource'],
  codec: t.Type<W, W, unknown>,
  what: string,
  normalize: (w: W, ctx: NormalizeContext) => unknown,
): ObjectKind => {
  const decode = decodeWith(codec, `the ${what} of a webhook event`, PROVIDER)
  return { resource, decode: (u, ctx) => E.map((w: W) => normalize(w, ctx))(decode(u)) }
}

// Keyed by the object's `object` field.
const OBJECT_KINDS: Readonly<Record<string, ObjectKind>> = {
  payment_intent: kind('paymentIntents', wire.PaymentIntent, 'payment intent', normalizePaymentIntent),
  'checkout.session': kind('checkoutSessions', wire.CheckoutSession, 'checkout session', normalizeCheckoutSession),
  payment_link: kind('paymentLinks', wire.PaymentLink, 'payment link', normalizePaymentLink),
  refund: kind('refunds', wire.Refund, 'refund', (w, ctx) => normalizeRefund(w, ctx)),
}

const decodeEnvelope = decodeWith(WireEvent, 'a webhook event', PROVIDER)

const idempotencyKeyOf = (r: WireEvent['request']): string | null =>
  isAbsent(r) || typeof r === 'string' ? null : readText(r.idempotency_key)

/** Event JSON (already verified) -> `PaymuxEvent`; throws kind `decode` when it cannot be read. */
export const toPaymuxEvent = (body: unknown, ctx: NormalizeContext): PaymuxEvent => {
  const envelope = decodeEnvelope(body)
  if (E.isLeft(envelope)) throw envelope.left
  const ev = envelope.right
  const obj = ev.data.object
  const objectType = typeof obj.object === 'string' ? obj.object : ''
  const known = Object.prototype.hasOwnProperty.call(OBJECT_KINDS, objectType) ? OBJECT_KINDS[objectType] : undefined
  let data: unknown = null
  if (known) {
    const decoded = known.decode(obj, ctx)
    if (E.isLeft(decoded)) throw decoded.left
    data = decoded.right
  }
  return {
    provider: PROVIDER,
    id: ev.id,
    type: neutralEventType(WOOSHPAY_EVENT_TYPES, ev.type),
    rawType: ev.type,
    createdAt: epochDate(ev.created) as Date,
    livemode: typeof ev.livemode === 'boolean' ? ev.livemode : ctx.livemode,
    data,
    objectRef: { resource: known?.resource ?? null, id: typeof obj.id === 'string' && obj.id !== '' ? obj.id : null },
    idempotencyKey: idempotencyKeyOf(ev.request),
    raw: body,
  }
}

/** Parses the verified raw body as JSON; a body that is not JSON is a `decode` error. */
export const parseEventBody = (rawBody: string | Uint8Array): unknown => {
  const text = typeof rawBody === 'string' ? rawBody : new TextDecoder().decode(rawBody)
  try {
    return JSON.parse(text) as unknown
  } catch (cause) {
    throw new PaymuxError({
      kind: 'decode',
      provider: PROVIDER,
      message: 'could not read a webhook event: the body is not JSON',
      cause,
    })
  }
}
