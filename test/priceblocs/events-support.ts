/**
 * Set-up of the PriceBlocs event-poll tests (not a test file): the sandbox's checkout helpers
 * over real HTTP, and a proxy on 127.0.0.1 that forwards to the sandbox and can bend the
 * checkout listing (fail a page, serve a page twice).
 */
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http'
import { listenLocal } from '../helpers/listen.ts'
import type { PriceblocsSandbox } from '@paymux/priceblocs/sandbox'

const call = async (sb: PriceblocsSandbox, path: string): Promise<{ id: string; status: string }> => {
  const res = await fetch(`${sb.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sb.apiKey}`, 'content-type': 'application/json' },
    body: '{}',
    signal: AbortSignal.timeout(5000),
  })
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`)
  return (await res.json()) as { id: string; status: string }
}

/** A new `started` checkout, created at the sandbox's `now`. */
export const startCheckout = async (sb: PriceblocsSandbox): Promise<string> =>
  (await call(sb, '/v1/test_helpers/checkouts')).id

/** Completes a checkout (paid), at the sandbox's `now`. */
export const completeCheckout = async (sb: PriceblocsSandbox, id: string): Promise<void> => {
  await call(sb, `/v1/test_helpers/checkouts/${encodeURIComponent(id)}/complete`)
}

/** What the proxy does with one checkout-list request: pass it, fail it, or answer another page's body. */
export type Bend = 'pass' | 'fail' | { readonly servePage: number }

export interface BendingProxy {
  readonly url: string
  /** Page numbers of every checkout-list request, in order. */
  readonly pages: number[]
  /** Decides for each checkout-list request (page number -> bend). */
  bend: (page: number) => Bend
  close(): Promise<void>
}

const readAll = async (stream: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = []
  for await (const c of stream) chunks.push(c as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

const forward = (target: string, req: IncomingMessage, path: string): Promise<{ status: number; text: string }> =>
  new Promise((resolve, reject) => {
    const out = httpRequest(
      `${target}${path}`,
      { method: req.method ?? 'GET', headers: { ...req.headers, host: new URL(target).host } },
      (answer) => void readAll(answer).then((text) => resolve({ status: answer.statusCode ?? 502, text }), reject),
    )
    out.on('error', reject)
    out.end()
  })

export const startBendingProxy = async (target: string): Promise<BendingProxy> => {
  const pages: number[] = []
  const proxy: BendingProxy = {
    url: '',
    pages,
    bend: () => 'pass',
    close: async () => {},
  }
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const listing = url.pathname === '/v1/checkouts'
    const page = Number(url.searchParams.get('page') ?? '1')
    if (listing) pages.push(page)
    const bend = listing ? proxy.bend(page) : 'pass'
    if (bend === 'fail') {
      res.writeHead(503, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ statusCode: 503, error: 'Service Unavailable', message: 'listing down' }))
      return
    }
    let path = req.url ?? '/'
    if (typeof bend === 'object') {
      url.searchParams.set('page', String(bend.servePage))
      path = `${url.pathname}?${url.searchParams.toString()}`
    }
    forward(target, req, path).then(
      ({ status, text }) => {
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(text)
      },
      () => req.socket.destroy(),
    )
  })
  const { url, close } = await listenLocal(server)
  return Object.assign(proxy, { url, close })
}
