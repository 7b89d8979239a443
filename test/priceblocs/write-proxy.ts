/**
 * A misbehaving hop in front of the PriceBlocs sandbox, for the write tests (not a test file).
 * Every request is forwarded for real, so the sandbox carries it out; the proxy then loses the
 * answer as told: `hang` never answers (the client times out), `drop` closes the socket, `503`
 * answers an error without forwarding. It records each request's method and path.
 */
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http'
import { listenLocal } from '../helpers/listen.ts'

export type Misstep = 'hang' | 'drop' | '503' | 'pass'

export interface WriteProxy {
  readonly url: string
  /** `METHOD /path` of every request, in order. */
  readonly seen: string[]
  close(): Promise<void>
}

const readAll = async (req: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = []
  for await (const c of req) chunks.push(c as Buffer)
  return Buffer.concat(chunks)
}

/** `plan(method, n)`: what to do with the n-th (1-based) request of that method. */
export const startWriteProxy = async (
  target: string,
  plan: (method: string, n: number) => Misstep,
): Promise<WriteProxy> => {
  const seen: string[] = []
  const counts = new Map<string, number>()
  const server = createServer((req, res) => {
    const method = req.method ?? 'GET'
    const n = (counts.get(method) ?? 0) + 1
    counts.set(method, n)
    seen.push(`${method} ${req.url ?? ''}`)
    const step = plan(method, n)
    void readAll(req).then((body) => {
      if (step === '503') {
        res.writeHead(503, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ statusCode: 503, error: 'Service Unavailable', message: 'try later' }))
        return
      }
      const out = httpRequest(
        `${target}${req.url ?? ''}`,
        { method, headers: { ...req.headers, host: new URL(target).host } },
        (answer) => {
          void readAll(answer).then((text) => {
            if (step === 'hang') return // held open until close(): the client's timeout ends it
            if (step === 'drop') {
              req.socket.destroy()
              return
            }
            res.writeHead(answer.statusCode ?? 502, { 'content-type': 'application/json' })
            res.end(text)
          })
        },
      )
      out.end(body)
    })
  })
  const { url, close } = await listenLocal(server)
  return { url, seen, close }
}
