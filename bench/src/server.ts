/**
 * The sandbox server process. It runs apart from every client so that serving pages never
 * competes with the measured client for its event loop. It receives its sandboxes as JSON in
 * argv[2], starts them, sends their addresses to the parent, then answers `stats` and
 * `expectedIds` requests until the parent disconnects.
 */
import { createHash } from 'node:crypto'
import type { Sandbox } from '@paymux/core'
import { startSandbox as startPriceblocs } from '@paymux/priceblocs/sandbox'
import { startSandbox as startWooshpay } from '@paymux/wooshpay/sandbox'
import type { SandboxAddress, SandboxSpec, ServerMessage, ServerRequest } from './protocol.ts'

const send = (m: ServerMessage): void => {
  process.send?.(m)
}

/** Sorted ids hashed as the clients hash them (see `idsDigest` in client.ts). */
export const digest = (ids: readonly string[]): { hash: string; count: number } => {
  const h = createHash('sha256')
  for (const id of [...ids].sort()) h.update(`${id}\n`)
  return { hash: h.digest('hex'), count: ids.length }
}

const start = (s: SandboxSpec): Promise<Sandbox> => {
  const common = { port: 0, count: s.count, seed: s.seed, latencyMs: s.latencyMs }
  // `acceptBearer`: stripe-node authenticates with `Authorization: Bearer`, WooshPay with Basic.
  return s.provider === 'wooshpay' ? startWooshpay({ ...common, acceptBearer: true }) : startPriceblocs(common)
}

const main = async (): Promise<void> => {
  const specs = JSON.parse(process.argv[2] ?? '[]') as SandboxSpec[]
  const running = new Map<string, Sandbox>()
  for (const s of specs) running.set(s.name, await start(s))

  const sandbox = (name: string): Sandbox => {
    const sb = running.get(name)
    if (!sb) throw new Error(`no sandbox named ${name}`)
    return sb
  }

  process.on('message', (raw: ServerRequest) => {
    try {
      const result =
        raw.op === 'stats'
          ? sandbox(raw.sandbox).stats()
          : digest(
              sandbox(raw.sandbox)
                .ids(raw.resource)
                .slice(0, raw.limit ?? undefined),
            )
      send({ type: 'reply', id: raw.id, result })
    } catch (e) {
      send({ type: 'failed', id: raw.id, message: e instanceof Error ? e.message : String(e) })
    }
  })
  process.on('disconnect', () => {
    void Promise.all([...running.values()].map((sb) => sb.close())).finally(() => process.exit(0))
  })

  const addresses: Record<string, SandboxAddress> = {}
  for (const [name, sb] of running) addresses[name] = { baseUrl: sb.baseUrl, apiKey: sb.apiKey }
  send({ type: 'ready', sandboxes: addresses })
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
