/**
 * A small Stripe-shaped event list on 127.0.0.1 for the WooshPay event-poll tests (not a test
 * file): `GET /v1/events`, newest first, `limit`, `starting_after`, `created[gte]`, `types[]`,
 * with one rule bent on request (an event repeated across pages, a cursor that does not
 * advance, a request that fails).
 */
import { startLocalServer, type LocalServer, type Reply } from '../helpers/misbehaving/server.ts'

/** The tests' start time. */
export const T0 = Date.UTC(2026, 5, 1, 12)

export type Misbehaviour = 'none' | 'repeat_last' | 'stuck'

export interface EventList extends LocalServer {
  /** Events the provider holds; `created` in seconds (or milliseconds: WooshPay quirk 7). */
  readonly events: Record<string, unknown>[]
  misbehaviour: Misbehaviour
  /** Answers 500 to the list requests it picks (1-based count of list requests). */
  failWhen: (n: number) => boolean
}

/** The payment intent event `n` carries. */
export const intent = (n: number) => ({
  id: `pi_${n}`,
  object: 'payment_intent',
  amount: 1000 + n,
  currency: 'usd',
  status: 'succeeded',
  created: Math.floor(T0 / 1000) - 3600,
})

/** Event `n`, created at `createdMs`, in Stripe's shape. */
export const eventBody = (
  n: number,
  createdMs: number,
  type = 'payment_intent.succeeded',
): Record<string, unknown> => ({
  id: `evt_${String(n).padStart(5, '0')}`,
  object: 'event',
  api_version: '2022-11-15',
  type,
  // Every third event carries milliseconds, as WooshPay's own example does (quirk 7).
  created: n % 3 === 0 ? createdMs : Math.floor(createdMs / 1000),
  livemode: false,
  request: { id: `req_${n}`, idempotency_key: `key_${n}` },
  data: { object: intent(n) },
})

const createdSeconds = (e: Record<string, unknown>): number => {
  const c = e['created'] as number
  return c > 1e11 ? Math.floor(c / 1000) : c
}

/** Stripe's event list, with one rule bent on request. */
export const startEventList = async (): Promise<EventList> => {
  let lists = 0
  const events: Record<string, unknown>[] = []
  // The test changes the rules on this object while the server runs.
  const rules: Pick<EventList, 'misbehaviour' | 'failWhen'> = { misbehaviour: 'none', failWhen: () => false }
  const route = (url: URL): Reply => {
    if (url.pathname !== '/v1/events') return { status: 404, body: { error: { message: 'no route' } } }
    lists += 1
    if (rules.failWhen(lists)) return { status: 500, body: { error: { type: 'api_error', message: 'list failed' } } }
    const gte = Number(url.searchParams.get('created[gte]') ?? '0')
    const types = url.searchParams.getAll('types[]')
    const limit = Number(url.searchParams.get('limit') ?? '10')
    const matching = events
      .filter((e) => createdSeconds(e) >= gte && (types.length === 0 || types.includes(e['type'] as string)))
      .sort((a, b) => createdSeconds(b) - createdSeconds(a) || (String(a['id']) < String(b['id']) ? 1 : -1))
    const after = url.searchParams.get('starting_after')
    let start = after === null || rules.misbehaviour === 'stuck' ? 0 : matching.findIndex((e) => e['id'] === after) + 1
    // The last event of the page before comes again at the top of the next one.
    if (after !== null && rules.misbehaviour === 'repeat_last') start -= 1
    const data = matching.slice(start, start + limit)
    return { status: 200, body: { object: 'list', url: '/v1/events', has_more: start + limit < matching.length, data } }
  }
  const server = await startLocalServer(route)
  return Object.defineProperties(Object.assign(server, { events }), {
    misbehaviour: { get: () => rules.misbehaviour, set: (m: Misbehaviour) => (rules.misbehaviour = m) },
    failWhen: { get: () => rules.failWhen, set: (f: (n: number) => boolean) => (rules.failWhen = f) },
  }) as EventList
}
