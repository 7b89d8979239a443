/**
 * The rate limit of the rate-limited rows, applied at the replay front (replay.ts). The sandbox
 * itself enforces `rateLimit` too, but it builds every page from its seed (tens of ms a page on
 * a loaded 2-core machine), so a sandbox alone serves fewer than 25 pages a second and the row
 * would measure the sandbox, not the client against the limit. The front uses the sandbox kit's
 * own token bucket and answers with the 429 the sandbox itself sends (recorded once from a
 * sandbox whose limit refuses its second request), `Retry-After` included when configured.
 */
import { createTokenBucket, retryAfterSeconds } from '@paymux/core/adapter'
import { startSandbox as startWooshpay } from '@paymux/wooshpay/sandbox'
import type { SandboxSpec } from './protocol.ts'
import type { Gate, Recorded } from './replay.ts'

/** The WooshPay sandbox's own 429 (status, content type, body). */
const recordRefusal = async (): Promise<Recorded> => {
  const sb = await startWooshpay({ count: 1, rateLimit: { requestsPerSecond: 0.001, retryAfter: false } })
  try {
    const get = () =>
      fetch(`${sb.baseUrl}/v1/payment_intents`, { headers: { authorization: `Basic ${btoa(`${sb.apiKey}:`)}` } })
    await (await get()).text()
    const refused = await get()
    if (refused.status !== 429) throw new Error(`expected the sandbox's 429, got ${refused.status}`)
    return {
      status: 429,
      contentType: refused.headers.get('content-type') ?? 'application/json',
      body: Buffer.from(await refused.arrayBuffer()),
    }
  } finally {
    await sb.close()
  }
}

export const rateLimitGate = async (s: SandboxSpec): Promise<Gate | undefined> => {
  const limit = s.rateLimit
  if (!limit) return undefined
  const refusal = await recordRefusal()
  const bucket = createTokenBucket({
    requestsPerSecond: limit.requestsPerSecond,
    burst: Math.max(1, limit.requestsPerSecond),
    retryAfter: limit.retryAfter,
    clock: Date.now,
  })
  return () => {
    const taken = bucket.take()
    if (taken.ok) return null
    return limit.retryAfter ? { ...refusal, headers: { 'retry-after': retryAfterSeconds(taken.waitMs) } } : refusal
  }
}
