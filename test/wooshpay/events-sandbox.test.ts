// wp.events.poll() against the WooshPay sandbox's own event log (`GET /v1/events`): the events
// its writes emit come back once each, oldest first, equal to the log, and `types[]` narrows them.
// The poller and the sandbox were built apart; this test holds them to one wire format.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { PaymuxEvent } from '@paymux/core'
import { startSandbox, type WooshpaySandbox } from '@paymux/wooshpay/sandbox'
import type { WooshpayProvider } from '@paymux/wooshpay'
import { client, get } from './support.ts'

const HOUR = 3_600_000

const s = suite<{ sb: WooshpaySandbox; wp: WooshpayProvider }>('wooshpay/events: poll over the sandbox event log')
s.before(async (ctx) => {
  ctx.sb = await startSandbox({ count: 3, seed: 18 })
  ctx.wp = client(ctx.sb)
})
s.after(async ({ sb }) => sb.close())

const pollOnce = async (wp: WooshpayProvider, types?: PaymuxEvent['type'][]): Promise<PaymuxEvent[]> => {
  const got: PaymuxEvent[] = []
  for await (const e of wp.events.poll({ lookbackMs: HOUR, polls: 1, ...(types ? { types } : {}) })) got.push(e)
  return got
}

s('the events two writes emit are polled once each, oldest first, as the log has them', async ({ sb, wp }) => {
  const pi = await wp.paymentIntents.create(
    { amount: { amount: 1500, currency: 'USD' } },
    { idempotencyKey: 'poll-pi-1' },
  )
  await wp.paymentIntents.confirm(pi.id, { paymentMethodId: 'pm_card_visa' })
  const log = await get(sb, '/v1/events?limit=100')
  const logged = (log.json['data'] as { id: string; type: string }[]).map((e) => [e.id, e.type]).reverse()
  assert.equal(
    logged.map(([, t]) => t),
    ['payment_intent.created', 'payment_intent.succeeded'],
  )
  const got = await pollOnce(wp)
  assert.equal(
    got.map((e) => [e.id, e.rawType]),
    logged,
  )
  assert.equal(
    got.map((e) => e.type),
    ['payment_intent.created', 'payment_intent.succeeded'],
  )
  assert.is(got[0]?.objectRef.id, pi.id)
  assert.is(got[0]?.idempotencyKey, 'poll-pi-1', "the creating write's key travels with its event")
})

s('types[] narrows the list at the sandbox', async ({ wp }) => {
  const got = await pollOnce(wp, ['payment_intent.succeeded'])
  assert.ok(got.length >= 1)
  assert.ok(
    got.every((e) => e.type === 'payment_intent.succeeded'),
    JSON.stringify(got.map((e) => e.type)),
  )
})

s.run()
