/**
 * The transport's two ways to send: its default `node:http` keep-alive fetch and the runtime's
 * `fetch`. Both run over real HTTP against a local server and must read bodies the same way:
 * UTF-8 intact, the size cap enforced with and without a content-length, a cut body retried.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import * as t from 'io-ts'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { createTransport, decodeWith, type TransportConfig } from '@paymux/core/adapter'
import { assertLeft, assertRight } from '../helpers/either.ts'

interface Ctx {
  server: Server
  url: string
  /** Connections the server accepted. */
  connections: number
  /** Client port of every request to `/n…` (keep-alive reuse shows as one port). */
  ports: number[]
}

const Thing = t.type({ id: t.string })
const decodeThing = decodeWith(Thing, 'thing', 'testpay')

/** Routes by path: each test asks for the response shape it needs. */
const handler =
  (ctx: Ctx): Parameters<typeof createServer>[1] =>
  (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    if (path.startsWith('/n')) ctx.ports.push(req.socket.remotePort ?? 0)
    if (path === '/utf8') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
      res.end(JSON.stringify({ id: 'café – 東京 – 💳' }))
    } else if (path === '/utf8-split') {
      // A three-byte character cut across two writes, after an ASCII chunk.
      const euro = Buffer.from('€')
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"id":"price ')
      setTimeout(() => res.write(euro.subarray(0, 1)), 5)
      setTimeout(() => res.end(Buffer.concat([euro.subarray(1), Buffer.from(' 5"}')])), 10)
    } else if (path === '/chunked-large') {
      // No content-length: the cap must hold while the body streams in.
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write(`{"id":"`)
      for (let i = 0; i < 20; i++) res.write('x'.repeat(1000))
      res.end(`"}`)
    } else if (path === '/empty') {
      res.writeHead(204)
      res.end()
    } else if (path === '/echo') {
      let body = ''
      req.setEncoding('utf8')
      req.on('data', (c: string) => (body += c))
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ id: `${req.method} ${req.headers['idempotency-key'] ?? ''} ${body}` }))
      })
    } else if (path === '/stall') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' })
      res.write('{"id":')
      // never finishes: only an abort or the timeout ends this request
    } else {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ id: path }))
    }
  }

const s = suite<Ctx>('core/node-fetch')
s.before(async (ctx) => {
  ctx.connections = 0
  ctx.ports = []
  ctx.server = createServer(handler(ctx))
  ctx.server.on('connection', () => (ctx.connections += 1))
  await new Promise<void>((resolve) => ctx.server.listen(0, '127.0.0.1', resolve))
  ctx.url = `http://127.0.0.1:${(ctx.server.address() as AddressInfo).port}`
})
s.after(async (ctx) => {
  ctx.server.closeAllConnections()
  await new Promise((resolve) => ctx.server.close(resolve))
})

const transport = (ctx: Ctx, extra: Partial<TransportConfig> = {}) =>
  createTransport({
    provider: 'testpay',
    baseUrl: ctx.url,
    headers: { authorization: 'Bearer sk_test_secretsecret123' },
    readError: () => null,
    retry: { retries: 1, sleep: async () => {} },
    ...extra,
  })

const both = { 'node:http fetch (default)': {}, 'globalThis.fetch': { fetch: globalThis.fetch } } as const

for (const [name, extra] of Object.entries(both)) {
  s(`${name}: non-ASCII UTF-8 bodies decode intact`, async (ctx) => {
    const r = await transport(ctx, extra).request({ path: '/utf8' }, decodeThing)()
    assert.is(assertRight(r).id, 'café – 東京 – 💳')
  })

  s(`${name}: a character cut across chunks decodes intact`, async (ctx) => {
    const r = await transport(ctx, extra).request({ path: '/utf8-split' }, decodeThing)()
    assert.is(assertRight(r).id, 'price € 5')
  })

  s(`${name}: a streamed body over maxResponseBytes is refused, not buffered`, async (ctx) => {
    const e = assertLeft(
      await transport(ctx, { ...extra, maxResponseBytes: 5000 }).request({ path: '/chunked-large' }, decodeThing)(),
      'decode',
    )
    assert.match(e.message, /exceeds maxResponseBytes \(5000, decoded\)/)
    assert.is(e.attempts, 1, 'a too-large body is not retried')
  })

  s(`${name}: a POST sends its JSON body and idempotency key`, async (ctx) => {
    const r = await transport(ctx, extra).request(
      { method: 'POST', path: '/echo', json: { a: 1 }, idempotencyKey: 'idem_1' },
      decodeThing,
    )()
    assert.is(assertRight(r).id, 'POST idem_1 {"a":1}')
  })

  s(`${name}: a 204 is an empty body, not JSON`, async (ctx) => {
    const e = assertLeft(
      await transport(ctx, { ...extra, retry: { retries: 0 } }).request({ path: '/empty' }, decodeThing)(),
      'server',
    )
    assert.match(e.message, /answered 204 with a body that is not JSON \(0 bytes\)/)
  })

  s(`${name}: an abort during the body ends the request at once`, async (ctx) => {
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 30)
    const e = assertLeft(
      await transport(ctx, extra).request({ path: '/stall', signal: controller.signal }, decodeThing)(),
      'aborted',
    )
    assert.match(e.message, /was aborted/)
  })

  s(`${name}: the per-attempt timeout covers the body`, async (ctx) => {
    const e = assertLeft(
      await transport(ctx, { ...extra, timeoutMs: 50, retry: { retries: 0 } }).request(
        { path: '/stall' },
        decodeThing,
      )(),
      'timeout',
    )
    assert.match(e.message, /timed out after 50 ms/)
  })
}

s('the node:http fetch reuses one connection across sequential requests', async (ctx) => {
  const tr = transport(ctx)
  for (let i = 0; i < 20; i++) assert.is(assertRight(await tr.request({ path: `/n${i}` }, decodeThing)()).id, `/n${i}`)
  assert.is(ctx.ports.length, 20)
  assert.is(new Set(ctx.ports).size, 1)
})

s('an aborted signal sends no request', async (ctx) => {
  const before = ctx.connections
  const e = assertLeft(
    await transport(ctx).request({ path: '/never', signal: AbortSignal.abort() }, decodeThing)(),
    'aborted',
  )
  assert.match(e.message, /aborted/)
  assert.is(ctx.connections, before)
})

s.run()
