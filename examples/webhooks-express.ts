/**
 * Receiving WooshPay webhooks with Express. The one thing to get right is the body: the route
 * must see the bytes the provider signed, so it takes `express.raw({ type: 'application/json' })`
 * (a Buffer), never `express.json()` (which parses and would make every signature fail; paymux
 * says so with code `payload_not_raw`). Mount it before any app-wide `express.json()`.
 * Run it with `node --import tsx examples/webhooks-express.ts` (WOOSHPAY_WEBHOOK_SECRET, PORT);
 * test/webhooks/express-example.test.ts drives it with real sandbox deliveries.
 */
import type { Server } from 'node:http'
import express, { type Express } from 'express'
import { createWebhookHandler, memoryEventStore, type EventStore, type PaymuxEvent } from '@paymux/core'
import { wooshpay } from '@paymux/wooshpay'

export interface ExpressWebhookOptions {
  readonly secrets: readonly string[]
  readonly onEvent: (event: PaymuxEvent) => unknown
  readonly store?: EventStore
  /** Where one line per delivery goes (`console.log` by default). */
  readonly log?: (line: string) => void
  /** Which body parser the route gets: `raw` is right; `json` shows what goes wrong without it. */
  readonly bodyParser?: 'raw' | 'json'
}

/** An Express app answering `POST /webhooks`: verify, claim the event id, handle once. */
export const webhookApp = (options: ExpressWebhookOptions): Express => {
  // The key only decides the default livemode of objects without one; verify makes no request.
  const wp = wooshpay({ apiKey: process.env.WOOSHPAY_API_KEY ?? 'sk_test_example' })
  const log = options.log ?? console.log
  const handle = createWebhookHandler({
    verify: (delivery) => wp.webhooks.verify({ ...delivery, secrets: options.secrets }),
    store: options.store ?? memoryEventStore(),
    onEvent: options.onEvent,
  })
  const parser = options.bodyParser === 'json' ? express.json() : express.raw({ type: 'application/json' })
  const app = express()
  app.post('/webhooks', parser, (req, res) => {
    handle({ rawBody: req.body as unknown as Uint8Array, headers: req.headers })
      .then((result) => {
        const what =
          'event' in result ? `${result.event.id} ${result.event.type}` : `${result.error.message.slice(0, 60)}`
        log(`${result.status} ${result.outcome} ${what}`)
        res.status(result.status).type('text/plain').send(result.outcome)
      })
      .catch((err: unknown) => {
        // Not a signature problem (a body that is not an event): 500, so the provider retries.
        log(`500 error ${err instanceof Error ? err.message : String(err)}`)
        res.sendStatus(500)
      })
  })
  return app
}

/** Starts the app on 127.0.0.1; resolves with the server and the webhook URL. */
export const startExpressWebhookServer = async (
  options: ExpressWebhookOptions & { readonly port?: number },
): Promise<{ server: Server; url: string }> => {
  const app = webhookApp(options)
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(options.port ?? 0, '127.0.0.1', () => resolve(s))
  })
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  return { server, url: `http://127.0.0.1:${port}/webhooks` }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const secret = process.env.WOOSHPAY_WEBHOOK_SECRET
  if (!secret) throw new Error('set WOOSHPAY_WEBHOOK_SECRET (the whsec_ secret of your webhook endpoint)')
  const { url } = await startExpressWebhookServer({
    secrets: [secret],
    port: Number(process.env.PORT ?? 3000),
    onEvent: (event) => console.log(`handling ${event.type} for ${event.objectRef.id ?? '-'}`),
  })
  console.log(`listening on ${url}`)
}
