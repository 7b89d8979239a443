import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { encodeCheckpoint } from '@paymux/core/adapter'
import { wooshpay } from '@paymux/wooshpay'
import { decodeInto, wire } from '@paymux/wooshpay/internal'
import { assertLeft } from '../helpers/either.ts'
import { rejectsWith } from '../helpers/either.ts'
import { fixture } from '../fixtures/wooshpay/load.ts'
import { NO_SLEEP } from './support.ts'

/** A canned WooshPay: answers each request with the next body of `bodies` (the last one repeats). */
interface Canned {
  server: Server
  url: string
  requests: string[]
  bodies: unknown[]
}
const s = suite<Canned>('wooshpay/paginate')

s.before(async (ctx) => {
  ctx.requests = []
  ctx.bodies = []
  ctx.server = createServer((req, res) => {
    ctx.requests.push(req.url ?? '')
    const body = ctx.bodies.length > 1 ? ctx.bodies.shift() : ctx.bodies[0]
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  })
  await new Promise<void>((r) => ctx.server.listen(0, '127.0.0.1', () => r()))
  ctx.url = `http://127.0.0.1:${(ctx.server.address() as AddressInfo).port}`
})
s.after(async (ctx) => {
  ctx.server.closeAllConnections()
  await new Promise((r) => ctx.server.close(r))
})
s.before.each((ctx) => {
  ctx.requests.length = 0
  ctx.bodies.length = 0
})

const make = (ctx: Canned) => wooshpay({ apiKey: 'sk_test_CannedServer0001', baseUrl: ctx.url, retry: NO_SLEEP })
const intent = (id: string) => ({ ...fixture('payment-intent'), id })

s('an empty page that claims has_more is a pagination error, not a silent stop', async (ctx) => {
  ctx.bodies.push({ object: 'list', has_more: true, data: [] })
  const e = await rejectsWith(make(ctx).paymentIntents.list().toArray({ max: 10 }), 'pagination')
  assert.ok(e.checkpoint)
  assert.is(ctx.requests.length, 1)
})

s('a server that repeats the same page is stopped by the cycle guard', async (ctx) => {
  ctx.bodies.push({ object: 'list', has_more: true, data: [intent('pi_1'), intent('pi_2')] })
  const e = await rejectsWith(make(ctx).paymentIntents.list({ pageSize: 2 }).toArray({ max: 100 }), 'pagination')
  assert.match(e.message, 'does not advance')
  assert.equal(ctx.requests, ['/v1/payment_intents?limit=2', '/v1/payment_intents?limit=2&starting_after=pi_2'])
})

s('a page the codec refuses is a decode error after one attempt (not retried)', async (ctx) => {
  ctx.bodies.push({ object: 'list', has_more: false, data: [{ ...intent('pi_1'), amount: '12.5' }] })
  const e = await rejectsWith(make(ctx).paymentIntents.list().firstPage(), 'decode')
  assert.match(e.message, 'data.0.amount')
  assert.is(e.attempts, 1)
  assert.is(ctx.requests.length, 1)
})

s('a checkpoint whose position is not a WooshPay cursor is refused before any request', async (ctx) => {
  const scope = {
    provider: 'wooshpay',
    resource: 'paymentIntents',
    filters: { path: '/v1/payment_intents', start: null },
  }
  const forged = encodeCheckpoint(scope, [42])
  await rejectsWith(make(ctx).paymentIntents.list({ resumeFrom: forged }).firstPage(), 'checkpoint_mismatch')
  assert.is(ctx.requests.length, 0)
  // The same scope with a real cursor position is accepted: the scope above is the adapter's.
  ctx.bodies.push({ object: 'list', has_more: false, data: [] })
  await make(ctx)
    .paymentIntents.list({ resumeFrom: encodeCheckpoint(scope, { after: 'pi_9' }) })
    .firstPage()
  assert.equal(ctx.requests, ['/v1/payment_intents?limit=100&starting_after=pi_9'])
})

s('a normalizer that throws becomes a decode error, never a crash or a retry', () => {
  const decode = decodeInto(wire.PaymentIntent, 'a payment intent', () => {
    throw new Error('bug')
  })
  const e = assertLeft(decode(fixture('payment-intent')), 'decode')
  assert.match(e.message, 'could not normalize a payment intent')
})

s.run()
