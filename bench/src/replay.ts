/**
 * A replaying front for a sandbox, in the server process. The sandbox builds every page from
 * its seed on each request (~3 ms for 100 WooshPay objects, more under load); at 0 ms latency
 * that is most of a listing's wall time, the same for every client, and it would squeeze the
 * clients' differences towards 1x. The front answers an unfiltered list request from the bytes
 * the sandbox sent for the same request before (filled by `prefill` at start-up), adds the
 * scenario's latency itself, and forwards everything else (filtered requests, unknown pages) to
 * the sandbox. Replayed bytes are the sandbox's own: same body, same headers that matter.
 *
 * A request is replayed only with an Authorization header the sandbox has accepted before, so
 * the front never serves what the sandbox would refuse.
 */
import { Agent, createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

interface Recorded {
  readonly status: number
  readonly contentType: string
  readonly body: Buffer
}

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
}

export const backing = (baseUrl: string): Backing => ({
  baseUrl,
  cache: new Map(),
  accepted: new Set(),
  agent: new Agent({ keepAlive: true, maxSockets: 64 }),
})

const forward = (b: Backing, req: IncomingMessage): Promise<Recorded> =>
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
  res.writeHead(r.status, { 'content-type': r.contentType, 'content-length': r.body.length })
  res.end(r.body)
}

export const startFront = async (b: Backing, latencyMs: number): Promise<Front> => {
  let requests = 0
  const later = (f: () => void): void => {
    if (latencyMs > 0) setTimeout(f, latencyMs)
    else f()
  }
  const server = createServer((req, res) => {
    req.resume()
    requests += 1
    const url = req.url ?? '/'
    const auth = req.headers.authorization ?? ''
    const canReplay = req.method === 'GET' && replayable(url)
    const hit = canReplay && b.accepted.has(auth) ? b.cache.get(keyOf(url)) : undefined
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
