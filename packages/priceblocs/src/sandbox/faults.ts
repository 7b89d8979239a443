/**
 * Injected faults, the same kinds as the WooshPay sandbox (core's `FAULT_KINDS`): error
 * statuses (429 with `Retry-After: 1`, 500, 502, 503), a reset connection, a JSON body cut off
 * mid-way, and an HTML error page from a "proxy". Which request fails is drawn from a seeded
 * PRNG, so a run with the same seed and request order fails the same requests.
 */
import type { ServerResponse } from 'node:http'
import { FAULT_KINDS, type FaultKind } from '@paymux/core/adapter'
import { prng } from './data.ts'
import { errorReply, type Reply } from './routes.ts'

export interface FaultPlan {
  readonly rate: number
  readonly kinds: readonly FaultKind[]
}

export const readFaultPlan = (
  f: { readonly rate: number; readonly kinds?: readonly FaultKind[] } | undefined,
): FaultPlan => {
  if (f === undefined) return { rate: 0, kinds: FAULT_KINDS }
  if (!(typeof f.rate === 'number' && f.rate >= 0 && f.rate <= 1))
    throw new RangeError('faults.rate must be within 0..1')
  const kinds = f.kinds ?? FAULT_KINDS
  for (const k of kinds) if (!FAULT_KINDS.includes(k)) throw new RangeError(`unknown fault kind ${String(k)}`)
  if (kinds.length === 0 && f.rate > 0) throw new RangeError('faults.kinds is empty')
  return { rate: f.rate, kinds }
}

/** Draws the fault of the next request, or null. */
export const faultPicker = (plan: FaultPlan, seed: number): (() => FaultKind | null) => {
  const r = prng(seed ^ 0x0fa17)
  return () => (plan.rate > 0 && r() < plan.rate ? (plan.kinds[Math.floor(r() * plan.kinds.length)] ?? null) : null)
}

/** The reply of a status fault (429/500/502/503); null for the kinds that break the connection. */
export const statusFault = (kind: FaultKind): Reply | null => {
  switch (kind) {
    case '429':
      return { ...errorReply(429, 'Too many requests, slow down'), headers: { 'retry-after': '1' } }
    case '500':
      return errorReply(500, 'Something went wrong')
    case '502':
      return errorReply(502, 'Upstream unavailable')
    case '503':
      return errorReply(503, 'Service temporarily unavailable')
    default:
      return null
  }
}

const HTML = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>'

/** Serves a fault that is not a clean status reply: `reset`, `truncate` (of `body`), `html`. */
export const breakConnection = (kind: FaultKind, res: ServerResponse, body: string): void => {
  if (kind === 'html') {
    res.writeHead(502, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(HTML) })
    res.end(HTML)
    return
  }
  if (kind === 'truncate') {
    // Headers promise the whole body; half of it arrives, then the connection drops.
    const bytes = Buffer.from(body)
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.length })
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy())
    return
  }
  res.socket?.destroy()
  res.destroy()
}
