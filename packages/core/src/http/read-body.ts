/** Reads a response body as text with a size cap, so a hostile server cannot exhaust memory. */
import { PaymuxError } from '../errors.ts'

export const readBodyCapped = async (response: Response, maxBytes: number, provider: string): Promise<string> => {
  const declared = Number(response.headers.get('content-length') ?? '0')
  if (declared > maxBytes) throw tooLarge(provider, maxBytes)
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
      throw tooLarge(provider, maxBytes)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks, size).toString('utf8')
}

const tooLarge = (provider: string, maxBytes: number): PaymuxError =>
  new PaymuxError({
    kind: 'decode',
    provider,
    retryable: false,
    message: `response body exceeds maxResponseBytes (${maxBytes}); raise the option if this is expected`,
  })
