/**
 * `runWrite`, the one path of every adapter write, over a real local server: refusals send
 * nothing, one key per call, ambiguous failures are `outcome_unknown` (and only those), answers
 * are checked against the request.
 */
import { createServer, type IncomingMessage } from 'node:http'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  PaymentIntentCreate,
  createTransport,
  runWrite,
  unsupportedCapabilities,
  type CapabilityManifest,
  type IdempotencyKeyRule,
  type PaymuxError,
  type WriteCall,
} from '@paymux/core/adapter'
import { listenLocal, type Listening } from '../helpers/listen.ts'
import { noSupportingCaps } from '../helpers/no-writes.ts'

type Mode = 'ok' | 'drop' | 'wrong-amount' | '400'
interface Seen {
  readonly key: string | undefined
  readonly body: unknown
}

/** A server that reads the body, records it, then answers as `mode` says. */
const server = async (mode: () => Mode) => {
  const seen: Seen[] = []
  const srv = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString() || 'null') as { amount?: number }
      seen.push({ key: req.headers['idempotency-key'] as string | undefined, body })
      const m = mode()
      if (m === 'drop') {
        req.socket.destroy()
        return
      }
      const status = m === '400' ? 400 : 200
      const answer = m === '400' ? { error: 'bad' } : { id: 'obj_1', amount: m === 'wrong-amount' ? 1 : body.amount }
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(answer))
    })
  })
  return { seen, listening: await listenLocal(srv) }
}

const caps = (create: 'supported' | 'unsupported'): CapabilityManifest => ({
  paymentLinks: unsupportedCapabilities(['create']),
  checkoutSessions: unsupportedCapabilities(['create']),
  paymentIntents: {
    operations: { create },
    filters: {},
    fields: { description: 'unsupported' } as never,
  },
  ...noSupportingCaps,
})

const INPUT = { amount: { amount: 1000, currency: 'USD' } }

const call = (
  url: string,
  over: Partial<WriteCall<PaymentIntentCreate, { id: string; amount: number }>> & {
    keys?: IdempotencyKeyRule | null
  } = {},
): WriteCall<PaymentIntentCreate, { id: string; amount: number }> => {
  const transport = createTransport({
    provider: 'acme',
    baseUrl: url,
    headers: {},
    retry: { retries: 0 },
    readError: (status) => (status >= 400 ? { message: 'refused' } : null),
  })
  return {
    provider: 'acme',
    capabilities: caps('supported'),
    resource: 'paymentIntents',
    operation: 'create',
    codec: PaymentIntentCreate,
    input: INPUT,
    keys: { maxLength: 64 },
    send: async (input, ctx) => {
      const r = await transport.request(
        {
          method: 'POST',
          path: '/v1/intents',
          json: { amount: input.amount.amount },
          ...(ctx.key === null ? {} : { idempotencyKey: ctx.key }),
        },
        (b) => E.right(b as { id: string; amount: number }),
      )()
      if (E.isLeft(r)) throw r.left
      return r.right
    },
    expect: (input, result) => [{ field: 'amount.amount', sent: input.amount.amount, got: result.amount }],
    ...over,
  }
}

const rejects = async (p: Promise<unknown>): Promise<PaymuxError> => {
  try {
    await p
  } catch (e) {
    return e as PaymuxError
  }
  throw new Error('expected a rejection')
}

const w = suite<{ mode: Mode; srv: { seen: Seen[]; listening: Listening } }>('core/runWrite')
w.before.each(async (ctx) => {
  ctx.mode = 'ok'
  ctx.srv = await server(() => ctx.mode)
})
w.after.each(async (ctx) => ctx.srv.listening.close())

w('refusals send nothing: unsupported operation, bad input, unstorable field, bad key', async ({ srv }) => {
  const url = srv.listening.url
  assert.is((await rejects(runWrite({ ...call(url), capabilities: caps('unsupported') }))).kind, 'unsupported')
  const bad = await rejects(runWrite(call(url, { input: { amount: { amount: 0, currency: 'USD' } } })))
  assert.is(bad.kind, 'invalid_request')
  assert.match(bad.message, /amount/)
  const unstorable = await rejects(runWrite(call(url, { input: { ...INPUT, description: 'x' } })))
  assert.is(unstorable.kind, 'invalid_request')
  assert.match(unstorable.message, /cannot store description/)
  const key = await rejects(runWrite(call(url, { opts: { idempotencyKey: 'has space' } })))
  assert.is(key.kind, 'invalid_request')
  assert.is(srv.seen.length, 0)
})

w("one key per call: the caller's as is, else a fresh one; a long key is hashed to the limit", async ({ srv }) => {
  const url = srv.listening.url
  await runWrite(call(url, { opts: { idempotencyKey: 'order-42' } }))
  await runWrite(call(url))
  await runWrite(call(url))
  await runWrite(call(url, { opts: { idempotencyKey: 'k'.repeat(300) } }))
  const keys = srv.seen.map((s) => s.key)
  assert.is(keys[0], 'order-42')
  assert.match(keys[1] ?? '', /^pmx_/)
  assert.is.not(keys[1], keys[2])
  assert.ok((keys[3] ?? '').length <= 64 && keys[3] !== 'k'.repeat(64))
})

w('a dropped answer is outcome_unknown carrying the key to settle with', async (ctx) => {
  ctx.mode = 'drop'
  const e = await rejects(runWrite(call(ctx.srv.listening.url, { opts: { idempotencyKey: 'order-7' } })))
  assert.is(e.kind, 'outcome_unknown')
  assert.is(e.idempotencyKey, 'order-7')
  assert.match(e.message, /idempotencyKey "order-7"/)
  assert.is(e.retryable, false)
  assert.is(ctx.srv.seen.length, 1)
})

w("without keys the settle advice is the adapter's, and no key is sent", async (ctx) => {
  ctx.mode = 'drop'
  const e = await rejects(
    runWrite(call(ctx.srv.listening.url, { keys: null, settle: 'list the intents created since the call' })),
  )
  assert.is(e.kind, 'outcome_unknown')
  assert.is(e.idempotencyKey, null)
  assert.match(e.message, /list the intents created since the call/)
  assert.is(ctx.srv.seen[0]?.key, undefined)
})

w('a repeatable write keeps the transport error; a refused connection never reads as unknown', async (ctx) => {
  ctx.mode = 'drop'
  const repeat = await rejects(runWrite(call(ctx.srv.listening.url, { repeatable: true })))
  assert.is(repeat.kind, 'connection')
  const url = ctx.srv.listening.url
  await ctx.srv.listening.close()
  const refused = await rejects(runWrite(call(url)))
  assert.is(refused.kind, 'connection')
  assert.match(refused.idempotencyKey ?? '', /^pmx_/)
  ctx.srv.listening = await listenLocal(createServer())
})

w('a refusal by the provider stays what it is, with the key attached', async (ctx) => {
  ctx.mode = '400'
  const e = await rejects(runWrite(call(ctx.srv.listening.url, { opts: { idempotencyKey: 'order-9' } })))
  assert.is(e.kind, 'invalid_request')
  assert.is(e.idempotencyKey, 'order-9')
})

w('an answer that disagrees with the request is integrity_mismatch naming the object', async (ctx) => {
  ctx.mode = 'wrong-amount'
  const e = await rejects(runWrite(call(ctx.srv.listening.url)))
  assert.is(e.kind, 'integrity_mismatch')
  assert.match(e.message, /amount\.amount 1 where 1000 was sent/)
  assert.match(e.message, /obj_1/)
})

w.run()
