/**
 * Virtual time for the rate-limit suites: the sandbox's token bucket and the client's pacing read
 * one clock, which moves only when every request has been answered and someone sleeps (it then
 * jumps to the earliest wake-up). So a request reaches the bucket at the virtual time it was
 * sent, "requests per second" is exact, and a run costs no real time. A plain clock that moves
 * as soon as one caller sleeps would let requests still on the wire arrive "later" and find
 * tokens their sender never waited for. It also records the status of every answer, in order.
 */
import type { PaymentProvider, RequestHooks, RetryPolicy, SandboxRateLimit } from '@paymux/core/adapter'
import { wooshpay, type WooshpayOptions } from '@paymux/wooshpay'
import { startSandbox, type WooshpaySandboxOptions } from '@paymux/wooshpay/sandbox'

interface Timer {
  readonly at: number
  readonly seq: number
  readonly wake: () => void
}

export const virtualTime = () => {
  let now = Date.parse('2026-01-01T00:00:00Z')
  let inFlight = 0
  let seq = 0
  let scheduled = false
  const timers: Timer[] = []
  const statuses: number[] = []
  const tick = () => {
    scheduled = false
    if (timers.length === 0) return
    timers.sort((a, b) => a.at - b.at || a.seq - b.seq)
    // A wake-up that is due runs at once; time moves on only once no request is on the wire.
    if ((timers[0] as Timer).at > now && inFlight > 0) return
    const next = timers.shift() as Timer
    now = Math.max(now, next.at)
    next.wake()
    schedule()
  }
  // setImmediate: after the microtasks a wake-up starts (the next request is sent in them).
  const schedule = () => {
    if (scheduled) return
    scheduled = true
    setImmediate(tick)
  }
  const clock = () => now
  const sleep = (ms: number) =>
    new Promise<void>((wake) => {
      timers.push({ at: now + ms, seq: seq++, wake })
      schedule()
    })
  const hooks: RequestHooks = {
    onRequest: () => void (inFlight += 1),
    onResponse: (v) => {
      inFlight -= 1
      statuses.push(v.status)
      schedule()
    },
  }
  const retry: RetryPolicy = { clock, sleep }
  return { clock, sleep, retry, hooks, statuses }
}

/** Share of 429s among `statuses` from index `from` on. */
export const throttledShare = (statuses: readonly number[], from = 0): number => {
  const tail = statuses.slice(from)
  return tail.length === 0 ? 0 : tail.filter((s) => s === 429).length / tail.length
}

/** Every id of a listing. */
export const allIds = async (p: PaymentProvider, query: Record<string, unknown>): Promise<string[]> =>
  (await p.paymentIntents.list(query).toArray({ max: 1_000_000 })).map((o) => o.id)

/**
 * A WooshPay sandbox limited by `rateLimit` and a client of it, both on one virtual clock (the
 * client's hooks record every answer). `client` adds client options (`maxRequestsPerSecond`).
 */
export const startLimited = async (
  sandbox: Omit<WooshpaySandboxOptions, 'rateLimit'> & { readonly rateLimit: Omit<SandboxRateLimit, 'clock'> },
  client: Partial<WooshpayOptions> = {},
) => {
  const time = virtualTime()
  const sb = await startSandbox({ ...sandbox, rateLimit: { ...sandbox.rateLimit, clock: time.clock } })
  const wp = wooshpay({ apiKey: sb.apiKey, baseUrl: sb.baseUrl, retry: time.retry, hooks: time.hooks, ...client })
  return { time, sb, wp }
}
