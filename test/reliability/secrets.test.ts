/**
 * No credential in any error or hook view: for generated keys of each provider's shape, every
 * error path a client can take (wrong key, not found, refused query, each injected fault with
 * retries off or exhausted, abort, a hostile server echoing credentials into error bodies, request
 * ids and fields the decoder quotes) ends in a PaymuxError whose message, JSON, stack, cause
 * chain, history and checkpoint, and every hook view of the client, hold no 12 characters in a
 * row of the key or of its encoded Authorization value.
 *
 * The property can fail: the hostile server also echoes a key of the same shape that no client
 * was ever given (only the adapter's registered key prefixes can redact it), and quotes the
 * encoded value where the decoder cuts its message short (only redacting pieces of a registered
 * secret, not the whole secret, removes it).
 */
import * as fc from 'fast-check'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  isPaymuxError,
  type ClientHooks,
  type FaultKind,
  type PaymentProvider,
  type PaymuxError,
} from '@paymux/core/adapter'
import { priceblocs } from '@paymux/priceblocs'
import { startSandbox as startPriceblocs } from '@paymux/priceblocs/sandbox'
import { wooshpay } from '@paymux/wooshpay'
import { startSandbox as startWooshpay } from '@paymux/wooshpay/sandbox'

const body = fc.stringMatching(/^[A-Za-z0-9_]{16,32}$/)
const PIECE = 12

/** One retry, virtual time: a 429 fault (never counted as a failed attempt) ends at a 5 s deadline. */
const virtualRetry = () => {
  let now = 0
  return { retries: 1, deadlineMs: 5000, clock: () => now, sleep: async (ms: number) => void (now += ms) }
}

/** Every 12-character piece of a secret: none may appear anywhere. */
const piecesOf = (secret: string): string[] =>
  Array.from({ length: secret.length - PIECE + 1 }, (_, i) => secret.slice(i, i + PIECE))

const targets = [
  {
    name: 'wooshpay',
    key: body.map((b) => `sk_test_${b}`),
    sibling: body.map((b) => `sk_live_${b}`),
    encoded: (k: string) => Buffer.from(`${k}:`).toString('base64'),
    start: (apiKey: string, faults?: FaultKind) =>
      startWooshpay({ apiKey, count: 30, seed: 2, ...(faults ? { faults: { rate: 1, kinds: [faults] } } : {}) }),
    make: (apiKey: string, baseUrl: string, hooks: ClientHooks): PaymentProvider =>
      wooshpay({ apiKey, baseUrl, hooks, retry: virtualRetry() }),
  },
  {
    name: 'priceblocs',
    key: body.map((b) => `PB_sk_test_${b}`),
    sibling: body.map((b) => `PB_sk_live_${b}`),
    encoded: (k: string) => k,
    start: (apiKey: string, faults?: FaultKind) =>
      startPriceblocs({ apiKey, count: 30, seed: 2, ...(faults ? { faults: { rate: 1, kinds: [faults] } } : {}) }),
    make: (apiKey: string, baseUrl: string, hooks: ClientHooks): PaymentProvider =>
      priceblocs({ apiKey, baseUrl, hooks, retry: virtualRetry() }),
  },
] as const

const texts = (e: PaymuxError): string[] => {
  const out = [e.message, JSON.stringify(e), String(e.stack), String(e.checkpoint), String(e.code)]
  for (let c: unknown = e.cause, depth = 0; c instanceof Error && depth < 5; c = c.cause, depth++) {
    out.push(c.message, String(c.stack))
  }
  for (const h of e.history) out.push(h.message)
  return out
}

const errorOf = async (run: () => Promise<unknown>): Promise<PaymuxError> => {
  try {
    await run()
  } catch (e) {
    assert.ok(isPaymuxError(e), String(e))
    return e
  }
  throw new Error('expected a failure')
}

/**
 * A hostile provider that echoes the credential it received, decoded, in every error body, in
 * both error shapes and in its request id, together with `sibling`, a key of the same shape the
 * client never had. With status 200 it sends a page whose first object is a string the decoder
 * quotes, cut after 60 characters: the encoded credential starts 40 characters in, so the cut
 * falls inside it.
 */
const startEchoServer = async (
  status: number,
  sibling: string,
): Promise<{ url: string; close: () => Promise<void> }> => {
  const server: Server = createServer((req, res) => {
    const auth = req.headers.authorization ?? ''
    const value = auth.replace(/^(Basic|Bearer) /, '')
    const decoded = auth.startsWith('Basic ') ? Buffer.from(value, 'base64').toString() : value
    const message = `rejected credential ${auth} (${decoded}) for ${req.url}; your live key is ${sibling}`
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${decoded}` })
    if (status === 200) {
      res.end(JSON.stringify({ object: 'list', has_more: false, data: [`${'x'.repeat(39)}${value}`] }))
      return
    }
    // Each provider's own error shape (PriceBlocs is the Bearer one), so its reader quotes the message.
    const error = auth.startsWith('Bearer ')
      ? { statusCode: status, error: decoded, type: decoded, message }
      : { error: { type: 'api_error', code: decoded, message } }
    res.end(JSON.stringify(error))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

const FAULTS: readonly FaultKind[] = ['429', '500', '502', '503', 'reset', 'truncate', 'html']

for (const t of targets) {
  const s = suite(`reliability/secrets: ${t.name}`)

  s('no 12 characters of a generated key appear in any error or hook view of any path', async () => {
    await fc.assert(
      fc.asyncProperty(t.key, t.sibling, async (key, sibling) => {
        const paths: (() => Promise<PaymuxError>)[] = []
        const views: string[] = []
        const hooks: ClientHooks = {
          onRequest: (v) => views.push(JSON.stringify(v)),
          onResponse: (v) => views.push(JSON.stringify(v)),
          onRetry: (v) => views.push(JSON.stringify(v)),
        }
        const healthy = await t.start(key)
        const faulty = await Promise.all(FAULTS.map((f) => t.start(key, f)))
        const echoes = await Promise.all([401, 500, 404, 200].map((status) => startEchoServer(status, sibling)))
        const wrongKey = `${key.slice(0, -4)}WXYZ`
        try {
          const ok = t.make(key, healthy.baseUrl, hooks)
          const wrong = t.make(wrongKey, healthy.baseUrl, hooks)
          const controller = new AbortController()
          controller.abort()
          paths.push(
            () => errorOf(() => wrong.paymentLinks.list().firstPage()),
            () => errorOf(() => ok.paymentLinks.retrieve('nope_123')),
            () => errorOf(() => ok.paymentLinks.list({ pageSize: 1000 }).firstPage()),
            () => errorOf(() => ok.paymentLinks.list({ signal: controller.signal }).firstPage()),
            ...faulty.map((sb) => () => errorOf(() => t.make(key, sb.baseUrl, hooks).paymentLinks.list().firstPage())),
            ...echoes.map((echo) => () => errorOf(() => t.make(key, echo.url, hooks).paymentLinks.list().firstPage())),
            ...echoes.map((echo) => () => errorOf(() => t.make(key, echo.url, hooks).paymentLinks.retrieve('x'))),
          )
          const secrets = [key, t.encoded(key), wrongKey, t.encoded(wrongKey), sibling].flatMap(piecesOf)
          const check = (where: string, text: string) => {
            const piece = secrets.find((p) => text.includes(p))
            if (piece !== undefined) throw new Error(`${t.name} ${where} leaked ${piece}: ${text.slice(0, 300)}`)
          }
          for (const path of paths) {
            const e = await path()
            for (const text of texts(e)) check(`${e.kind} error`, text)
          }
          assert.ok(views.length > paths.length, 'hooks saw the requests')
          for (const view of views) check('hook view', view)
        } finally {
          await Promise.all([...[healthy, ...faulty].map((sb) => sb.close()), ...echoes.map((e) => e.close())])
        }
      }),
      { numRuns: 5 },
    )
  })

  s.run()
}
