/**
 * Writes through `paymux([...])` over both real sandboxes: creates go to the provider named (or
 * the only one), actions to the provider their global reference names, and every refusal
 * happens before any request.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { paymux, type PaymuxError, type Sandbox } from '@paymux/core/adapter'
import { TARGETS } from '../reliability/targets.ts'

const s = suite<{ sandboxes: Sandbox[] }>('mux/writes')

s.before(async (ctx) => {
  ctx.sandboxes = await Promise.all(TARGETS.map((t) => t.start({ count: 5, seed: 3 })))
})
s.after(async (ctx) => {
  await Promise.all(ctx.sandboxes.map((sb) => sb.close()))
})

const mux = (ctx: { sandboxes: Sandbox[] }) => paymux(TARGETS.map((t, i) => t.make(ctx.sandboxes[i] as Sandbox, {})))
const requests = (ctx: { sandboxes: Sandbox[] }) => ctx.sandboxes.reduce((n, sb) => n + sb.stats().requests, 0)

const rejects = async (p: Promise<unknown>): Promise<PaymuxError> => {
  try {
    await p
  } catch (e) {
    return e as PaymuxError
  }
  throw new Error('expected a rejection')
}

const INTENT = { amount: { amount: 1000, currency: 'USD' } }

s('a create on a client of several providers must name one; an unknown one is refused', async (ctx) => {
  const before = requests(ctx)
  const none = await rejects(mux(ctx).paymentIntents.create(INTENT))
  assert.is(none.kind, 'invalid_request')
  assert.match(none.message, /say which provider/)
  const unknown = await rejects(mux(ctx).paymentIntents.create(INTENT, { provider: 'acme' }))
  assert.is(unknown.kind, 'invalid_request')
  assert.match(unknown.message, /no provider acme/)
  assert.is(requests(ctx), before)
})

s('a nested global reference that names another provider than the option is refused', async (ctx) => {
  const before = requests(ctx)
  const e = await rejects(mux(ctx).refunds.create({ paymentIntentId: 'wooshpay:pi_1' }, { provider: 'priceblocs' }))
  assert.is(e.kind, 'invalid_request')
  assert.match(e.message, /belongs to wooshpay/)
  assert.is(requests(ctx), before)
})

s('what a provider lacks is unsupported with no request, routed by the reference', async (ctx) => {
  const before = requests(ctx)
  const e = await rejects(mux(ctx).paymentIntents.capture('priceblocs:pi_1'))
  assert.is(e.kind, 'unsupported')
  assert.is(e.provider, 'priceblocs')
  const r = await rejects(mux(ctx).refunds.create({ paymentIntentId: 'priceblocs:pi_1' }))
  assert.is(r.kind, 'unsupported')
  assert.is(requests(ctx), before)
})

s('a malformed reference is invalid_request', async (ctx) => {
  const e = await rejects(mux(ctx).paymentLinks.update('no-provider', { active: false }))
  assert.is(e.kind, 'invalid_request')
})

s.run()
