/**
 * A replaying front for a sandbox, in the server process. The sandbox builds every page from
 * its seed on each request (~3 ms for 100 WooshPay objects, more under load); at 0 ms latency
 * that is most of a listing's wall time, the same for every client, and it would squeeze the
 * clients' differences towards 1x. The front answers an unfiltered list request from the bytes
 * the sandbox sent for the same request before (filled by `prefill` at start-up), adds the
 * scenario's latency itself, and forwards everything else (unknown pages, other filters) to
 * the sandbox. Replayed bytes are the sandbox's own: same body, same headers that matter.
 *
 * WooshPay lists filtered on `created` only (the partitioned runs: 8 windows at once, whose
 * bounds depend on timing, so never the same URL twice) are answered from an index of the
 * recorded objects: the sandbox's own object texts, cut to the window and cursor the way the
 * sandbox cuts them (`created` seconds strictly decrease along the list). `selfCheck` compares
 * such answers byte for byte with the sandbox's before any measurement, and turns the index
 * off for a list where one differs.
 *
 * A request is replayed only with an Authorization header the sandbox has accepted before, so
 * the front never serves what the sandbox would refuse.
 */
import { Agent, createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Recorded {
  readonly status: number
  readonly contentType: string
  readonly body: Buffer
  readonly headers?: Readonly<Record<string, string>>
}

/** Decides on arrival whether a request is refused (a rate limit): the reply to send instead, or null. */
export type Gate = () => Recorded | null

export interface Front {
  readonly baseUrl: string
  requests(): number
  close(): Promise<void>
}

/** Canonical cache key: path plus sorted query, so `?a&b` and `?b&a` are one page. */
const keyOf = (url: string): string => {
  const u = new URL(url, 'http://front.local')
  const params = [...u.searchParams.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `${u.pathname}?${new URLSearchParams(params).toString()}`
}

/** Filtered listings (`created[gte]=…`, the partitioned runs) always reach the sandbox. */
const replayable = (url: string): boolean =>
  ![...new URL(url, 'http://front.local').searchParams.keys()].some((k) => k.startsWith('created'))

/** One cache per backing sandbox, shared by its fronts (e.g. the 0 ms and the 20 ms one). */
export interface Backing {
  readonly baseUrl: string
  readonly cache: Map<string, Recorded>
  readonly accepted: Set<string>
  readonly agent: Agent
  /** Recorded objects of a cursor list, by path, for `created` windows. */
  readonly indexes: Map<string, ListIndex>
}

export const backing = (baseUrl: string): Backing => ({
  baseUrl,
  cache: new Map(),
  accepted: new Set(),
  agent: new Agent({ keepAlive: true, maxSockets: 64 }),
  indexes: new Map(),
})

/** A whole cursor list as recorded: newest first, `created` in seconds strictly decreasing. */
export interface ListIndex {
  /** `{"object":…,"url":…,"has_more":` — everything before the flag, as the sandbox writes it. */
  readonly head: string
  readonly ids: readonly string[]
  readonly created: readonly number[]
  /** Each object's JSON text (the sandbox's `JSON.stringify` of it). */
  readonly texts: readonly string[]
  readonly position: ReadonlyMap<string, number>
}

const CREATED_PARAMS = new Set(['created', 'created[gt]', 'created[gte]', 'created[lt]', 'created[lte]'])
const WINDOW_PARAMS = new Set([...CREATED_PARAMS, 'limit', 'starting_after'])

/** First index in [0, n) whose `created` satisfies `pred` (monotone along the list), else n. */
const firstWhere = (created: readonly number[], pred: (s: number) => boolean): number => {
  let lo = 0
  let hi = created.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (pred(created[mid] as number)) hi = mid
    else lo = mid + 1
  }
  return lo
}

/**
 * The page the sandbox serves for a `created`-filtered cursor request, or null when the request
 * is anything else (then it is forwarded).
 */
export const windowBody = (index: ListIndex, q: URLSearchParams): Buffer | null => {
  for (const k of q.keys()) if (!WINDOW_PARAMS.has(k)) return null
  if (![...q.keys()].some((k) => CREATED_PARAMS.has(k))) return null
  const rawLimit = q.get('limit') ?? '10'
  if (!/^\d{1,3}$/.test(rawLimit)) return null
  const limit = Number(rawLimit)
  if (limit < 1 || limit > 100) return null
  let lo = 0
  let hi = index.ids.length
  for (const name of CREATED_PARAMS) {
    const raw = q.get(name)
    if (raw === null) continue
    if (!/^\d{1,12}$/.test(raw)) return null
    const x = Number(raw)
    if (name === 'created[gt]' || name === 'created' || name === 'created[gte]') {
      hi = Math.min(hi, firstWhere(index.created, name === 'created[gt]' ? (s) => s <= x : (s) => s < x))
    }
    if (name === 'created[lt]' || name === 'created' || name === 'created[lte]') {
      lo = Math.max(lo, firstWhere(index.created, name === 'created[lt]' ? (s) => s < x : (s) => s <= x))
    }
  }
  const after = q.get('starting_after')
  if (after !== null) {
    const at = index.position.get(after)
    if (at === undefined) return null
    lo = Math.max(lo, at + 1)
  }
  const end = Math.min(hi, lo + limit)
  const hasMore = hi - lo > limit
  return Buffer.from(`${index.head}${hasMore ? 'true' : 'false'},"data":[${index.texts.slice(lo, end).join(',')}]}`)
}

/** Seconds of a WooshPay `created` (quirk 7: some objects carry milliseconds). */
const seconds = (created: number): number => (created > 1e12 ? Math.floor(created / 1000) : created)

/** Builds the index of a recorded cursor list from its pages, in order. */
export const indexOf = (b: Backing, path: string): ListIndex | null => {
  const ids: string[] = []
  const created: number[] = []
  const texts: string[] = []
  let head: string | null = null
  let after: string | null = null
  for (;;) {
    const page = b.cache.get(keyOf(`${path}?limit=100${after === null ? '' : `&starting_after=${after}`}`))
    if (!page) return null
    const body = JSON.parse(page.body.toString('utf8')) as {
      object: unknown
      url: unknown
      has_more: boolean
      data: { id: string; created: number }[]
    }
    head ??= JSON.stringify({ object: body.object, url: body.url, has_more: true }).slice(0, -'true}'.length)
    for (const o of body.data) {
      ids.push(o.id)
      created.push(seconds(o.created))
      texts.push(JSON.stringify(o))
    }
    if (!body.has_more || body.data.length === 0) break
    after = (body.data[body.data.length - 1] as { id: string }).id
  }
  for (let i = 1; i < created.length; i++) if (!((created[i] as number) < (created[i - 1] as number))) return null
  return { head: head ?? '', ids, created, texts, position: new Map(ids.map((id, i) => [id, i])) }
}

/**
 * Asks the sandbox for a few `created` windows (with and without a cursor, empty ones included)
 * and compares its bytes with the index's. Returns the number of mismatches.
 */
export const selfCheck = async (b: Backing, path: string, index: ListIndex, authorization: string): Promise<number> => {
  const n = index.ids.length
  const at = (f: number) => Math.min(n - 1, Math.max(0, Math.floor(f * n)))
  const c = (i: number) => index.created[at(i)] as number
  const queries: Record<string, string>[] = [
    { limit: '100', 'created[gte]': String(c(0.6)), 'created[lt]': String(c(0.2)) },
    {
      limit: '100',
      'created[gte]': String(c(0.6)),
      'created[lt]': String(c(0.2)),
      starting_after: index.ids[at(0.3)] ?? '',
    },
    { limit: '100', 'created[gte]': String(c(0.9)) },
    { limit: '100', 'created[lt]': String(c(0.999)) },
    { limit: '37', 'created[gte]': String(c(0.5)), 'created[lt]': String(c(0.5) + 1) },
    { limit: '100', 'created[gte]': '0', 'created[lt]': '1000' },
    {
      limit: '100',
      'created[gte]': String(c(0.01)),
      'created[lt]': String(c(0.001)),
      starting_after: index.ids[at(0.005)] ?? '',
    },
  ]
  let mismatches = 0
  for (const q of queries) {
    const params = new URLSearchParams(q)
    const mine = windowBody(index, params)
    const theirs = await forward(b, { method: 'GET', url: `${path}?${params.toString()}`, headers: { authorization } })
    if (mine === null || theirs.status !== 200 || !mine.equals(theirs.body)) mismatches += 1
  }
  return mismatches
}

type RequestLike = Pick<IncomingMessage, 'method' | 'url'> & {
  readonly headers: { readonly accept?: string | undefined; readonly authorization?: string | undefined }
}

const forward = (b: Backing, req: RequestLike): Promise<Recorded> =>
  new Promise((resolve, reject) => {
    const up = httpRequest(
      `${b.baseUrl}${req.url ?? '/'}`,
      {
        method: req.method ?? 'GET',
        agent: b.agent,
        headers: {
          accept: req.headers.accept ?? 'application/json',
          ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 502,
            contentType: String(res.headers['content-type'] ?? 'application/json'),
            body: Buffer.concat(chunks),
          }),
        )
        res.on('error', reject)
      },
    )
    up.on('error', reject)
    up.end()
  })

const send = (res: ServerResponse, r: Recorded): void => {
  res.writeHead(r.status, { 'content-type': r.contentType, 'content-length': r.body.length, ...r.headers })
  res.end(r.body)
}

export const startFront = async (b: Backing, latencyMs: number, gate?: Gate): Promise<Front> => {
  let requests = 0
  const later = (f: () => void): void => {
    if (latencyMs > 0) setTimeout(f, latencyMs)
    else f()
  }
  const server = createServer((req, res) => {
    req.resume()
    requests += 1
    // A refusal is decided on arrival, as the sandbox's own limit does, and answered after the latency.
    const refused = gate?.() ?? null
    if (refused) return later(() => send(res, refused))
    const url = req.url ?? '/'
    const auth = req.headers.authorization ?? ''
    const canReplay = req.method === 'GET' && replayable(url)
    const trusted = req.method === 'GET' && b.accepted.has(auth)
    let hit = canReplay && trusted ? b.cache.get(keyOf(url)) : undefined
    if (!canReplay && trusted) {
      const u = new URL(url, 'http://front.local')
      const index = b.indexes.get(u.pathname)
      const body = index ? windowBody(index, u.searchParams) : null
      if (body) hit = { status: 200, contentType: 'application/json; charset=utf-8', body }
    }
    later(() => {
      if (hit) return send(res, hit)
      forward(b, req).then(
        (r) => {
          if (r.status === 200) {
            b.accepted.add(auth)
            if (canReplay) b.cache.set(keyOf(url), r)
          }
          send(res, r)
        },
        () => {
          res.destroy()
        },
      )
    })
  })
  server.keepAliveTimeout = 30_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/**
 * Records every page of full listings, following the cursor (WooshPay, `next` = last id) or the
 * page number (PriceBlocs), through the front, so the measured runs replay them.
 */
export const prefill = async (
  front: Front,
  authorizations: readonly string[],
  lists: readonly { readonly path: string; readonly paging: 'cursor' | 'page' }[],
): Promise<number> => {
  const authorization = authorizations[0] ?? ''
  // Every client's header must have been accepted once for its requests to be replayed.
  for (const a of authorizations.slice(1)) {
    const first = lists[0]
    if (first) await (await fetch(`${front.baseUrl}${first.path}`, { headers: { authorization: a } })).arrayBuffer()
  }
  let pages = 0
  for (const l of lists) {
    let after: string | null = null
    for (let page = 1; ; page++) {
      const url =
        l.paging === 'page'
          ? `${front.baseUrl}${l.path}?page=${page}`
          : `${front.baseUrl}${l.path}?limit=100${after === null ? '' : `&starting_after=${after}`}`
      const res = await fetch(url, { headers: { authorization, accept: 'application/json' } })
      const body = (await res.json()) as { data: { id: string }[] | { id: string }; has_more: boolean }
      if (res.status !== 200) throw new Error(`prefill ${url} answered ${res.status}`)
      pages += 1
      const data = Array.isArray(body.data) ? body.data : [body.data]
      if (!body.has_more || data.length === 0) break
      after = (data[data.length - 1] as { id: string }).id
    }
  }
  return pages
}
