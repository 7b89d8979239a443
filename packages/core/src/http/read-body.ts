/** Reads a response body as text with a size cap, so a hostile server cannot exhaust memory. */
import { PaymuxError } from '../errors.ts'
import { preReadText } from './node-fetch.ts'

export const readBodyCapped = async (response: Response, maxBytes: number, provider: string): Promise<string> => {
  const text = preReadText(response)
  if (text !== undefined) return text // read and capped by the node fetch already
  const declared = Number(response.headers.get('content-length') ?? '0')
  if (declared > maxBytes) throw bodyTooLarge(provider, maxBytes)
  if (!response.body) return ''
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined)
      throw bodyTooLarge(provider, maxBytes)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks, size).toString('utf8')
}

export const bodyTooLarge = (provider: string, maxBytes: number): PaymuxError =>
  new PaymuxError({
    kind: 'decode',
    provider,
    retryable: false,
    message: `response body exceeds maxResponseBytes (${maxBytes}); raise the option if this is expected`,
  })
