// Sandbox deliveries reaching real receivers on 127.0.0.1: core's handler with the file
// EventStore handles each event once although every event is delivered twice; a 500 is retried
// with exponential backoff until a 200; attempts are bounded; a receiver with the wrong secret
// never handles anything; a receiver that does not answer times out and is retried; the
// signature timestamp follows the sandbox's injected clock. No test sleeps: the backoff waits
// are an injected function that records the delay and returns, and tests await the attempts.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileEventStore, type PaymuxEvent } from '@paymux/core'
import { wooshpay } from '@paymux/wooshpay'
import { startSandbox, type SandboxWebhookOptions, type WooshpaySandbox } from '@paymux/wooshpay/sandbox'
import { startWebhookServer } from '../../examples/webhooks-node-http.ts'
import { basic, client } from '../wooshpay/support.ts'

const test = suite('webhooks/delivery: sandbox -> real receivers')

/** The waits a sandbox asked for, returned at once. */
const recordedSleep = () => {
  const delays: number[] = []
  return { delays, sleep: (ms: number) => (delays.push(ms), Promise.resolve()) }
}

const createEndpoint = async (sb: WooshpaySandbox, url: string, events?: string[]) => {
  const r = await fetch(`${sb.baseUrl}/v1/webhook_endpoints`, {
    method: 'POST',
    headers: { authorization: basic(sb.apiKey), 'content-type': 'application/json' },
    body: JSON.stringify({ url, ...(events ? { enabled_events: events } : {}) }),
  })
  assert.is(r.status, 200)
  return (await r.json()) as { id: string; secret: string }
}

/** A receiver answering each request with the next status of `script` (then the last one). */
const scripted = async (script: (number | 'hang')[]) => {
  const seen: { body: string; signature: string | undefined }[] = []
  const hung: ServerResponse[] = []
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const step = script[Math.min(seen.length, script.length - 1)] as number | 'hang'
      seen.push({
        body: Buffer.concat(chunks).toString('utf8'),
        signature: req.headers['wooshpay-signature'] as string,
      })
      if (step === 'hang') hung.push(res)
      else res.writeHead(step).end()
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}/hook`,
    seen,
    close: () =>
      new Promise<void>((r) => {
        for (const res of hung) res.destroy()
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
}

const sandbox = (webhooks: SandboxWebhookOptions) => startSandbox({ count: 3, seed: 42, webhooks })
const withTimeout = () => AbortSignal.timeout(20_000)

test('delivered twice, handled once: core handler + file EventStore over node:http', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'paymux-delivery-'))
  const secrets: string[] = []
  const handled: PaymuxEvent[] = []
  const lines: string[] = []
  const receiver = await startWebhookServer({
    secrets,
    store: fileEventStore(join(dir, 'claims')),
    onEvent: (e) => handled.push(e),
    log: (l) => lines.push(l),
  })
  const sb = await sandbox({ duplicate: true })
  try {
    const endpoint = await createEndpoint(sb, receiver.url)
    secrets.push(endpoint.secret)
    const wp = client(sb)
    const pi = await wp.paymentIntents.create(
      { amount: { amount: 4200, currency: 'USD' }, confirm: true, paymentMethodId: 'pm_card_visa' },
      { idempotencyKey: 'order-17' },
    )
    await sb.webhooks.idle()
    const attempts = sb.webhooks.attempts()
    assert.equal(
      attempts.map((a) => [a.type, a.copy, a.status]),
      [
        ['payment_intent.created', 1, 200],
        ['payment_intent.created', 2, 200],
        ['payment_intent.succeeded', 1, 200],
        ['payment_intent.succeeded', 2, 200],
      ],
    )
    assert.equal(
      handled.map((e) => [e.type, e.objectRef.id, e.idempotencyKey]),
      [
        ['payment_intent.created', pi.id, 'order-17'],
        ['payment_intent.succeeded', pi.id, 'order-17'],
      ],
    )
    assert.equal(
      lines.map((l) => l.split(' ').slice(0, 2).join(' ')),
      ['200 handled', '200 duplicate', '200 handled', '200 duplicate'],
    )
    // The neutral object came through the adapter's normalizer.
    assert.is((handled[1]?.data as { status: string }).status, 'succeeded')
    assert.is((await readdir(join(dir, 'claims'))).length, 2, 'one claim file per event')
  } finally {
    await sb.close()
    receiver.server.close()
    await rm(dir, { recursive: true, force: true })
  }
})

test('a 500 is retried with exponential backoff until the 200', async () => {
  const receiver = await scripted([500, 503, 200])
  const { delays, sleep } = recordedSleep()
  const sb = await sandbox({ backoffMs: 1000, sleep })
  try {
    await createEndpoint(sb, receiver.url, ['payment_intent.canceled'])
    const wp = client(sb)
    const pi = await wp.paymentIntents.create({ amount: { amount: 100, currency: 'USD' } })
    await wp.paymentIntents.cancel(pi.id)
    const done = await sb.webhooks.waitFor((a) => a.ok, withTimeout())
    assert.equal([done.type, done.attempt, done.status], ['payment_intent.canceled', 3, 200])
    await sb.webhooks.idle()
    assert.equal(
      sb.webhooks.attempts().map((a) => [a.attempt, a.status, a.retryInMs]),
      [
        [1, 500, 1000],
        [2, 503, 2000],
        [3, 200, null],
      ],
    )
    assert.equal(delays, [1000, 2000])
    const event = (await (
      await fetch(`${sb.baseUrl}/v1/events/${done.eventId}`, { headers: { authorization: basic(sb.apiKey) } })
    ).json()) as { pending_webhooks: number }
    assert.is(event.pending_webhooks, 0, 'delivered: nothing pending')
    // The same event each time, re-signed at each attempt.
    const ids = receiver.seen.map((r) => (JSON.parse(r.body) as { id: string }).id)
    assert.is(new Set(ids).size, 1)
    assert.ok(receiver.seen.every((r) => /^t=\d+,v1=[0-9a-f]{64}$/.test(r.signature ?? '')))
  } finally {
    await sb.close()
    await receiver.close()
  }
})

test('attempts are bounded: a receiver that always fails gets maxAttempts, waits capped', async () => {
  const receiver = await scripted([500])
  const { delays, sleep } = recordedSleep()
  const sb = await sandbox({ maxAttempts: 5, backoffMs: 100, maxBackoffMs: 300, sleep })
  try {
    await createEndpoint(sb, receiver.url, ['payment_intent.created'])
    await client(sb).paymentIntents.create({ amount: { amount: 100, currency: 'USD' } })
    await sb.webhooks.idle()
    assert.equal(
      sb.webhooks.attempts().map((a) => [a.attempt, a.status]),
      [1, 2, 3, 4, 5].map((n) => [n, 500]),
    )
    assert.equal(delays, [100, 200, 300, 300])
    assert.is(sb.webhooks.attempts().at(-1)?.retryInMs, null)
    assert.is(receiver.seen.length, 5)
  } finally {
    await sb.close()
    await receiver.close()
  }
})

test('a receiver with the wrong secret answers 400 to every attempt and handles nothing', async () => {
  const handled: PaymuxEvent[] = []
  const receiver = await startWebhookServer({
    secrets: ['whsec_not_the_endpoint_secret'],
    onEvent: (e) => handled.push(e),
    log: () => undefined,
  })
  const { sleep } = recordedSleep()
  const sb = await sandbox({ maxAttempts: 3, sleep })
  try {
    await createEndpoint(sb, receiver.url, ['payment_intent.created'])
    await client(sb).paymentIntents.create({ amount: { amount: 100, currency: 'USD' } })
    await sb.webhooks.idle()
    assert.equal(
      sb.webhooks.attempts().map((a) => a.status),
      [400, 400, 400],
    )
    assert.is(handled.length, 0)
  } finally {
    await sb.close()
    receiver.server.close()
  }
})

test('no answer within timeoutMs counts as a failed attempt and is retried', async () => {
  const receiver = await scripted(['hang', 200])
  const { delays, sleep } = recordedSleep()
  const sb = await sandbox({ timeoutMs: 100, backoffMs: 10, sleep })
  try {
    await createEndpoint(sb, receiver.url, ['payment_intent.created'])
    await client(sb).paymentIntents.create({ amount: { amount: 100, currency: 'USD' } })
    const done = await sb.webhooks.waitFor((a) => a.ok, withTimeout())
    assert.is(done.attempt, 2)
    const first = sb.webhooks.attempts()[0]
    assert.equal([first?.status, first?.error, first?.retryInMs], [null, 'no answer within 100 ms', 10])
    assert.equal(delays, [10])
  } finally {
    await sb.close()
    await receiver.close()
  }
})

test('signatures follow the injected clock; deleted and unsubscribed endpoints get nothing', async () => {
  const clock = 1_900_000_000_000
  const receiver = await scripted([200])
  const other = await scripted([200])
  const sb = await sandbox({ now: () => clock })
  try {
    const endpoint = await createEndpoint(sb, receiver.url, ['payment_intent.created'])
    const removed = await createEndpoint(sb, other.url)
    await fetch(`${sb.baseUrl}/v1/webhook_endpoints/${removed.id}`, {
      method: 'DELETE',
      headers: { authorization: basic(sb.apiKey) },
    })
    const wp = client(sb)
    await wp.paymentIntents.create({ amount: { amount: 100, currency: 'USD' }, confirm: true, paymentMethodId: 'pm_x' })
    await sb.webhooks.idle()
    assert.equal(
      sb.webhooks.attempts().map((a) => a.type),
      ['payment_intent.created'],
      'only the subscribed type, only to the endpoint that exists',
    )
    assert.is(other.seen.length, 0)
    const got = receiver.seen[0] as { body: string; signature: string }
    assert.ok(got.signature.startsWith(`t=${clock / 1000},`))
    const verify = wooshpay({ apiKey: 'sk_test_x' }).webhooks
    const headers = { 'wooshpay-signature': got.signature }
    const event = verify.verify({ rawBody: got.body, headers, secrets: [endpoint.secret], now: new Date(clock) })
    assert.is(event.createdAt.getTime(), clock, 'the event is dated by the same clock')
    assert.throws(
      () => verify.verify({ rawBody: got.body, headers, secrets: [endpoint.secret] }),
      /beyond the tolerance/,
    )
  } finally {
    await sb.close()
    await receiver.close()
    await other.close()
  }
})

test('webhook options are checked before the sandbox listens', async () => {
  for (const bad of [{ maxAttempts: 0 }, { backoffMs: -1 }, { timeoutMs: 0 }]) {
    try {
      await sandbox(bad)
      assert.unreachable(JSON.stringify(bad))
    } catch (e) {
      assert.match((e as Error).message, /webhooks\.\w+ must be/)
    }
  }
})

test.run()
