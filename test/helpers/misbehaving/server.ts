/**
 * The common part of the small misbehaving servers: a node:http server on 127.0.0.1, port 0,
 * that answers JSON from a route function and counts requests. Each server file shapes one
 * provider's wire format and bends one of its rules on purpose (issue 12, "Tests themselves").
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { listenLocal } from '../listen.ts'

export interface Reply {
  readonly status: number
  readonly body: unknown
}

export interface LocalServer {
  readonly url: string
  /** Every request URL (path and query), in arrival order. */
  readonly requests: string[]
  close(): Promise<void>
}

export const startLocalServer = async (route: (url: URL, n: number) => Reply): Promise<LocalServer> => {
  const requests: string[] = []
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push(req.url ?? '')
    let reply: Reply
    try {
      reply = route(new URL(req.url ?? '/', 'http://127.0.0.1'), requests.length)
    } catch (e) {
      reply = { status: 500, body: { error: { message: String(e) } } }
    }
    res.writeHead(reply.status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(reply.body))
  })
  return { ...(await listenLocal(server)), requests }
}

/** A deterministic pseudo-random generator (mulberry32), so every run serves the same data. */
export const prng = (seed: number): (() => number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
