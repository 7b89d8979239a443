/** Shared set-up of the PriceBlocs tests (not a test file: uvu only runs `*.test.ts`). */
import { createServer, type IncomingMessage } from 'node:http'
import { listenLocal } from '../helpers/listen.ts'
import type { RetryPolicy } from '@paymux/core/adapter'
import { priceblocs, type PriceblocsOptions, type PriceblocsProvider } from '@paymux/priceblocs'
import type { PriceblocsSandbox } from '@paymux/priceblocs/sandbox'

/** Retries without real waiting: backoff and Retry-After sleeps return at once. */
export const noWait: RetryPolicy = { sleep: async () => {} }

export const client = (sb: PriceblocsSandbox, extra: Partial<PriceblocsOptions> = {}): PriceblocsProvider =>
  priceblocs({ apiKey: sb.apiKey, baseUrl: sb.baseUrl, retry: noWait, ...extra })

export interface Trap {
  readonly origin: string
  readonly requests: string[]
  close(): Promise<void>
}

/** A second local server standing for "another host": it records every request it gets. */
export const startTrap = async (): Promise<Trap> => {
  const requests: string[] = []
  const server = createServer((req: IncomingMessage, res) => {
    requests.push(`${req.method ?? ''} ${req.url ?? ''} ${req.headers.authorization ?? ''}`)
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end('{"object":"list","has_more":false,"data":[]}')
  })
  const { url, close } = await listenLocal(server)
  return { origin: url, requests, close }
}

export const ids = (items: readonly { readonly id: string }[]): string[] => items.map((o) => o.id)
