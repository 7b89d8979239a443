/**
 * An in-process PaymentProvider over arrays, for testing the multi-provider client's merge
 * logic without HTTP (the adapters' own suites cover HTTP against the sandboxes).
 */
import { noSupportingCaps, noWrites } from './no-writes.ts'
import * as E from 'fp-ts/lib/Either.js'
import {
  createPaginator,
  failedPaginator,
  PaymuxError,
  unsupported,
  type CapabilityManifest,
  type PaymentLink,
  type PaymentProvider,
  type ProviderId,
} from '@paymux/core/adapter'

export const link = (provider: string, id: string, created: number): PaymentLink => ({
  provider,
  id,
  object: 'payment_link',
  livemode: false,
  createdAt: new Date(created * 1000),
  metadata: {},
  raw: {},
  url: null,
  active: true,
  status: 'active',
  currency: 'USD',
  title: null,
  description: null,
  lineItems: null,
  updatedAt: null,
})

const caps = (intents: boolean): CapabilityManifest => ({
  paymentLinks: { operations: { list: 'supported', retrieve: 'supported', lineItems: 'supported' }, filters: {} },
  checkoutSessions: {
    operations: { list: 'unsupported', retrieve: 'unsupported', lineItems: 'unsupported' },
    filters: {},
  },
  paymentIntents: { operations: { list: intents ? 'supported' : 'unsupported', retrieve: 'unsupported' }, filters: {} },
  ...noSupportingCaps,
})

export interface MemoryProvider extends PaymentProvider {
  requests: number
  failAtRequest: number | null
}

/** Links sorted newest first, served `size` per page; `failAtRequest` fails that request once. */
export const memoryProvider = (id: ProviderId, links: readonly PaymentLink[], size: number): MemoryProvider => {
  const sorted = [...links].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
  const self: MemoryProvider = {
    id,
    requests: 0,
    failAtRequest: null,
    capabilities: caps(false),
    paymentLinks: {
      list: (query = {}) =>
        createPaginator({
          scope: { provider: id, resource: 'paymentLinks', filters: {} },
          query,
          fetchPage:
            ({ at }) =>
            async () => {
              self.requests += 1
              if (self.failAtRequest === self.requests) {
                self.failAtRequest = null
                return E.left(new PaymuxError({ kind: 'server', provider: id, message: 'injected failure' }))
              }
              const i = at === null ? 0 : (at as number)
              const items = sorted.slice(i, i + size)
              return E.right({ items, next: i + size < sorted.length ? i + size : null, total: sorted.length })
            },
        }),
      retrieve: async (linkId) => {
        const found = sorted.find((l) => l.id === linkId)
        if (!found) throw new PaymuxError({ kind: 'not_found', provider: id, message: `no ${linkId}` })
        return found
      },
      lineItems: () => failedPaginator(unsupported(id, 'line items')),
      ...noWrites(id).links,
    },
    checkoutSessions: {
      list: () => failedPaginator(unsupported(id, 'checkout sessions')),
      retrieve: () => Promise.reject(unsupported(id, 'checkout sessions')),
      lineItems: () => failedPaginator(unsupported(id, 'checkout sessions')),
      ...noWrites(id).sessions,
    },
    paymentIntents: {
      list: () => failedPaginator(unsupported(id, 'payment intents')),
      retrieve: () => Promise.reject(unsupported(id, 'payment intents')),
      ...noWrites(id).intents,
    },
    ...noWrites(id).supporting,
  }
  return self
}
