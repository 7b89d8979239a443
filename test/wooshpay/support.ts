/** Shared helpers of the WooshPay tests: raw HTTP calls to a sandbox, and a client for it. */
import type { RetryPolicy } from '@paymux/core/adapter'
import { wooshpay, type WooshpayProvider } from '@paymux/wooshpay'
import type { Sandbox } from '@paymux/core/adapter'

export const basic = (key: string): string => `Basic ${Buffer.from(`${key}:`).toString('base64')}`

export interface RawReply {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  readonly json: Record<string, unknown>
}

/** A GET with the sandbox key (or the given Authorization header), body parsed when it is JSON. */
export const get = async (
  sb: Sandbox,
  path: string,
  authorization: string | null = basic(sb.apiKey),
): Promise<RawReply> => {
  const r = await fetch(`${sb.baseUrl}${path}`, { headers: authorization === null ? {} : { authorization } })
  const text = await r.text()
  let json: Record<string, unknown> = {}
  try {
    json = JSON.parse(text) as Record<string, unknown>
  } catch {
    // not JSON: left to the test
  }
  return { status: r.status, headers: r.headers, text, json }
}

export const ids = (body: Record<string, unknown>): string[] => (body['data'] as { id: string }[]).map((o) => o.id)

/**
 * Retries that never sleep: a virtual clock advances by each requested delay, so backoff,
 * `Retry-After` pauses and deadlines all behave as in real time but cost none.
 */
export const noSleep = (): RetryPolicy => {
  let now = 1_700_000_000_000
  return {
    clock: () => now,
    sleep: async (ms) => {
      now += ms
    },
    random: () => 0,
  }
}
export const NO_SLEEP: RetryPolicy = noSleep()

export const client = (sb: Sandbox, retry: RetryPolicy = NO_SLEEP): WooshpayProvider =>
  wooshpay({ apiKey: sb.apiKey, baseUrl: sb.baseUrl, retry })
