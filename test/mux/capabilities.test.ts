/**
 * The capability matrix is what the adapters actually do: every operation and filter is called
 * against the real sandboxes; `unsupported` ones must reject with kind `unsupported` and send no
 * request, the others must succeed. The README's table must match the manifests.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { isPaymuxError, type PaymentProvider, type ResourceName } from '@paymux/core/adapter'
import { renderMatrix, withMatrix } from '../../scripts/capabilities.ts'
import { TARGETS } from '../reliability/targets.ts'
import { readFileSync } from 'node:fs'

const SAMPLE_FILTERS: Readonly<Record<ResourceName, Readonly<Record<string, unknown>>>> = {
  paymentLinks: { active: true, status: 'active', livemode: false, created: { gte: new Date('2023-01-01') } },
  checkoutSessions: {
    created: { gte: new Date('2023-01-01') },
    customer: 'cus_nobody',
    customerEmail: 'nobody@example.com',
    paymentIntent: 'pi_nobody',
    status: 'complete',
    paymentStatus: 'paid',
    livemode: false,
  },
  paymentIntents: { created: { gte: new Date('2023-01-01') }, status: 'succeeded' },
}

/** Runs one operation; returns 'ok', 'unsupported' or throws any other failure. */
const attempt = async (run: () => Promise<unknown>): Promise<'ok' | 'unsupported'> => {
  try {
    await run()
    return 'ok'
  } catch (e) {
    if (isPaymuxError(e) && e.kind === 'unsupported') return 'unsupported'
    // A retrieve of a made-up id on a supported operation is fine as long as it was answered.
    if (isPaymuxError(e) && e.kind === 'not_found') return 'ok'
    throw e
  }
}

const operationsOf = (p: PaymentProvider, r: ResourceName): Record<string, () => Promise<unknown>> => {
  const res = p[r] as unknown as Record<string, (...a: unknown[]) => { toArray?: unknown } & Promise<unknown>>
  const ops: Record<string, () => Promise<unknown>> = {
    list: () => p[r].list().toArray({ max: 1 }),
    retrieve: () => p[r].retrieve('made_up_id_1'),
  }
  if ('lineItems' in res) {
    ops['lineItems'] = async () => {
      const [first] = await p[r].list().toArray({ max: 1 })
      return (p[r] as PaymentProvider['paymentLinks']).lineItems(first?.id ?? 'made_up_id_1').toArray({ max: 1 })
    }
  }
  return ops
}

for (const target of TARGETS) {
  const s = suite(`mux/capabilities: ${target.name}`)

  s('every operation and filter behaves as its manifest says', async () => {
    const sb = await target.start({ count: 30, seed: 3 })
    try {
      const p = target.make(sb, {})
      for (const r of ['paymentLinks', 'checkoutSessions', 'paymentIntents'] as const) {
        const caps = p.capabilities[r]
        for (const [op, run] of Object.entries(operationsOf(p, r))) {
          const declared = caps.operations[op]
          assert.ok(declared, `${r}.${op} is declared`)
          const before = sb.stats().requests
          const got = await attempt(run)
          assert.is(got, declared === 'unsupported' ? 'unsupported' : 'ok', `${target.name} ${r}.${op}`)
          if (got === 'unsupported') assert.is(sb.stats().requests, before, `${r}.${op} sent a request`)
        }
        if (caps.operations['list'] === 'unsupported') continue
        for (const [filter, value] of Object.entries(SAMPLE_FILTERS[r])) {
          const declared = caps.filters[filter] ?? 'unsupported'
          const before = sb.stats().requests
          const got = await attempt(() => p[r].list({ [filter]: value }).toArray({ max: 5 }))
          assert.is(got, declared === 'unsupported' ? 'unsupported' : 'ok', `${target.name} ${r} filter ${filter}`)
          if (got === 'unsupported') assert.is(sb.stats().requests, before, `${r} filter ${filter} sent a request`)
        }
      }
    } finally {
      await sb.close()
    }
  })

  s.run()
}

const readme = suite('mux/capabilities: README')

readme('the README table matches the manifests', () => {
  const text = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  const manifests = TARGETS.map((t) => t.name)
  assert.ok(manifests.length === 2)
  // The script's own check: regenerating changes nothing.
  const providers = TARGETS.map((t) => ({ id: t.name, capabilities: t.manifest }))
  assert.is(withMatrix(text, renderMatrix(providers)), text)
})

readme('a stale table is detected', () => {
  const text = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  const providers = TARGETS.map((t) => ({ id: t.name, capabilities: t.manifest }))
  const stale = text.replace('| paymentIntents | `list()` | yes | no |', '| paymentIntents | `list()` | yes | yes |')
  assert.is.not(stale, text, 'the fixture edit applied')
  assert.is.not(withMatrix(stale, renderMatrix(providers)), stale)
})

readme.run()
