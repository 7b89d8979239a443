// examples/webhooks-express.ts against real deliveries from the WooshPay sandbox (every event sent
// twice): with express.raw the event is handled once; with express.json every delivery is refused
// as `payload_not_raw`, the mistake the example exists to prevent, and nothing is handled.
import type { Server } from 'node:http'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { PaymuxEvent } from '@paymux/core'
import { wooshpay } from '@paymux/wooshpay'
import { startSandbox } from '@paymux/wooshpay/sandbox'
import { startExpressWebhookServer } from '../../examples/webhooks-express.ts'
import { basic } from '../wooshpay/support.ts'

const closeServer = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()))

/** Pays one order with the sandbox delivering to an Express app; returns what the app saw. */
const payWithReceiver = async (bodyParser: 'raw' | 'json') => {
  const handled: PaymuxEvent[] = []
  const log: string[] = []
  const secrets: string[] = []
  const receiver = await startExpressWebhookServer({
    secrets,
    bodyParser,
    onEvent: (e) => handled.push(e),
    log: (l) => log.push(l),
  })
  // Failed deliveries are retried: a quick, bounded schedule, waited for by `idle()`.
  const sb = await startSandbox({ count: 0, webhooks: { duplicate: true, maxAttempts: 2, sleep: async () => {} } })
  try {
    const made = await fetch(`${sb.baseUrl}/v1/webhook_endpoints`, {
      method: 'POST',
      headers: { authorization: basic(sb.apiKey), 'content-type': 'application/json' },
      body: JSON.stringify({ url: receiver.url, enabled_events: ['payment_intent.succeeded'] }),
    })
    secrets.push(((await made.json()) as { secret: string }).secret)
    const wp = wooshpay({ apiKey: sb.apiKey, baseUrl: sb.baseUrl })
    await wp.paymentIntents.create(
      { amount: { amount: 4200, currency: 'EUR' }, confirm: true, paymentMethodId: 'pm_card_visa' },
      { idempotencyKey: 'order-express-1' },
    )
    await sb.webhooks.idle()
    return { handled, log, statuses: sb.webhooks.attempts().map((a) => a.status) }
  } finally {
    await sb.close()
    await closeServer(receiver.server)
  }
}

const test = suite('webhooks/express: the Express raw-body example over real deliveries')

test('express.raw: delivered twice, handled once, with the order key', async () => {
  const { handled, log, statuses } = await payWithReceiver('raw')
  assert.equal(
    handled.map((e) => [e.type, e.idempotencyKey]),
    [['payment_intent.succeeded', 'order-express-1']],
  )
  assert.equal(
    log.map((l) => l.split(' ').slice(0, 2).join(' ')),
    ['200 handled', '200 duplicate'],
  )
  assert.equal(statuses, [200, 200])
})

test('express.json: every delivery refused as payload_not_raw, nothing handled', async () => {
  const { handled, log, statuses } = await payWithReceiver('json')
  assert.is(handled.length, 0)
  assert.ok(
    log.length >= 2 && log.every((l) => l.startsWith('400 invalid_signature Webhook payload must be the raw')),
    log.join('\n'),
  )
  assert.ok(
    statuses.every((s) => s === 400),
    String(statuses),
  )
})

test.run()
