/**
 * The sandbox server process. It runs apart from every client so that serving pages never
 * competes with the measured client for its event loop. It receives its sandboxes as JSON in
 * argv[2], starts them (with a replaying front where asked: replay.ts), sends their addresses
 * to the parent, then answers `stats` and `expectedIds` requests until the parent disconnects.
 */
import { createHash } from 'node:crypto'
import type { Sandbox } from '@paymux/core/adapter'
import { startSandbox as startPriceblocs } from '@paymux/priceblocs/sandbox'
import { startSandbox as startWooshpay } from '@paymux/wooshpay/sandbox'
import type { SandboxAddress, SandboxSpec, ServerMessage, ServerRequest } from './protocol.ts'
import { backing, indexOf, prefill, selfCheck, startFront, type Backing } from './replay.ts'
import { rateLimitGate } from './rate-limit-gate.ts'

const send = (m: ServerMessage): void => {
  process.send?.(m)
}

/** Sorted ids hashed as the clients hash them (see `idsDigest` in client.ts). */
export const digest = (ids: readonly string[]): { hash: string; count: number } => {
  const h = createHash('sha256')
  for (const id of [...ids].sort()) h.update(`${id}\n`)
  return { hash: h.digest('hex'), count: ids.length }
}

const start = (s: SandboxSpec, latencyMs: number): Promise<Sandbox> => {
  // A replayed sandbox's limit is its front's (rate-limit-gate.ts): the backing one records freely.
  const limit = s.rateLimit && !s.replay ? { rateLimit: s.rateLimit } : {}
  const common = { port: 0, count: s.count, seed: s.seed, latencyMs, ...limit }
  // `acceptBearer`: stripe-node authenticates with `Authorization: Bearer`, WooshPay with Basic;
  // it also serves Stripe's session list path `/v1/checkout/sessions`.
  return s.provider === 'wooshpay' ? startWooshpay({ ...common, acceptBearer: true }) : startPriceblocs(common)
}

const LISTS = {
  wooshpay: [
    { path: '/v1/payment_links', paging: 'cursor' },
    { path: '/v1/payment_intents', paging: 'cursor' },
    { path: '/v1/checkout/sessions/list', paging: 'cursor' },
    { path: '/v1/checkout/sessions', paging: 'cursor' },
  ],
  priceblocs: [{ path: '/v1/payment-links', paging: 'page' }],
} as const

/** WooshPay lists whose `created` windows the front answers from the recording (the partitioned runs). */
const WINDOWED = ['/v1/payment_intents', '/v1/checkout/sessions/list'] as const

interface Running {
  readonly sandbox: Sandbox
  readonly address: SandboxAddress
  requests(): number
  close(): Promise<void>
}

const main = async (): Promise<void> => {
  const specs = JSON.parse(process.argv[2] ?? '[]') as SandboxSpec[]
  const running = new Map<string, Running>()
  // Replayed sandboxes with the same data share one sandbox and one recording.
  const shared = new Map<string, { sandbox: Sandbox; backing: Backing; filled: boolean }>()
  const direct = async (s: SandboxSpec): Promise<Running> => {
    const sandbox = await start(s, s.latencyMs)
    return {
      sandbox,
      address: { baseUrl: sandbox.baseUrl, apiKey: sandbox.apiKey },
      requests: () => sandbox.stats().requests,
      close: () => sandbox.close(),
    }
  }
  for (const s of specs) {
    if (!s.replay) {
      running.set(s.name, await direct(s))
      continue
    }
    const dataKey = `${s.provider}:${s.count}:${s.seed}`
    let data = shared.get(dataKey)
    if (!data) {
      const sandbox = await start(s, 0)
      data = { sandbox, backing: backing(sandbox.baseUrl), filled: false }
      shared.set(dataKey, data)
    }
    const front = await startFront(data.backing, s.latencyMs, s.rateLimit ? await rateLimitGate(s) : undefined)
    if (!data.filled) {
      const key = data.sandbox.apiKey
      const auth =
        s.provider === 'wooshpay'
          ? [`Basic ${Buffer.from(`${key}:`).toString('base64')}`, `Bearer ${key}`]
          : [`Bearer ${key}`]
      const t0 = performance.now()
      // Recorded through a front without latency, whatever the scenario's.
      const recorder = await startFront(data.backing, 0)
      const pages = await prefill(recorder, auth, LISTS[s.provider])
      await recorder.close()
      console.error(`bench server: recorded ${pages} pages of ${dataKey} in ${Math.round(performance.now() - t0)} ms`)
      if (s.provider === 'wooshpay') {
        for (const path of WINDOWED) {
          const index = indexOf(data.backing, path)
          const mismatches = index ? await selfCheck(data.backing, path, index, auth[0] ?? '') : -1
          if (index && mismatches === 0) data.backing.indexes.set(path, index)
          console.error(
            `bench server: created windows of ${path} ${
              mismatches === 0
                ? 'answered from the recording (self-check equal to the sandbox)'
                : 'forwarded to the sandbox (self-check failed)'
            }`,
          )
        }
      }
      data.filled = true
    }
    const sandbox = data.sandbox
    running.set(s.name, {
      sandbox,
      address: { baseUrl: front.baseUrl, apiKey: sandbox.apiKey },
      requests: () => front.requests(),
      close: () => front.close(),
    })
  }

  const named = (name: string): Running => {
    const r = running.get(name)
    if (!r) throw new Error(`no sandbox named ${name}`)
    return r
  }

  /** A `fresh` sandbox started anew: the old one closed first, so its port and memory go. */
  const restart = async (name: string): Promise<SandboxAddress> => {
    const spec = specs.find((s) => s.name === name)
    if (!spec?.fresh || spec.replay) throw new Error(`sandbox ${name} is not a fresh one`)
    await named(name).close()
    const r = await direct(spec)
    running.set(name, r)
    return r.address
  }

  const answer = async (raw: ServerRequest): Promise<unknown> => {
    if (raw.op === 'restart') return restart(raw.sandbox)
    const r = named(raw.sandbox)
    return raw.op === 'stats'
      ? { requests: r.requests() }
      : digest(r.sandbox.ids(raw.resource).slice(0, raw.limit ?? undefined))
  }
  process.on('message', (raw: ServerRequest) => {
    answer(raw).then(
      (result) => send({ type: 'reply', id: raw.id, result }),
      (e: unknown) => send({ type: 'failed', id: raw.id, message: e instanceof Error ? e.message : String(e) }),
    )
  })
  process.on('disconnect', () => {
    const closing = [...running.values()].map((r) => r.close())
    for (const d of shared.values()) closing.push(d.sandbox.close())
    void Promise.allSettled(closing).finally(() => process.exit(0))
  })

  const addresses: Record<string, SandboxAddress> = {}
  for (const [name, r] of running) addresses[name] = r.address
  send({ type: 'ready', sandboxes: addresses })
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
