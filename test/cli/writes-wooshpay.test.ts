/**
 * The write commands end to end on the real bin against the WooshPay sandbox over HTTP: an intent
 * created, confirmed with a test card and refunded; a link from an ad-hoc price, updated; state
 * refusals (exit 1 with the hint); and a real `outcome_unknown` (the sandbox carries the write out,
 * then drops the socket): exit 3, the key to settle with on stderr, and the retried write (same
 * key every attempt) left exactly one object. The API key never appears in any output.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { startSandbox } from '@paymux/wooshpay/sandbox'
import { ndjson, runCli, startSandboxes, type Sandboxes } from './run-cli.ts'

const s = suite<{ sb: Sandboxes }>('cli/writes against the WooshPay sandbox (child process)')
s.before(async (ctx) => {
  ctx.sb = await startSandboxes({ count: 3, seed: 15 })
})
s.after(async (ctx) => ctx.sb.close())

const json = (text: string): Record<string, unknown> => JSON.parse(text) as Record<string, unknown>

const noSecret = (sb: Sandboxes, ...texts: string[]): void => {
  for (const text of texts) assert.not.ok(text.includes(sb.wp.apiKey), 'the API key is in the output')
}

s('create an intent, confirm it with pm_card_visa, refund part of it', async ({ sb }) => {
  const created = await runCli(
    ['create', 'payment_intents', '--provider', 'wooshpay', '--data', '{"amount":{"amount":1000,"currency":"USD"}}'],
    sb.env,
  )
  assert.is(created.code, 0, created.stderr)
  const intent = json(created.stdout)
  assert.is(intent.status, 'requires_payment_method')
  assert.equal(intent.amount, { amount: 1000, currency: 'USD' })
  const ref = `wooshpay:${intent.id as string}`
  const confirmed = await runCli(
    ['confirm', 'payment-intents', ref, '--data', '{"paymentMethodId":"pm_card_visa"}'],
    sb.env,
  )
  assert.is(confirmed.code, 0, confirmed.stderr)
  assert.is(json(confirmed.stdout).status, 'succeeded')
  const refunded = await runCli(
    ['refund', 'payment-intents', ref, '--data', '{"amount":{"amount":400,"currency":"USD"}}'],
    sb.env,
  )
  assert.is(refunded.code, 0, refunded.stderr)
  const refund = json(refunded.stdout)
  assert.is(refund.paymentIntentId, intent.id)
  assert.equal(refund.amount, { amount: 400, currency: 'USD' })
  const keys = Object.keys(refund)
  assert.is(keys[keys.length - 1], 'raw', 'the neutral fields first, raw last')
  // A succeeded intent cannot be canceled: invalid_state is permanent (exit 1) with its hint.
  const cancel = await runCli(['cancel', 'payment-intents', ref], sb.env)
  assert.is(cancel.code, 1)
  assert.match(cancel.stderr, /^paymux: invalid_state: .*\(get the object to see its current status\)$/m)
  noSecret(sb, created.stdout, confirmed.stdout, refunded.stdout, cancel.stderr)
})

s('create a link from priceData, then update it; dates and unknown fields', async ({ sb }) => {
  const data = { lineItems: [{ priceData: { currency: 'usd', unitAmount: 1500, productName: 'Tea' }, quantity: 2 }] }
  const created = await runCli(
    ['create', 'payment-links', '--provider', 'wooshpay', '--data', JSON.stringify(data)],
    sb.env,
  )
  assert.is(created.code, 0, created.stderr)
  const link = json(created.stdout)
  assert.is(link.status, 'active')
  const updated = await runCli(
    ['update', 'payment-links', `wooshpay:${link.id as string}`, '--data', '{"active":false}'],
    sb.env,
  )
  assert.is(updated.code, 0, updated.stderr)
  assert.is(json(updated.stdout).active, false)
  const seen = await runCli(['get', 'payment-links', `wooshpay:${link.id as string}`], sb.env)
  assert.is(json(seen.stdout).active, false, 'the update reached the provider')
  // A field the input does not know is the library's invalid_request (exit 1), naming it.
  const unknown = await runCli(
    ['update', 'payment-links', `wooshpay:${link.id as string}`, '--data', '{"colour":"red"}'],
    sb.env,
  )
  assert.is(unknown.code, 1)
  assert.match(unknown.stderr, /^paymux: invalid_request: .*colour/m)
  // expiresAt as an ISO string is decoded to a date by the library.
  const session = await runCli(
    [
      'create',
      'checkout-sessions',
      '--provider',
      'wooshpay',
      '--data',
      JSON.stringify({
        ...data,
        successUrl: 'https://example.com/ok',
        expiresAt: new Date(Date.now() + 7_200_000).toISOString(),
      }),
    ],
    sb.env,
  )
  assert.is(session.code, 0, session.stderr)
  const cs = json(session.stdout)
  assert.is(cs.status, 'open')
  const expired = await runCli(['expire', 'checkout-sessions', `wooshpay:${cs.id as string}`], sb.env)
  assert.is(expired.code, 0, expired.stderr)
  assert.is(json(expired.stdout).status, 'expired')
})

s('a lost answer: exit 3 with the key to settle with; the retried write left exactly one object', async () => {
  const faulty = await startSandbox({ count: 0, seed: 16, writeFaults: { rate: 1 } })
  const clean = { WOOSHPAY_API_KEY: faulty.apiKey, WOOSHPAY_BASE_URL: faulty.baseUrl }
  const marker = `cli-${Date.now()}`
  const args = [
    'create',
    'payment-intents',
    '--provider',
    'wooshpay',
    '--data',
    JSON.stringify({ amount: { amount: 700, currency: 'USD' }, metadata: { marker } }),
  ]
  try {
    const lost = await runCli(args, clean)
    assert.is(lost.code, 3, lost.stderr)
    assert.is(lost.stdout, '')
    const key = /--idempotency-key (\S+) to settle it\)$/m.exec(lost.stderr)?.[1]
    assert.ok(key, lost.stderr)
    assert.match(lost.stderr, /^paymux: outcome_unknown: /m)
    assert.not.ok(lost.stderr.includes(faulty.apiKey))
    // The CLI re-sent the write with the same key on every attempt: the sandbox created it once.
    const listed = await runCli(
      ['list', 'payment-intents', '--provider', 'wooshpay', '--limit', '100', '--json'],
      clean,
    )
    assert.is(listed.code, 0, listed.stderr)
    const mine = ndjson(listed.stdout).filter((o) => (o.metadata as Record<string, string>).marker === marker)
    assert.is(mine.length, 1, 'exactly one intent despite the retries')
  } finally {
    await faulty.close()
  }
})

s.run()
