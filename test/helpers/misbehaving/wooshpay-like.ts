/**
 * A WooshPay-like payment intents list (`GET /v1/payment_intents`, and the same objects as
 * payment links at `/v1/payment_links`; cursor paging with `limit`
 * and `starting_after`, `created[gte|gt|lt|lte]` filters) that breaks one rule on purpose, as
 * independent servers were measured to do in issue 12:
 *
 * - `ms_created`: for 10% of objects the filter compares another value than the `created` the
 *   object carries (stored in milliseconds, served as milliseconds, decoded as seconds);
 * - `lt_inclusive`: `created[lt]` treated as `<=`; `gte_exclusive`: `created[gte]` as `>`;
 * - `sort_by_id`: lists sorted by id instead of newest first;
 * - `ignore_lt`: `created[lt]` ignored entirely;
 * - `repeat_ids`: every page after the first starts with the last object of the page before;
 * - `same_objects`: every page after the first serves the first page's objects again, rotated
 *   (so its last id, the next cursor, is new for a while) and claims more, for ever.
 *
 * Objects are dense in time (several per second, ids unrelated to time), so window bounds fall
 * on seconds that hold objects. `failWhen` answers 500 to the requests it picks.
 */
import { prng, startLocalServer, type LocalServer } from './server.ts'

export type WooshpayQuirk =
  'none' | 'ms_created' | 'lt_inclusive' | 'gte_exclusive' | 'sort_by_id' | 'ignore_lt' | 'repeat_ids' | 'same_objects'

export interface WooshpayLikeOptions {
  readonly count: number
  readonly quirk?: WooshpayQuirk
  /** Objects created in the same second. @default 3 */
  readonly perSecond?: number
  readonly seed?: number
  /** Answers 500 to the `n`th request (1-based) when true. */
  readonly failWhen?: (n: number, url: URL) => boolean
}

export interface WooshpayLike extends LocalServer {
  readonly apiKey: string
  /** Ids newest first, as a correct provider lists them. */
  readonly ids: readonly string[]
}

interface Stored {
  readonly id: string
  readonly created: number
  /** The value the filter compares (and the server serves): differs from `created` under `ms_created`. */
  readonly compared: number
  readonly served: number
}

const BASE = 1_700_000_000

export const startWooshpayLike = async (o: WooshpayLikeOptions): Promise<WooshpayLike> => {
  const quirk = o.quirk ?? 'none'
  const perSecond = o.perSecond ?? 3
  const random = prng(o.seed ?? 1)
  const all: Stored[] = Array.from({ length: o.count }, (_, i) => {
    const created = BASE + Math.floor(i / perSecond)
    const id = `pi_${Math.floor(random() * 1e12)
      .toString(36)
      .padStart(8, '0')}${i.toString(36)}`
    const ms = quirk === 'ms_created' && random() < 0.1
    const stamp = ms ? created * 1000 + 123 : created
    return { id, created, compared: stamp, served: stamp }
  }).sort((a, b) => b.created - a.created || (a.id < b.id ? -1 : 1))
  const order = new Map(all.map((x, i) => [x.id, i]))

  const matches = (x: Stored, q: URLSearchParams): boolean => {
    const bound = (name: string): number | null =>
      q.has(`created[${name}]`) ? Number(q.get(`created[${name}]`)) : null
    const [gte, gt, lt, lte] = [bound('gte'), bound('gt'), bound('lt'), bound('lte')]
    const v = x.compared
    if (gte !== null && !(quirk === 'gte_exclusive' ? v > gte : v >= gte)) return false
    if (gt !== null && !(v > gt)) return false
    if (lt !== null && quirk !== 'ignore_lt' && !(quirk === 'lt_inclusive' ? v <= lt : v < lt)) return false
    if (lte !== null && !(v <= lte)) return false
    return true
  }

  const server = await startLocalServer((url, n) => {
    if (o.failWhen?.(n, url))
      return { status: 500, body: { error: { type: 'api_error', message: 'injected failure' } } }
    // Payment links serve the same objects in the link shape (for merged listings with PriceBlocs).
    const links = url.pathname === '/v1/payment_links'
    if (!links && url.pathname !== '/v1/payment_intents')
      return { status: 404, body: { error: { message: 'no route' } } }
    const q = url.searchParams
    const limit = Number(q.get('limit') ?? 10)
    let selected = all.filter((x) => matches(x, q))
    if (quirk === 'sort_by_id') selected = [...selected].sort((a, b) => (a.id < b.id ? 1 : -1))
    const after = q.get('starting_after')
    let from = 0
    let repeat: Stored[] = []
    if (after !== null) {
      const at = quirk === 'sort_by_id' ? selected.findIndex((x) => x.id === after) : -1
      from =
        quirk === 'sort_by_id'
          ? at + 1
          : selected.findIndex((x) => (order.get(x.id) as number) > (order.get(after) as number))
      if (from < 0) from = selected.length
      if (quirk === 'repeat_ids') repeat = selected.slice(Math.max(0, from - 1), from)
    }
    let page = [...repeat, ...selected.slice(from, from + limit - repeat.length)]
    let hasMore = from + limit - repeat.length < selected.length
    if (quirk === 'same_objects' && after !== null) {
      const first = selected.slice(0, limit)
      const k = n % first.length
      page = [...first.slice(k), ...first.slice(0, k)]
      hasMore = true
    }
    return {
      status: 200,
      body: {
        object: 'list',
        url: '/v1/payment_intents',
        has_more: hasMore,
        data: page.map((x) =>
          links
            ? { id: x.id, object: 'payment_link', active: true, created: x.served, livemode: false }
            : {
                id: x.id,
                object: 'payment_intent',
                created: x.served,
                amount: 1000,
                currency: 'usd',
                status: 'succeeded',
                livemode: false,
              },
        ),
      },
    }
  })
  return { ...server, apiKey: 'sk_test_misbehaving0001', ids: all.map((x) => x.id) }
}
