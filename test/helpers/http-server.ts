/**
 * A real node:http server on 127.0.0.1:0 that answers from a script and records requests, for
 * transport tests (no mocked fetch: ky and Node's fetch run for real).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

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
  const sockets = new Set<Socket>()
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
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script(next) {
      steps = next
      requests.length = 0
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}
