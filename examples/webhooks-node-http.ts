/**
 * Receiving WooshPay webhooks with plain `node:http`: keep the raw body, verify, handle each
 * event once. Run it with `node --import tsx examples/webhooks-node-http.ts` (WOOSHPAY_WEBHOOK_SECRET,
 * PORT), or import `startWebhookServer` (test/webhooks/handler-http.test.ts does, over a real socket).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { createWebhookHandler, memoryEventStore, type EventStore, type PaymuxEvent } from '@paymux/core'
import { wooshpay } from '@paymux/wooshpay'

export interface WebhookServerOptions {
  readonly secrets: readonly string[]
  readonly onEvent: (event: PaymuxEvent) => unknown
  readonly store?: EventStore
  readonly port?: number
  /** Where one line per delivery goes (`console.log` by default). */
  readonly log?: (line: string) => void
}

/** Reads the body as bytes: never `JSON.parse` before verifying, that changes what was signed. */
const rawBody = async (req: IncomingMessage): Promise<Uint8Array> => {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** Starts a server on 127.0.0.1 answering `POST /webhooks`; resolves with it and its URL. */
export const startWebhookServer = async (options: WebhookServerOptions): Promise<{ server: Server; url: string }> => {
  // The key only decides the default livemode of objects without one; verify makes no request.
  const wp = wooshpay({ apiKey: process.env.WOOSHPAY_API_KEY ?? 'sk_test_example' })
  const log = options.log ?? console.log
  const handle = createWebhookHandler({
    verify: (delivery) => wp.webhooks.verify({ ...delivery, secrets: options.secrets }),
    store: options.store ?? memoryEventStore(),
    onEvent: options.onEvent,
  })
  const server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/webhooks') {
      res.writeHead(404).end()
      return
    }
    rawBody(req)
      .then((body) => handle({ rawBody: body, headers: req.headers }))
      .then((result) => {
        const what = 'event' in result ? `${result.event.id} ${result.event.type}` : result.error.message
        log(`${result.status} ${result.outcome} ${what}`)
        res.writeHead(result.status, { 'content-type': 'text/plain' }).end(result.outcome)
      })
      .catch((err: unknown) => {
        // Not a signature problem (a body that is not an event): 500, so the provider retries.
        log(`500 error ${err instanceof Error ? err.message : String(err)}`)
        res.writeHead(500).end()
      })
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  return { server, url: `http://127.0.0.1:${port}/webhooks` }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const secret = process.env.WOOSHPAY_WEBHOOK_SECRET
  if (!secret) throw new Error('set WOOSHPAY_WEBHOOK_SECRET (the whsec_ secret of your webhook endpoint)')
  const { url } = await startWebhookServer({
    secrets: [secret],
    port: Number(process.env.PORT ?? 3000),
    onEvent: (event) => console.log(`handling ${event.type} for ${event.objectRef.id ?? '-'}`),
  })
  console.log(`listening on ${url}`)
}
