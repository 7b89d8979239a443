/**
 * A `fetch` for ky built on `node:http` with a keep-alive agent: the transport's default on Node.
 *
 * Why: a listing at 0 ms latency is bound by the client's CPU, and the profile (bench/RESULTS.md)
 * puts most of it in undici's `fetch` (WHATWG streams, header lists, signal plumbing) and in
 * turning the body into a string, not in decoding. `node:http` reads the same body for about
 * two thirds of that CPU. ky still builds the request (headers, JSON body, signals), so hooks
 * and options behave exactly as with the runtime's `fetch`, which stays one option away.
 *
 * The body is read here, with the size cap, and handed to the transport as text through
 * `preReadText`, so it is never copied into a web stream and read back out.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import { isAscii } from 'node:buffer'
import { StringDecoder } from 'node:string_decoder'
import { bodyTooLarge } from './read-body.ts'

const preRead = new WeakMap<Response, string>()

/** The body of a response made by a node fetch, already read and decoded; undefined otherwise. */
export const preReadText = (response: Response): string | undefined => preRead.get(response)

export interface NodeFetchOptions {
  readonly maxResponseBytes: number
  /** Named in the error raised for an oversized body. */
  readonly provider: string
}

/** Statuses whose response must not have a body (the Response constructor refuses one). */
const NULL_BODY = new Set([101, 103, 204, 205, 304])

export const createNodeFetch = (options: NodeFetchOptions): typeof fetch => {
  // One pool per client: sockets are reused across pages; idle ones do not keep the process alive.
  const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) }

  const nodeFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init)
    const url = new URL(request.url)
    const secure = url.protocol === 'https:'
    if (!secure && url.protocol !== 'http:') throw new TypeError(`unsupported protocol ${url.protocol}`)
    const headers: Record<string, string> = {}
    request.headers.forEach((value, name) => {
      headers[name] = value
    })
    const body = request.body === null ? null : Buffer.from(await request.arrayBuffer())
    const signal = request.signal
    signal.throwIfAborted()

    return new Promise<Response>((resolve, reject) => {
      const send = secure ? httpsRequest : httpRequest
      const req = send(url, { method: request.method, headers, agent: secure ? agents.https : agents.http })
      const onAbort = () => req.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'))
      signal.addEventListener('abort', onAbort, { once: true })
      const settle = () => signal.removeEventListener('abort', onAbort)
      const fail = (error: unknown) => {
        settle()
        reject(error instanceof Error ? error : new Error(String(error)))
      }
      req.on('error', fail)
      req.on('response', (res) => {
        readBody(res, options)
          .then((text) => {
            settle()
            resolve(toResponse(res, text))
          })
          .catch((error: unknown) => {
            req.destroy()
            fail(error)
          })
      })
      req.end(body ?? undefined)
    })
  }
  return nodeFetch
}

/**
 * Reads a body as text, chunk by chunk, so no chunk outlives its `data` event: a listing holds
 * one page's text, never the page's buffers as well (peak RSS over a million objects).
 * Provider JSON is nearly always ASCII (non-ASCII is `\u`-escaped by most encoders), and an
 * ASCII chunk decodes as latin1 several times faster than through the UTF-8 decoder, into the
 * one-byte string JSON.parse reads fastest. From the first non-ASCII chunk on, a streaming UTF-8
 * decoder takes over (an ASCII chunk always ends on a character boundary, so it starts clean).
 */
const readBody = (res: IncomingMessage, options: NodeFetchOptions): Promise<string> =>
  new Promise((resolve, reject) => {
    const declared = Number(res.headers['content-length'] ?? '0')
    if (declared > options.maxResponseBytes) {
      reject(bodyTooLarge(options.provider, options.maxResponseBytes))
      return
    }
    let text = ''
    let size = 0
    let utf8: StringDecoder | null = null
    res.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > options.maxResponseBytes) {
        reject(bodyTooLarge(options.provider, options.maxResponseBytes))
        res.destroy()
        return
      }
      if (utf8 === null && isAscii(chunk)) text += chunk.toString('latin1')
      else text += (utf8 ??= new StringDecoder('utf8')).write(chunk)
    })
    res.on('end', () => resolve(utf8 === null ? text : text + utf8.end()))
    // `aborted` covers a connection cut before the declared length arrived.
    res.on('aborted', () => reject(new Error('the connection closed before the whole body arrived')))
    res.on('error', reject)
  })

const toResponse = (res: IncomingMessage, text: string): Response => {
  const status = res.statusCode ?? 0
  const headers: [string, string][] = []
  for (let i = 0; i < res.rawHeaders.length; i += 2) {
    headers.push([res.rawHeaders[i] as string, res.rawHeaders[i + 1] as string])
  }
  // The body is handed over as text (`preReadText`), not as a stream nobody reads.
  const response = new Response(null, { status, statusText: res.statusMessage ?? '', headers })
  if (!NULL_BODY.has(status)) preRead.set(response, text)
  return response
}
