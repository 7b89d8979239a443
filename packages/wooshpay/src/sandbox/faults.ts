/**
 * Injected faults: which requests fail (a deterministic draw from the seed and the request's
 * sequence number, at `faults.rate`) and how each kind is served: 429 with `Retry-After: 1`,
 * 500 (nested error body), 502 and 503 (flat bodies), `html` (a 502 gateway page),
 * `reset` (the socket is destroyed before any answer) and `truncate` (a 200 whose JSON body is
 * cut in the middle, then the socket is destroyed).
 */
import type { ServerResponse } from 'node:http'
import type { FaultKind } from '@paymux/core/adapter'
import { HTML_502, typicalError, type Reply } from './errors.ts'
import { hashString, rngFor } from './prng.ts'

const FAULT_SALT = hashString('faults')

export const pickFault = (seed: number, rate: number, kinds: readonly FaultKind[], n: number): FaultKind | null => {
  if (rate <= 0 || kinds.length === 0) return null
  const r = rngFor(seed, FAULT_SALT, n)
  return r.float() < rate ? r.pick(kinds) : null
}

/** The JSON reply of a status fault, or null for the kinds served at the socket level. */
export const faultReply = (kind: FaultKind): Reply | null => {
  switch (kind) {
    case '429':
    case '500':
      return typicalError(Number(kind), 'nested')
    case '502':
    case '503':
      return typicalError(Number(kind), 'flat')
    default:
      return null
  }
}

/** Serves `html`, `reset` and `truncate`. `body` is the real answer, for `truncate`. */
export const serveSocketFault = (kind: FaultKind, res: ServerResponse, body: () => string): void => {
  if (kind === 'html') {
    res.writeHead(502, { 'content-type': 'text/html; charset=utf-8' })
    res.end(HTML_502)
    return
  }
  if (kind === 'truncate') {
    const text = body()
    res.writeHead(200, { 'content-type': 'application/json' })
    res.write(text.slice(0, Math.max(1, Math.floor(text.length / 2))), () => res.socket?.destroy())
    return
  }
  res.socket?.destroy()
}
