/**
 * `wp.events.poll()` over `GET /v1/events`, Stripe's event list: newest first, cursor paging
 * with `starting_after`, `created[gte]` (Unix seconds) and `types[]`. WooshPay documents
 * webhooks and `GET /v1/events/{id}`, not this list: its shape is inferred from the Stripe
 * pattern WooshPay follows everywhere else (docs/providers/wooshpay.md#event-list), and the
 * manifest says so (`events.inferred: ['poll']`).
 *
 * Each event is read by the webhook decoder (webhooks-event.ts), so a polled event is the same
 * `PaymuxEvent`, with the same id, as the delivery of that event: one `EventStore` dedupes both.
 * Core's listing drops an event a page repeats and stops a cursor that does not advance.
 */
import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import {
  PaymuxError,
  createEventPoll,
  createListing,
  type EventType,
  type EventsResource,
  type FetchPage,
  type PagingHooks,
  type PaymuxEvent,
  type PollCandidate,
  type SnapshotRequest,
  type Transport,
} from '@paymux/core/adapter'
import { MAX_PAGE_SIZE, PROVIDER } from './capabilities.ts'
import * as wire from './codecs.ts'
import { decodeInto } from './decode.ts'
import type { NormalizeContext } from './normalize.ts'
import { WireEvent, toPaymuxEvent } from './webhooks-event.ts'
import { WOOSHPAY_EVENT_TYPES } from './webhooks-types.ts'

const EVENTS_PATH = '/v1/events'

/**
 * Default rescan window: 10 minutes. Events never change once made; the window is there for an
 * event that becomes visible in the list after newer ones (a list served from a lagging replica).
 */
export const DEFAULT_LOOKBACK_MS = 10 * 60 * 1000

const EventList = wire.list(WireEvent, 'EventList')

interface EventPage {
  readonly items: PaymuxEvent[]
  readonly lastId: string | null
  readonly hasMore: boolean
}

/**
 * The provider's types for the neutral ones wanted, for `types[]`; null to ask for every type
 * (all wanted, or `unknown` wanted, which no provider type names).
 */
export const rawTypesOf = (types: ReadonlySet<EventType> | null): string[] | null => {
  if (types === null || types.has('unknown')) return null
  return Object.entries(WOOSHPAY_EVENT_TYPES)
    .filter(([, neutral]) => types.has(neutral))
    .map(([raw]) => raw)
}

/** One page of the event list as a core `FetchPage`; positions are `{ after: id }`. */
const eventPages = (
  transport: Transport,
  ctx: NormalizeContext,
  sinceSeconds: number,
  rawTypes: readonly string[] | null,
): FetchPage<PaymuxEvent> => {
  const decode = decodeInto(EventList, 'a list of events', (list): EventPage => ({
    // The webhook decoder: the same neutral event, the same quirks absorbed (ms timestamps, ...).
    items: list.data.map((ev) => toPaymuxEvent(ev, ctx)),
    lastId: list.data.at(-1)?.id ?? null,
    hasMore: list.has_more,
  }))
  return ({ at, signal }) => {
    const after = at === null ? null : (at as { after?: unknown }).after
    if (at !== null && (typeof after !== 'string' || after === '')) {
      return TE.left(
        new PaymuxError({ kind: 'checkpoint_mismatch', provider: PROVIDER, message: 'not an event-list cursor' }),
      )
    }
    const query = new URLSearchParams({ limit: String(MAX_PAGE_SIZE), 'created[gte]': String(sinceSeconds) })
    for (const t of rawTypes ?? []) query.append('types[]', t)
    if (typeof after === 'string') query.set('starting_after', after)
    return pipe(
      transport.request({ path: EVENTS_PATH, query, signal }, decode),
      TE.chain((page) => {
        if (!page.hasMore) return TE.right({ items: page.items, next: null, total: null })
        if (page.lastId === null) {
          return TE.left(
            new PaymuxError({
              kind: 'pagination',
              provider: PROVIDER,
              message: `${EVENTS_PATH} returned an empty page that claims has_more: true`,
            }),
          )
        }
        return TE.right({ items: page.items, next: { after: page.lastId }, total: null })
      }),
    )
  }
}

/** What the poll needs of the client. */
export interface EventsDeps {
  readonly transport: Transport
  readonly ctx: NormalizeContext
  readonly hooks?: PagingHooks | undefined
}

/** The `events` member of the WooshPay client. */
export const wooshpayEvents = (deps: EventsDeps): EventsResource => ({
  poll: (options) =>
    createEventPoll(
      {
        provider: PROVIDER,
        source: `${PROVIDER}:events`,
        lookbackMs: DEFAULT_LOOKBACK_MS,
        async *snapshot({ since, types, signal }: SnapshotRequest): AsyncIterable<PollCandidate> {
          const rawTypes = rawTypesOf(types)
          // Nothing the provider could send is wanted: no request.
          if (rawTypes !== null && rawTypes.length === 0) return
          const sinceSeconds = Math.floor(since / 1000)
          const listing = createListing<PaymuxEvent>({
            scope: { provider: PROVIDER, resource: 'events', filters: { since: sinceSeconds, types: rawTypes } },
            query: { signal },
            fetchPage: eventPages(deps.transport, deps.ctx, sinceSeconds, rawTypes),
            // A provider repeating an event across pages is not trusted: each id once.
            idOf: (e) => e.id,
            maxConcurrency: 1,
            counters: deps.transport.stats,
            hooks: deps.hooks,
          })
          for await (const event of listing) yield { event, at: event.createdAt.getTime() }
        },
      },
      options,
    ),
})
