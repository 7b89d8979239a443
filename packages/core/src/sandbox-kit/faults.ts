/**
 * Injected faults: which requests fail (a deterministic draw from the seed and the request's
 * sequence number, so a rerun fails the same requests) and how the kinds that are not a clean
 * status reply are served: `html` (a 502 gateway page), `reset` (the socket is destroyed before
 * any answer), `truncate` (a 200 whose JSON body stops half-way, then the socket drops) and
 * `commit_then_drop` (the request is carried out, then the socket drops without an answer).
 * The status kinds (429, 5xx) carry the provider's own error body: the sandbox builds those.
 */
import type { ServerResponse } from 'node:http'
import type { FaultKind } from '../sandbox.ts'
import type { FaultPlan } from './options.ts'
import { hashString, rngFor } from './random.ts'

const FAULT_SALT = hashString('faults')
const WRITE_FAULT_SALT = hashString('write-faults')

/** The status faults, answered with the provider's error body. */
export type StatusFault = Extract<FaultKind, '429' | '500' | '502' | '503'>

/** True for the fault kinds answered with an HTTP status (429, 5xx) rather than a broken connection or body. */
export const isStatusFault = (kind: FaultKind): kind is StatusFault =>
  kind === '429' || kind === '500' || kind === '502' || kind === '503'

/** The fault of request number `n`, or null. `write`: draw from the write-fault sequence. */
export const pickFault = (seed: number, plan: FaultPlan, n: number, write = false): FaultKind | null => {
  if (plan.rate <= 0 || plan.kinds.length === 0) return null
  const r = rngFor(seed, write ? WRITE_FAULT_SALT : FAULT_SALT, n)
  return r.float() < plan.rate ? r.pick(plan.kinds) : null
}

/** What a proxy in front of the API answers when the upstream fails: HTML, not JSON. */
export const GATEWAY_HTML =
  '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n'

/** Serves `html`, `reset`, `truncate` (of `body`, the real answer) or `commit_then_drop` (the answer was built: drop it). */
export const serveBrokenConnection = (
  kind: Exclude<FaultKind, StatusFault>,
  res: ServerResponse,
  body: string,
): void => {
  if (kind === 'html') {
    res.writeHead(502, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': Buffer.byteLength(GATEWAY_HTML),
    })
    res.end(GATEWAY_HTML)
    return
  }
  if (kind === 'truncate') {
    // Headers promise the whole body; half of it arrives, then the connection drops.
    const bytes = Buffer.from(body)
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.length })
    res.write(bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2))), () => res.destroy())
    return
  }
  res.socket?.destroy()
  res.destroy()
}
