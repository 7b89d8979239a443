/**
 * The shared provider suite: every adapter runs it against its own sandbox over real HTTP.
 * It checks the contract of @paymux/core (packages/core/README.md), not provider details.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  CheckoutSession,
  PaymentIntent,
  PaymentLink,
  isPaymuxError,
  type ClientHooks,
  type PaymentProvider,
  type ProviderId,
  type ResourceName,
  type RetryPolicy,
  type Sandbox,
  type SandboxOptions,
} from '@paymux/core/adapter'
import { rejectsWith } from './either.ts'

export interface ContractTarget {
  readonly name: ProviderId
  readonly startSandbox: (o: SandboxOptions) => Promise<Sandbox>
  readonly make: (o: { apiKey: string; baseUrl: string; retry?: RetryPolicy; hooks?: ClientHooks }) => PaymentProvider
  /** Largest accepted pageSize. */
  readonly maxPageSize: number
}

const RESOURCES: readonly ResourceName[] = ['paymentLinks', 'checkoutSessions', 'paymentIntents']
const CODECS = { paymentLinks: PaymentLink, checkoutSessions: CheckoutSession, paymentIntents: PaymentIntent }

const list = (p: PaymentProvider, r: ResourceName, q: Record<string, unknown> = {}) => p[r].list(q)

export const testProvider = (target: ContractTarget): void => {
  const s = suite<{ sb: Sandbox; p: PaymentProvider }>(`${target.name}/contract`)
  s.before(async (ctx) => {
    // Two full pages at the largest page size and a partial one, so resume tests span pages.
    ctx.sb = await target.startSandbox({ count: 2 * target.maxPageSize + 5, seed: 7 })
    ctx.p = target.make({ apiKey: ctx.sb.apiKey, baseUrl: ctx.sb.baseUrl })
  })
  s.after(async (ctx) => ctx.sb.close())
  const supported = (p: PaymentProvider, r: ResourceName, op: string) =>
    p.capabilities[r].operations[op] === 'supported'

  s('declares a capability entry for every resource', ({ p }) => {
    for (const r of RESOURCES) assert.ok(p.capabilities[r]?.operations, r)
    assert.is(p.id, target.name)
  })

  s('a full listing yields every seeded object exactly once, newest first', async ({ p, sb }) => {
    for (const r of RESOURCES) {
      if (!supported(p, r, 'list')) continue
      const ids = (await list(p, r).toArray({ max: 10_000 })).map((o) => o.id)
      assert.equal(ids, [...sb.ids(r)], r)
      assert.is(new Set(ids).size, ids.length, `${r} has duplicates`)
    }
  })

  s('every listed object is a valid neutral object that survives JSON', async ({ p }) => {
    for (const r of RESOURCES) {
      if (!supported(p, r, 'list')) continue
      for (const o of await list(p, r).toArray({ max: 20 })) {
        const json = JSON.parse(JSON.stringify(o)) as unknown
        const decoded = CODECS[r].decode(json)
        assert.ok(decoded._tag === 'Right', `${r} ${o.id} is not a valid ${CODECS[r].name}`)
        assert.is(o.provider, target.name)
      }
    }
  })

  s('pageSize above the provider bound is refused with no request', async ({ p, sb }) => {
    const before = sb.stats().requests
    await rejectsWith(
      list(p, 'paymentLinks', { pageSize: target.maxPageSize + 1 }).toArray({ max: 1 }),
      'invalid_request',
    )
    await rejectsWith(list(p, 'paymentLinks', { pageSize: 0 }).firstPage(), 'invalid_request')
    assert.is(sb.stats().requests, before)
  })

  s('resuming from a page checkpoint yields exactly the rest', async ({ p, sb }) => {
    const first = await list(p, 'paymentLinks', { pageSize: target.maxPageSize }).firstPage()
    assert.ok(first.checkpoint, 'first page of a multi-page list has a checkpoint')
    const rest = await list(p, 'paymentLinks', {
      pageSize: target.maxPageSize,
      resumeFrom: first.checkpoint as string,
    }).toArray({ max: 10_000 })
    assert.equal(
      [...first.items, ...rest].map((o) => o.id),
      [...sb.ids('paymentLinks')],
    )
  })

  s('a checkpoint of another resource is refused before any request', async ({ p, sb }) => {
    const first = await list(p, 'paymentLinks', { pageSize: 5 }).firstPage()
    const other = RESOURCES.find((r) => r !== 'paymentLinks' && supported(p, r, 'list')) as ResourceName
    const before = sb.stats().requests
    await rejectsWith(
      list(p, other, { resumeFrom: first.checkpoint as string }).toArray({ max: 1 }),
      'checkpoint_mismatch',
    )
    assert.is(sb.stats().requests, before)
  })

  s('retrieve returns the listed object; an unknown id is not_found', async ({ p }) => {
    for (const r of RESOURCES) {
      if (!supported(p, r, 'retrieve')) continue
      const [first] = await list(p, r).toArray({ max: 1 })
      assert.ok(first, r)
      const got = await p[r].retrieve(first.id)
      assert.is(got.id, first.id)
      assert.equal(
        JSON.parse(JSON.stringify(got)),
        JSON.parse(JSON.stringify(first)),
        `${r} retrieve differs from list`,
      )
      await rejectsWith(p[r].retrieve('does_not_exist_123'), 'not_found')
    }
  })

  s('unsupported operations fail with kind unsupported and send no request', async ({ p, sb }) => {
    const before = sb.stats().requests
    for (const r of RESOURCES) {
      const ops = p.capabilities[r].operations
      if (ops['list'] === 'unsupported') await rejectsWith(list(p, r).toArray({ max: 1 }), 'unsupported')
      if (ops['retrieve'] === 'unsupported') await rejectsWith(p[r].retrieve('x'), 'unsupported')
    }
    assert.is(sb.stats().requests, before)
  })

  s('a wrong key is an authentication error that never shows the key', async ({ sb }) => {
    const badKey = sb.apiKey.replace(/.{6}$/, 'ZZZZZZ')
    const p = target.make({ apiKey: badKey, baseUrl: sb.baseUrl, retry: { retries: 0 } })
    try {
      await list(p, 'paymentLinks').firstPage()
      assert.unreachable('expected an authentication error')
    } catch (e) {
      assert.ok(isPaymuxError(e))
      assert.is(e.kind, 'authentication')
      const text = `${e.message} ${JSON.stringify(e)} ${String(e.stack)} ${String((e.cause as Error | undefined)?.message)}`
      assert.not.ok(text.includes(badKey), 'key leaked')
      assert.not.ok(text.includes(Buffer.from(`${badKey}:`).toString('base64')), 'encoded key leaked')
    }
  })

  s('an aborted listing stops with kind aborted and a checkpoint', async ({ p }) => {
    const controller = new AbortController()
    const it = list(p, 'paymentLinks', { pageSize: 5, signal: controller.signal })[Symbol.asyncIterator]()
    await it.next()
    controller.abort()
    let kind = ''
    let checkpoint: string | null = null
    try {
      for (;;) if ((await it.next()).done) break
    } catch (e) {
      if (isPaymuxError(e)) ({ kind, checkpoint } = e)
    }
    assert.is(kind, 'aborted')
    assert.ok(checkpoint)
  })

  s('the sandbox (core`s sandbox kit) checks its options alike: config errors before listening', async () => {
    for (const o of [{ count: -1 }, { seed: 1.5 }, { latencyMs: -1 }, { faults: { rate: 2 } }, { port: 70_000 }]) {
      try {
        const sb = await target.startSandbox(o)
        await sb.close()
        assert.unreachable(JSON.stringify(o))
      } catch (e) {
        assert.ok(isPaymuxError(e) && e.kind === 'config', JSON.stringify(o))
      }
    }
  })

  s('sandbox faults are drawn per request number, so the same seed fails the same requests', async () => {
    const statuses = async (): Promise<number[]> => {
      const sb = await target.startSandbox({ count: 3, seed: 11, faults: { rate: 0.5, kinds: ['503'] } })
      try {
        const out: number[] = []
        for (let i = 0; i < 16; i++) out.push((await fetch(`${sb.baseUrl}/v1/nothing-here`)).status)
        return out
      } finally {
        await sb.close()
      }
    }
    const first = await statuses()
    assert.equal(await statuses(), first)
    assert.ok(first.includes(503) && first.some((x) => x !== 503), first.join(','))
  })

  s.run()
}
