/**
 * A real node:http server on 127.0.0.1:0 that answers from a script and records requests, for
 * transport tests (no mocked fetch: ky and Node's fetch run for real).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { listenLocal } from './listen.ts'

export interface Recorded {
  readonly method: string
  readonly url: string
  readonly headers: IncomingMessage['headers']
}

export type Step =
  | {
      readonly status: number
      readonly body?: string
      readonly headers?: Record<string, string>
      readonly delayMs?: number
    }
  | { readonly reset: true }
  | { readonly truncate: string }

export interface ScriptServer {
  readonly url: string
  readonly requests: Recorded[]
  /** Steps answered in order; the last one repeats. */
  script(steps: readonly Step[]): void
  close(): Promise<void>
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Step => ({
  status,
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json', ...headers },
})

export const startScriptServer = async (): Promise<ScriptServer> => {
  let steps: readonly Step[] = [json(200, {})]
  const requests: Recorded[] = []
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers })
    const step = steps[Math.min(requests.length - 1, steps.length - 1)] as Step
    if ('reset' in step) {
      req.socket.destroy()
      return
    }
    if ('truncate' in step) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(step.truncate.length * 2) })
      res.write(step.truncate)
      setTimeout(() => req.socket.destroy(), 5)
      return
    }
    const send = () => {
      res.writeHead(step.status, step.headers ?? {})
      res.end(step.body ?? '')
    }
    if (step.delayMs) setTimeout(send, step.delayMs)
    else send()
  })
  return {
    ...(await listenLocal(server)),
    requests,
    script(next) {
      steps = next
      requests.length = 0
    },
  }
}

/** What a proxy got from upstream, and what it answers instead. */
export interface ProxiedReply {
  readonly status: number
  readonly headers: Record<string, string>
  readonly body: Buffer
}

export interface Proxy {
  readonly url: string
  /** Requests the proxy received (the upstream saw the same). */
  readonly requests: Recorded[]
  close(): Promise<void>
}

/**
 * A misbehaving provider made from a well-behaved one: forwards every request to `upstream` (a
 * sandbox, headers included) and answers what `transform` makes of the reply, so a test can
 * compress, redirect or poison real pages of the real wire format.
 */
export const startProxy = async (
  upstream: string,
  transform: (reply: ProxiedReply, req: Recorded) => ProxiedReply | Promise<ProxiedReply>,
): Promise<Proxy> => {
  const requests: Recorded[] = []
  const server = createServer((req, res) => {
    const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers }
    requests.push(recorded)
    const headers: Record<string, string> = {}
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host') headers[k] = v
    fetch(`${upstream}${req.url ?? ''}`, { method: req.method ?? 'GET', headers })
      .then(async (r) => {
        const upstreamHeaders: Record<string, string> = {}
        r.headers.forEach((v, k) => {
          if (k !== 'content-length' && k !== 'content-encoding' && k !== 'transfer-encoding') upstreamHeaders[k] = v
        })
        const reply = await transform(
          { status: r.status, headers: upstreamHeaders, body: Buffer.from(await r.arrayBuffer()) },
          recorded,
        )
        res.writeHead(reply.status, { ...reply.headers, 'content-length': String(reply.body.length) })
        res.end(reply.body)
      })
      .catch(() => req.socket.destroy())
  })
  return { ...(await listenLocal(server)), requests }
}
