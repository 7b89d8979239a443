/** Both adapters with their sandboxes, for the reliability suites that run against each. */
import {
  FAULT_KINDS,
  type CapabilityManifest,
  type ClientHooks,
  type PaymentProvider,
  type ResourceName,
  type RetryPolicy,
  type Sandbox,
  type SandboxOptions,
} from '@paymux/core/adapter'
import { capabilities as priceblocsCapabilities, priceblocs } from '@paymux/priceblocs'
import { startSandbox as startPriceblocs } from '@paymux/priceblocs/sandbox'
import { capabilities as wooshpayCapabilities, wooshpay } from '@paymux/wooshpay'
import { startSandbox as startWooshpay } from '@paymux/wooshpay/sandbox'

export interface ReliabilityTarget {
  readonly name: string
  readonly manifest: CapabilityManifest
  readonly start: (o: SandboxOptions) => Promise<Sandbox>
  readonly make: (sb: Sandbox, o: { retry?: RetryPolicy; hooks?: ClientHooks }) => PaymentProvider
}

export const TARGETS: readonly ReliabilityTarget[] = [
  {
    name: 'wooshpay',
    manifest: wooshpayCapabilities,
    start: startWooshpay,
    make: (sb, o) => wooshpay({ apiKey: sb.apiKey, baseUrl: sb.baseUrl, ...o }),
  },
  {
    name: 'priceblocs',
    manifest: priceblocsCapabilities,
    start: startPriceblocs,
    make: (sb, o) => priceblocs({ apiKey: sb.apiKey, baseUrl: sb.baseUrl, ...o }),
  },
]

export const RESOURCES: readonly ResourceName[] = ['paymentLinks', 'checkoutSessions', 'paymentIntents']

export const ALL_FAULTS = FAULT_KINDS

/** A clock that only moves when slept on, so Retry-After and backoff cost no real time. */
export const fakeClock = (): Required<Pick<RetryPolicy, 'clock' | 'sleep'>> & { slept: () => number } => {
  let now = Date.parse('2026-01-01T00:00:00Z')
  let total = 0
  return {
    clock: () => now,
    sleep: async (ms: number) => {
      now += ms
      total += ms
    },
    slept: () => total,
  }
}

export const listIds = async (
  p: PaymentProvider,
  r: ResourceName,
  query: Record<string, unknown> = {},
): Promise<string[]> => (await p[r].list(query).toArray({ max: 1_000_000 })).map((o) => o.id)
