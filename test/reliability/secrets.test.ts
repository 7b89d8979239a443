/**
 * No credential in any error: for generated keys of each provider's shape, every error path a
 * client can take (wrong key, not found, refused query, each injected fault with retries off or
 * exhausted, abort) ends in a PaymuxError whose message, JSON, stack, cause chain and checkpoint
 * hold neither the key nor its encoded Authorization value.
 */
import * as fc from 'fast-check'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { isPaymuxError, type FaultKind, type PaymentProvider, type PaymuxError } from '@paymux/core/adapter'
import { priceblocs } from '@paymux/priceblocs'
import { startSandbox as startPriceblocs } from '@paymux/priceblocs/sandbox'
import { wooshpay } from '@paymux/wooshpay'
import { startSandbox as startWooshpay } from '@paymux/wooshpay/sandbox'

const body = fc.stringMatching(/^[A-Za-z0-9]{16,32}$/)

const targets = [
  {
    name: 'wooshpay',
    key: body.map((b) => `sk_test_${b}`),
    encoded: (k: string) => Buffer.from(`${k}:`).toString('base64'),
    start: (apiKey: string, faults?: FaultKind) =>
      startWooshpay({ apiKey, count: 30, seed: 2, ...(faults ? { faults: { rate: 1, kinds: [faults] } } : {}) }),
    make: (apiKey: string, baseUrl: string): PaymentProvider =>
      wooshpay({ apiKey, baseUrl, retry: { retries: 1, sleep: async () => {} } }),
  },
  {
    name: 'priceblocs',
    key: body.map((b) => `PB_sk_test_${b}`),
    encoded: (k: string) => k,
    start: (apiKey: string, faults?: FaultKind) =>
      startPriceblocs({ apiKey, count: 30, seed: 2, ...(faults ? { faults: { rate: 1, kinds: [faults] } } : {}) }),
    make: (apiKey: string, baseUrl: string): PaymentProvider =>
      priceblocs({ apiKey, baseUrl, retry: { retries: 1, sleep: async () => {} } }),
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
 * A hostile provider that echoes the credential it received, decoded, in every error body and in
 * both error shapes: only paymux's redaction stands between it and the error the user sees.
 */
const startEchoServer = async (status: number): Promise<{ url: string; close: () => Promise<void> }> => {
  const server: Server = createServer((req, res) => {
    const auth = req.headers.authorization ?? ''
    const value = auth.replace(/^(Basic|Bearer) /, '')
    const decoded = auth.startsWith('Basic ') ? Buffer.from(value, 'base64').toString() : value
    const message = `rejected credential ${auth} (${decoded}) for ${req.url}`
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${decoded}` })
    res.end(JSON.stringify({ error: { type: 'api_error', code: decoded, message }, statusCode: status, message }))
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

  s('no generated key appears in any error of any path', async () => {
    await fc.assert(
      fc.asyncProperty(t.key, async (key) => {
        const paths: (() => Promise<PaymuxError>)[] = []
        const healthy = await t.start(key)
        const faulty = await Promise.all(FAULTS.map((f) => t.start(key, f)))
        const echoes = await Promise.all([401, 500, 404].map(startEchoServer))
        const wrongKey = `${key.slice(0, -4)}WXYZ`
        try {
          const ok = t.make(key, healthy.baseUrl)
          const wrong = t.make(wrongKey, healthy.baseUrl)
          const controller = new AbortController()
          controller.abort()
          paths.push(
            () => errorOf(() => wrong.paymentLinks.list().firstPage()),
            () => errorOf(() => ok.paymentLinks.retrieve('nope_123')),
            () => errorOf(() => ok.paymentLinks.list({ pageSize: 1000 }).firstPage()),
            () => errorOf(() => ok.paymentLinks.list({ signal: controller.signal }).firstPage()),
            ...faulty.map((sb) => () => errorOf(() => t.make(key, sb.baseUrl).paymentLinks.list().firstPage())),
            ...echoes.map((echo) => () => errorOf(() => t.make(key, echo.url).paymentLinks.list().firstPage())),
            ...echoes.map((echo) => () => errorOf(() => t.make(key, echo.url).paymentLinks.retrieve('x'))),
          )
          for (const path of paths) {
            const e = await path()
            for (const text of texts(e)) {
              const leaked = [key, t.encoded(key), wrongKey, t.encoded(wrongKey)].some((k) => text.includes(k))
              if (leaked) {
                throw new Error(`${t.name} ${e.kind} error leaked the key: ${text.slice(0, 200)}`)
              }
            }
          }
        } finally {
          await Promise.all([...[healthy, ...faulty].map((sb) => sb.close()), ...echoes.map((e) => e.close())])
        }
      }),
      { numRuns: 5 },
    )
  })

  s.run()
}
