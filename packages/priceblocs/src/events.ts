/**
 * `pb.events.poll()`: PriceBlocs sends no webhooks (docs/providers/priceblocs.md#webhooks), so its
 * checkout events are read from the checkout listing (`GET /v1/checkouts`, newest first), through
 * the adapter's own listing and normalizers. Each poll relists the sessions created in the
 * lookback window and turns each session's state into the events that lead to it:
 *
 * - a session seen at all -> `checkout_session.created` (`poll:checkout.created`);
 * - `completed` -> `checkout_session.completed` (`poll:checkout.completed`), dated by `updated`;
 * - a status PriceBlocs has no documented word for -> `unknown` (`poll:checkout.<status>`),
 *   never a success type. PriceBlocs has no expired state (#checkout-statuses), so no expiry.
 *
 * Event ids are `<rawType>:<checkout id>`: the same change has the same id in every run, so an
 * `EventStore` dedupes across restarts. What polling cannot see: docs/providers/priceblocs.md#polling.
 */
import {
  createEventPoll,
  type CheckoutSession,
  type CheckoutSessionQuery,
  type EventType,
  type EventsResource,
  type Paginator,
  type PaymuxEvent,
  type PollCandidate,
  type SnapshotRequest,
} from '@paymux/core/adapter'
import { PROVIDER } from './capabilities.ts'
import { fromSeconds } from './normalize.ts'

/**
 * Default rescan window: 24 hours. A Stripe Checkout Session (which a PriceBlocs checkout
 * mirrors) expires 24 hours after it is created by default, so it cannot complete later.
 */
export const DEFAULT_LOOKBACK_MS = 24 * 60 * 60 * 1000

/** What the poll reads: the adapter's checkout listing. */
export type CheckoutLister = (query: CheckoutSessionQuery) => Paginator<CheckoutSession>

const event = (s: CheckoutSession, rawType: string, type: EventType, createdAt: Date): PaymuxEvent => ({
  provider: PROVIDER,
  id: `${rawType}:${s.id}`,
  type,
  rawType,
  createdAt,
  livemode: s.livemode,
  data: s,
  objectRef: { resource: 'checkoutSessions', id: s.id },
  // PriceBlocs has no idempotency keys (docs/providers/priceblocs.md#no-idempotency-keys).
  idempotencyKey: null,
  // The object as listed, untouched: a poll has no event body of its own.
  raw: s.raw,
})

/** When a session last changed: its `updated` (seconds), or its creation when absent. */
const updatedAt = (s: CheckoutSession): Date => {
  const updated = (s.raw as { updated?: unknown } | null)?.updated
  return typeof updated === 'number' && Number.isSafeInteger(updated) && updated > 0
    ? fromSeconds(updated)
    : s.createdAt
}

/** The events that lead to a session's listed state, in the order they happened. */
export const checkoutEvents = (s: CheckoutSession): PaymuxEvent[] => {
  const out = [event(s, 'poll:checkout.created', 'checkout_session.created', s.createdAt)]
  if (s.status === 'complete') {
    out.push(event(s, 'poll:checkout.completed', 'checkout_session.completed', updatedAt(s)))
  } else if (s.status === 'unknown') {
    const raw = (s.raw as { status?: unknown } | null)?.status
    out.push(event(s, `poll:checkout.${typeof raw === 'string' ? raw : 'unknown'}`, 'unknown', updatedAt(s)))
  }
  return out
}

/** The `events` member of the PriceBlocs client. */
export const priceblocsEvents = (list: CheckoutLister): EventsResource => ({
  poll: (options) =>
    createEventPoll(
      {
        provider: PROVIDER,
        source: `${PROVIDER}:checkouts`,
        lookbackMs: DEFAULT_LOOKBACK_MS,
        async *snapshot({ since, signal }: SnapshotRequest): AsyncIterable<PollCandidate> {
          // `created` is a client-side filter here: the listing stops at the first older session.
          for await (const s of list({ created: { gte: new Date(since) }, signal })) {
            // Newest first, as the engine expects: a session's completion before its creation.
            for (const e of checkoutEvents(s).reverse()) yield { event: e, at: s.createdAt.getTime() }
          }
        },
      },
      options,
    ),
})
