/**
 * Request bodies per endpoint, as they leave the adapter: a recording server on 127.0.0.1 sits
 * in front of the sandbox (forwarding everything, bodies included) and keeps what it received.
 * Money types differ per endpoint (docs/providers/wooshpay.md#write-money).
 */
import { createServer } from 'node:http'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { startSandbox, type WooshpaySandbox } from '@paymux/wooshpay/sandbox'
import { wooshpay, type WooshpayProvider } from '@paymux/wooshpay'
import { listenLocal, type Listening } from '../helpers/listen.ts'
import { NO_SLEEP } from './support.ts'

interface Seen {
  readonly method: string
  readonly path: string
  readonly key: string | undefined
  readonly contentType: string | undefined
  readonly body: unknown
}

const startRecorder = async (upstream: string): Promise<Listening & { seen: Seen[] }> => {
  const seen: Seen[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      const key = req.headers['idempotency-key']
      seen.push({
        method: req.method ?? '',
        path: req.url ?? '',
        key: typeof key === 'string' ? key : undefined,
        contentType: req.headers['content-type'],
        body: text === '' ? undefined : (JSON.parse(text) as unknown),
      })
      const headers: Record<string, string> = {}
      for (const [k, v] of Object.entries(req.headers))
        if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v
      const init = req.method === 'GET' ? {} : { body: text }
      fetch(`${upstream}${req.url ?? ''}`, { method: req.method ?? 'GET', headers, ...init })
        .then(async (r) => {
          const body = Buffer.from(await r.arrayBuffer())
          res.writeHead(r.status, { 'content-type': 'application/json', 'content-length': String(body.length) })
          res.end(body)
        })
        .catch(() => req.socket.destroy())
    })
  })
  return { ...(await listenLocal(server)), seen }
}

const s = suite<{ sb: WooshpaySandbox; rec: Listening & { seen: Seen[] }; wp: WooshpayProvider }>(
  'wooshpay/writes-bodies',
)
s.before(async (ctx) => {
  ctx.sb = await startSandbox({ count: 5, seed: 9 })
  ctx.rec = await startRecorder(ctx.sb.baseUrl)
  ctx.wp = wooshpay({ apiKey: ctx.sb.apiKey, baseUrl: ctx.rec.url, retry: NO_SLEEP })
})
s.after(async ({ sb, rec }) => {
  await rec.close()
  await sb.close()
})
s.before.each(({ rec }) => {
  rec.seen.length = 0
})

const posts = (seen: Seen[]) => seen.filter((x) => x.method === 'POST')

/** No body carries `undefined` (JSON drops it) or a null the input did not ask for. */
const noNulls = (u: unknown): boolean =>
  u === null ? false : typeof u === 'object' ? Object.values(u as object).every(noNulls) : true

s(
  'link from priceData: product, price (string unit_amount and interval_count), link; one step key each',
  async ({ rec, wp }) => {
    await wp.paymentLinks.create(
      {
        lineItems: [
          {
            priceData: {
              currency: 'eur',
              unitAmount: 1999,
              productName: 'Abo',
              recurring: { interval: 'month', intervalCount: 2 },
            },
            quantity: 3,
          },
        ],
        successUrl: 'https://shop.example/thanks',
        metadata: { a: 'b' },
      },
      { idempotencyKey: 'call-1' },
    )
    const [product, price, link] = posts(rec.seen)
    assert.equal([product?.path, price?.path, link?.path], ['/v1/products', '/v1/prices', '/v1/payment_links'])
    assert.equal(product?.body, { name: 'Abo' })
    const pid = (price?.body as { product: string }).product
    assert.ok(pid.startsWith('prod_'))
    assert.equal(price?.body, {
      product: pid,
      currency: 'EUR',
      unit_amount: '1999',
      recurring: { interval: 'month', interval_count: '2' },
    })
    const priceId = (link?.body as { line_items: { price: string }[] }).line_items[0]?.price
    assert.equal(link?.body, {
      line_items: [{ price: priceId, quantity: 3 }],
      metadata: { a: 'b' },
      after_completion: { type: 'redirect', redirect: { url: 'https://shop.example/thanks' } },
    })
    assert.is(link?.key, 'call-1', "the link carries the call's key")
    assert.ok(product?.key?.startsWith('pmxs_') && price?.key?.startsWith('pmxs_'))
    assert.is(new Set(posts(rec.seen).map((x) => x.key)).size, 3, 'one key per step')
    for (const x of posts(rec.seen)) assert.is(x.contentType, 'application/json')
  },
)

s('link update: active from status, metadata, after_completion; nothing else', async ({ sb, rec, wp }) => {
  await wp.paymentLinks.update(sb.ids('paymentLinks')[0] as string, { status: 'inactive', metadata: { x: 'y' } })
  assert.equal(posts(rec.seen)[0]?.body, { active: false, metadata: { x: 'y' } })
})

s('checkout session: integer price_data.unit_amount, seconds expires_at, no undefined fields', async ({ rec, wp }) => {
  const expiresAt = new Date(Date.now() + 2 * 3600_000)
  await wp.checkoutSessions.create({
    lineItems: [{ priceData: { currency: 'usd', unitAmount: 500, productName: 'Tea' }, quantity: 2 }],
    successUrl: 'https://shop.example/ok',
    customerEmail: 'a@example.com',
    expiresAt,
  })
  const body = posts(rec.seen)[0]?.body
  assert.equal(body, {
    mode: 'payment',
    success_url: 'https://shop.example/ok',
    line_items: [{ price_data: { currency: 'USD', unit_amount: 500, product_data: { name: 'Tea' } }, quantity: 2 }],
    customer_email: 'a@example.com',
    expires_at: Math.floor(expiresAt.getTime() / 1000),
  })
  assert.ok(noNulls(body))
})

s('payment intent lifecycle: integer amount and amount_to_capture, cancellation_reason', async ({ rec, wp }) => {
  const pi = await wp.paymentIntents.create({
    amount: { amount: 2500, currency: 'GBP' },
    captureMethod: 'manual',
    merchantOrderId: 'ORD-1',
  })
  await wp.paymentIntents.confirm(pi.id, { paymentMethodId: 'pm_card_visa' })
  await wp.paymentIntents.capture(pi.id, { amount: { amount: 2000, currency: 'GBP' } })
  const other = await wp.paymentIntents.create({ amount: { amount: 10, currency: 'GBP' } })
  await wp.paymentIntents.cancel(other.id, { reason: 'duplicate' })
  const bodies = posts(rec.seen).map((x) => [x.path, x.body])
  assert.equal(bodies, [
    ['/v1/payment_intents', { amount: 2500, currency: 'GBP', capture_method: 'manual', merchant_order_id: 'ORD-1' }],
    [`/v1/payment_intents/${pi.id}/confirm`, { payment_method: 'pm_card_visa' }],
    [`/v1/payment_intents/${pi.id}/capture`, { amount_to_capture: 2000 }],
    ['/v1/payment_intents', { amount: 10, currency: 'GBP' }],
    [`/v1/payment_intents/${other.id}/cancel`, { cancellation_reason: 'duplicate' }],
  ])
  assert.ok(
    posts(rec.seen).every((x) => typeof x.key === 'string' && x.key.startsWith('pmx_')),
    'every POST carries a key',
  )
})

s('refund: string amount; without an amount none is sent; expire sends an empty object', async ({ rec, wp }) => {
  const pi = await wp.paymentIntents.create({
    amount: { amount: 900, currency: 'EUR' },
    confirm: true,
    paymentMethodId: 'pm_card_visa',
  })
  await wp.refunds.create({
    paymentIntentId: pi.id,
    amount: { amount: 300, currency: 'EUR' },
    reason: 'requested_by_customer',
  })
  await wp.refunds.create({ paymentIntentId: pi.id })
  const cs = await wp.checkoutSessions.create({
    lineItems: [{ priceData: { currency: 'EUR', unitAmount: 1, productName: 'x' }, quantity: 1 }],
    successUrl: 'https://a.example',
  })
  await wp.checkoutSessions.expire(cs.id)
  const [, r1, r2, , expire] = posts(rec.seen)
  assert.equal(r1?.body, { payment_intent: pi.id, amount: '300', reason: 'requested_by_customer' })
  assert.equal(r2?.body, { payment_intent: pi.id })
  assert.equal(expire?.body, {})
})

s('a product and a price on their own', async ({ rec, wp }) => {
  const p = await wp.products.create({ name: 'Box', description: 'Cardboard' })
  await wp.prices.create({ productId: p.id, currency: 'jpy', unitAmount: 300 })
  assert.equal(
    posts(rec.seen).map((x) => x.body),
    [
      { name: 'Box', description: 'Cardboard' },
      { product: p.id, currency: 'JPY', unit_amount: '300' },
    ],
  )
})

s.run()
