/**
 * A misbehaving provider for the CLI's subprocess tests: a node:http server on 127.0.0.1 that
 * forwards every request (Authorization included, so Basic auth works as at the real sandbox)
 * to a real sandbox, after changing the request and/or the JSON answer. It is the provider
 * that does not behave like our sandbox: `created[lt]` ignored, titles holding formulas, ...
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ProxyOptions {
  /** Changes the request's URL (path and query) before it is forwarded. */
  readonly rewriteUrl?: (url: URL) => URL
  /** Changes a JSON answer before it is sent back. */
  readonly rewriteBody?: (body: unknown) => unknown
  /** Called on every request with the running count; a test uses it to stop a runaway client. */
  readonly onRequest?: (count: number) => void
  /** A status to answer request number `count` with instead of forwarding it (a failing provider). */
  readonly fail?: (count: number) => number | undefined
  /** Request number `count` is answered once this resolves: holds a client mid-listing. */
  readonly hold?: (count: number) => Promise<void> | undefined
}

export interface Proxy {
  readonly baseUrl: string
  /** Requests answered so far. */
  readonly requests: () => number
  close(): Promise<void>
}

const readAll = (m: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    m.on('data', (c: Buffer) => chunks.push(c))
    m.on('end', () => resolve(Buffer.concat(chunks)))
    m.on('error', reject)
  })

export const startProxy = async (target: string, o: ProxyOptions = {}): Promise<Proxy> => {
  let count = 0
  const forward = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    count += 1
    const n = count
    o.onRequest?.(n)
    await o.hold?.(n)
    const status = o.fail?.(n)
    if (status !== undefined) {
      await readAll(req)
      // `Retry-After: 0`: the client retries at once, so a test of giving up does not sit out real backoff.
      res.writeHead(status, { 'content-type': 'application/json', 'retry-after': '0' })
      res.end(JSON.stringify({ error: { type: 'api_error', message: 'the proxy fails this request' } }))
      return
    }
    const url = new URL(req.url ?? '/', target)
    const to = o.rewriteUrl ? o.rewriteUrl(url) : url
    const body = await readAll(req)
    const headers = { ...req.headers, host: to.host }
    delete headers['accept-encoding']
    const upstream = await new Promise<IncomingMessage>((resolve, reject) => {
      const r = request(to, { method: req.method, headers }, resolve)
      r.on('error', reject)
      r.end(body)
    })
    const answer = await readAll(upstream)
    const isJson = /json/.test(String(upstream.headers['content-type'] ?? ''))
    const out =
      isJson && o.rewriteBody ? Buffer.from(JSON.stringify(o.rewriteBody(JSON.parse(answer.toString('utf8'))))) : answer
    const outHeaders = { ...upstream.headers, 'content-length': String(out.length) }
    delete outHeaders['transfer-encoding']
    res.writeHead(upstream.statusCode ?? 502, outHeaders)
    res.end(out)
  }
  const server = createServer((req, res) => {
    forward(req, res).catch(() => {
      res.writeHead(502)
      res.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A gate a test opens: `wait` resolves once `open()` was called. */
export const gate = (): { readonly wait: Promise<void>; open(): void } => {
  let open: () => void = () => undefined
  const wait = new Promise<void>((resolve) => (open = resolve))
  return { wait, open: () => open() }
}
