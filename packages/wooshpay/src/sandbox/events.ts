/**
 * The sandbox's event log (docs/providers/wooshpay.md#sandbox-webhooks): every state change a
 * write makes becomes an `evt_…` in Stripe's envelope (`id`, `object: 'event'`, `type`,
 * `created`, `livemode`, `data.object` as the write left it, `request { id, idempotency_key }`
 * naming the causing write). The types are the WooshPay names the adapter maps
 * (packages/wooshpay/src/webhooks-types.ts), so every event the sandbox sends has a neutral type.
 */
import type { WireObject } from './data.ts'
import type { Reply } from './errors.ts'
import type { WriteState } from './state.ts'

/** Every event type the sandbox emits, in the order one write emits them. */
export const SANDBOX_EVENT_TYPES = [
  'payment_intent.created',
  'payment_intent.amount_capturable_updated',
  'payment_intent.succeeded',
  'payment_intent.canceled',
  'checkout.session.completed',
  'checkout.session.expired',
  'refund.created',
  'charge.refund.updated',
  'payment_link.created',
  'payment_link.updated',
] as const
/** One of {@link SANDBOX_EVENT_TYPES}. */
export type SandboxEventType = (typeof SANDBOX_EVENT_TYPES)[number]

/** What a write changed: an event type and the object as the write left it. */
interface Change {
  readonly type: SandboxEventType
  readonly object: WireObject
}

/** The state change of an intent's new status: authorised (manual capture) or paid. */
const intentOutcome = (pi: WireObject): Change[] => {
  if (pi['status'] === 'succeeded') return [{ type: 'payment_intent.succeeded', object: pi }]
  // Stripe's name for "authorised, waiting for capture" (docs/providers/wooshpay.md#webhooks).
  if (pi['status'] === 'requires_capture') return [{ type: 'payment_intent.amount_capturable_updated', object: pi }]
  return []
}

/** Events of one write, by its route key, from the object it answered with. */
const changesOf = (s: WriteState, routeKey: string, body: WireObject): Change[] => {
  switch (routeKey) {
    case 'POST /v1/payment_intents':
      return [{ type: 'payment_intent.created', object: body }, ...intentOutcome(body)]
    case 'POST /v1/payment_intents/:id/confirm':
    case 'POST /v1/payment_intents/:id/capture':
      return intentOutcome(body)
    case 'POST /v1/payment_intents/:id/cancel':
      return [{ type: 'payment_intent.canceled', object: body }]
    case 'POST /v1/checkout/sessions/:id/expire':
      return [{ type: 'checkout.session.expired', object: body }]
    case 'POST /v1/test_helpers/checkout/sessions/:id/complete': {
      // Completing a session creates its payment intent, paid: both changes are announced.
      const pi = s.intents.byId.get(body['payment_intent'] as string)
      const paid: Change[] = pi
        ? [
            { type: 'payment_intent.created', object: pi },
            { type: 'payment_intent.succeeded', object: pi },
          ]
        : []
      return [...paid, { type: 'checkout.session.completed', object: body }]
    }
    case 'POST /v1/refunds':
      // Created and already final (the sandbox settles refunds at once): WooshPay's documented
      // name for a refund that changed ("Create a webhook", docs/providers/wooshpay.md#webhooks).
      return [
        { type: 'refund.created', object: body },
        { type: 'charge.refund.updated', object: body },
      ]
    case 'POST /v1/payment_links':
      return [{ type: 'payment_link.created', object: body }]
    case 'POST /v1/payment_links/:id':
      return [{ type: 'payment_link.updated', object: body }]
    default:
      return []
  }
}

/** The log of events, newest first, and what a write appends to it. */
export interface EventLog {
  /** Newest first (the listing's order). */
  readonly events: WireObject[]
  readonly byId: Map<string, WireObject>
  /**
   * Records the events of a write that succeeded (not a replay). Returns them, oldest first, and
   * the request id they carry (null when none), which the write's answer sends as `request-id`.
   */
  record(
    routeKey: string,
    reply: Reply,
    idempotencyKey: string | undefined,
  ): { events: WireObject[]; requestId: string | null }
}

/** An empty log; `onEvents` is told of each write's events (the deliveries subscribe there). */
export const makeEventLog = (s: WriteState, onEvents: (events: readonly WireObject[]) => void): EventLog => {
  const events: WireObject[] = []
  const byId = new Map<string, WireObject>()
  return {
    events,
    byId,
    record(routeKey, reply, idempotencyKey) {
      const changes = reply.status >= 200 && reply.status <= 299 ? changesOf(s, routeKey, reply.body as WireObject) : []
      // Only a write that emits events gets an id of its own: other writes keep the kit's.
      if (changes.length === 0) return { events: [], requestId: null }
      const requestId = s.newId('req_')
      const made = changes.map((c): WireObject => ({
        id: s.newId('evt_'),
        object: 'event',
        api_version: null,
        created: s.nowS(),
        // A snapshot: later writes replace objects, they never change this one.
        data: { object: structuredClone(c.object) },
        livemode: false,
        pending_webhooks: 0,
        request: { id: requestId, idempotency_key: idempotencyKey ?? null },
        type: c.type,
      }))
      for (const e of made) {
        events.unshift(e)
        byId.set(e['id'] as string, e)
      }
      onEvents(made)
      return { events: made, requestId }
    },
  }
}
