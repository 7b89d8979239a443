/**
 * A `fetch` for ky built on `node:http` with a keep-alive agent: the transport's default on Node.
 *
 * Why: a listing at 0 ms latency is bound by the client's CPU, and the profile (bench/RESULTS.md)
 * puts most of it in undici's `fetch` (WHATWG streams, header lists, signal plumbing) and in
 * turning the body into a string, not in decoding. `node:http` reads the same body for about
 * two thirds of that CPU. ky still builds the request (headers, JSON body, signals), so hooks
 * and options behave exactly as with the runtime's `fetch`, which stays one option away.
 *
 * The body is read here, decompressed (gzip, deflate, br) and capped on its decoded size, and
 * handed to the transport as text on the response itself (`TextResponse`), so it is never copied
 * into a web stream and read back out. The text is made for `JSON.parse` (json-text.ts).
 * Redirects are never followed (nor are they by the transport with the runtime's fetch): a 3xx
 * reaches the transport as it is.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import type { Readable } from 'node:stream'
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib'
import { JsonTextDecoder } from './json-text.ts'
import { bodyTooLarge, TextResponse, undecodableBody, type BodyText } from './read-body.ts'

export interface NodeFetchOptions {
  readonly maxResponseBytes: number
  /** Named in the error raised for an oversized body. */
  readonly provider: string
}

/**
 * The fetch `init` key the transport passes its attempt's signal under when it sends through
 * this fetch: ky hands options it does not know to the fetch as they are.
 */
export const ABORT_OPTION = 'paymuxSignal'
type AbortOption = { readonly [ABORT_OPTION]?: AbortSignal }

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
    // The transport's signal arrives beside the request (ABORT_OPTION), so ky need not merge it
    // into its own with `AbortSignal.any` (~45 µs a request on Node 20); ky's own signal is the
    // request's, and either one ends the request.
    const signal = (init as AbortOption | undefined)?.[ABORT_OPTION] ?? request.signal
    const kySignal = signal === request.signal ? null : request.signal
    signal.throwIfAborted()
    kySignal?.throwIfAborted()

    return new Promise<Response>((resolve, reject) => {
      const send = secure ? httpsRequest : httpRequest
      const req = send(url, { method: request.method, headers, agent: secure ? agents.https : agents.http })
      const onAbort = function (this: AbortSignal) {
        req.destroy(this.reason instanceof Error ? this.reason : new Error('aborted'))
      }
      signal.addEventListener('abort', onAbort, { once: true })
      kySignal?.addEventListener('abort', onAbort, { once: true })
      const settle = () => {
        signal.removeEventListener('abort', onAbort)
        kySignal?.removeEventListener('abort', onAbort)
      }
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
 * Reads a body chunk by chunk into one buffer of `JSON.parse`-equivalent one-byte text, so no
 * chunk outlives its `data` event: a listing holds one page's bytes once (peak RSS over a
 * million objects). That text is not the UTF-8 decoding of the bytes (json-text.ts says why and
 * when the two differ); it is parsed from the buffer (json-parse.ts).
 */
const readBody = (res: IncomingMessage, options: NodeFetchOptions): Promise<BodyText> =>
  new Promise((resolve, reject) => {
    const declared = Number(res.headers['content-length'] ?? '0')
    if (declared > options.maxResponseBytes) {
      reject(bodyTooLarge(options.provider, options.maxResponseBytes))
      return
    }
    const text = new JsonTextDecoder(declared)
    let settled = false
    const fail = (error: unknown) => {
      if (settled) return
      settled = true
      reject(error)
      res.destroy()
    }
    // `aborted` covers a connection cut before the declared length arrived.
    res.on('aborted', () => fail(new Error('the connection closed before the whole body arrived')))
    res.on('error', fail)
    const decoded = decompress(res, options.provider, fail)
    if (decoded === null) return
    decoded.on('data', (chunk: Buffer) => {
      if (settled) return
      if (text.bytes + chunk.length > options.maxResponseBytes) {
        fail(bodyTooLarge(options.provider, options.maxResponseBytes))
        if (decoded !== res) decoded.destroy()
        return
      }
      text.write(chunk)
    })
    decoded.on('end', () => {
      if (settled) return
      settled = true
      resolve(text)
    })
  })

/**
 * The body as its decoded bytes: `res` itself, or `res` piped through one zlib stream per
 * `Content-Encoding` (applied in order, so undone last first). Null after `fail` for an encoding
 * zlib does not know. A zlib error (a body that is not what its header says) fails as `decode`.
 */
const decompress = (res: IncomingMessage, provider: string, fail: (e: unknown) => void): Readable | null => {
  const encodings = (res.headers['content-encoding'] ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== '' && e !== 'identity')
  let stream: Readable = res
  for (const encoding of encodings.reverse()) {
    const inflater = inflaterFor(encoding)
    if (inflater === null) {
      fail(undecodableBody(provider, `unsupported content-encoding ${JSON.stringify(encoding)}`))
      return null
    }
    inflater.on('error', (e: Error) => fail(undecodableBody(provider, `${encoding}: ${e.message}`)))
    stream = stream.pipe(inflater)
  }
  return stream
}

const inflaterFor = (encoding: string) => {
  if (encoding === 'gzip' || encoding === 'x-gzip') return createGunzip()
  if (encoding === 'br') return createBrotliDecompress()
  // HTTP's "deflate" is the zlib format (RFC 9110 §8.4.1.2); a raw deflate body fails as `decode`.
  if (encoding === 'deflate') return createInflate()
  return null
}

const toResponse = (res: IncomingMessage, body: BodyText): Response => {
  const status = res.statusCode ?? 0
  const headers: [string, string][] = []
  for (let i = 0; i < res.rawHeaders.length; i += 2) {
    headers.push([res.rawHeaders[i] as string, res.rawHeaders[i + 1] as string])
  }
  // The body is handed over as text on the response, not as a stream nobody reads.
  return new TextResponse(body, { status, statusText: res.statusMessage ?? '', headers })
}
