/**
 * A webhook receiver tested against real deliveries, with no provider: the WooshPay sandbox
 * signs and POSTs its events to the `node:http` server of examples/webhooks-node-http.ts, which
 * verifies them and handles each once (a file EventStore, so the claim survives a restart), even
 * though the sandbox is told to deliver every event twice. What an application's own test suite
 * can do. Run it with `node --conditions=dev-source --import tsx examples/webhooks-sandbox.ts`;
 * test/webhooks/delivery-example.test.ts runs `paidOrderRoundTrip`.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileEventStore, type PaymuxEvent } from '@paymux/core'
import { wooshpay } from '@paymux/wooshpay'
import { startSandbox } from '@paymux/wooshpay/sandbox'
import { startWebhookServer } from './webhooks-node-http.ts'

/** What the round trip saw: the events handled, and each delivery's answer as the server logged it. */
export interface RoundTrip {
  readonly handled: PaymuxEvent[]
  readonly log: string[]
}

/** Pays an order on the sandbox and returns once every delivery of its events has been answered. */
export const paidOrderRoundTrip = async (): Promise<RoundTrip> => {
  const dir = await mkdtemp(join(tmpdir(), 'paymux-example-'))
  const handled: PaymuxEvent[] = []
  const log: string[] = []
  // The secret exists once the endpoint does; the server reads the array when a delivery comes.
  const secrets: string[] = []
  const receiver = await startWebhookServer({
    secrets,
    store: fileEventStore(join(dir, 'claims')),
    onEvent: (event) => handled.push(event),
    log: (line) => log.push(line),
  })
  const sandbox = await startSandbox({ webhooks: { duplicate: true } })
  try {
    // The sandbox's webhook endpoint API is Stripe's: POST /v1/webhook_endpoints answers the secret.
    const made = await fetch(`${sandbox.baseUrl}/v1/webhook_endpoints`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${sandbox.apiKey}:`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ url: receiver.url, enabled_events: ['payment_intent.succeeded'] }),
    })
    secrets.push(((await made.json()) as { secret: string }).secret)

    const wp = wooshpay({ apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl })
    await wp.paymentIntents.create(
      { amount: { amount: 2500, currency: 'EUR' }, confirm: true, paymentMethodId: 'pm_card_visa' },
      { idempotencyKey: 'order-1001' },
    )
    // Resolves when every delivery (both copies, and any retry) has been answered.
    await sandbox.webhooks.idle()
    return { handled, log }
  } finally {
    await sandbox.close()
    receiver.server.close()
    await rm(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const { handled, log } = await paidOrderRoundTrip()
  for (const line of log) console.log(line)
  for (const e of handled)
    console.log(`handled ${e.type} of ${e.objectRef.id ?? '-'} (write key ${e.idempotencyKey ?? '-'})`)
}
