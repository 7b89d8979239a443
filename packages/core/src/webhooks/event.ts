/** The neutral webhook event: what every adapter's `webhooks.verify` returns. */
import type { ProviderId } from '../model/common.ts'
import type { ResourceName } from '../model/resource.ts'

/**
 * The closed list of neutral event types. A provider type with no entry here reads as `unknown`:
 * never as a success type, so an unrecognised event cannot be taken for a payment.
 */
export const EVENT_TYPES = [
  'payment_intent.created',
  'payment_intent.processing',
  'payment_intent.requires_action',
  'payment_intent.requires_capture',
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_intent.canceled',
  // No Stripe-family webhook carries it; a poll sees a session appear (packages/core/src/webhooks/poll.ts).
  'checkout_session.created',
  'checkout_session.completed',
  'checkout_session.expired',
  'checkout_session.async_payment_succeeded',
  'checkout_session.async_payment_failed',
  'refund.created',
  'refund.updated',
  'refund.succeeded',
  'refund.failed',
  'payment_link.created',
  'payment_link.updated',
  'unknown',
] as const
/** One of {@link EVENT_TYPES}. */
export type EventType = (typeof EVENT_TYPES)[number]

/** What an event's object is: a neutral resource name (or `refunds`), and its provider id. */
export interface EventObjectRef {
  /** The neutral resource, `refunds`, or null when the event names no object paymux knows. */
  readonly resource: ResourceName | 'refunds' | null
  /** The provider's id of the object, or null when the event carries none. */
  readonly id: string | null
}

/**
 * A verified, normalized webhook event.
 * @typeParam D the neutral object it carries (a `PaymentIntent`, a `CheckoutSession`, ...).
 */
export interface PaymuxEvent<D = unknown> {
  readonly provider: ProviderId
  /** The provider's event id: the dedupe key (a delivery retried carries the same id). */
  readonly id: string
  /** The neutral type; `unknown` for anything paymux does not map. */
  readonly type: EventType
  /** The provider's own type, as received. */
  readonly rawType: string
  readonly createdAt: Date
  readonly livemode: boolean
  /** The neutral object the event carries, or null when paymux has no normalizer for it. */
  readonly data: D | null
  readonly objectRef: EventObjectRef
  /** The idempotency key of the write that caused the event, when the provider says. */
  readonly idempotencyKey: string | null
  /** The decoded event body, untouched. */
  readonly raw: unknown
}

/** Maps a provider type through a table; anything absent reads as `unknown`. */
export const neutralEventType = (table: Readonly<Record<string, EventType>>, rawType: string): EventType =>
  Object.prototype.hasOwnProperty.call(table, rawType) ? (table[rawType] as EventType) : 'unknown'
