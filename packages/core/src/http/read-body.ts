/**
 * Reading a response body as text with a size cap, so a hostile server cannot exhaust memory.
 * The cap counts decoded bytes: a small compressed body that inflates past it is refused.
 */
import { PaymuxError } from '../errors.ts'
import { JsonTextDecoder } from './json-text.ts'

/**
 * A body as the transport reads it: its value as `JSON.parse` gives it, and its text, made only
 * when asked for (json-text.ts: characters above U+00FF may be `\u` escapes); the number of
 * bytes it was read from.
 */
export interface BodyText {
  readonly bytes: number
  /** The parsed value, or `JSON.parse`'s SyntaxError (a large body is parsed in parts: json-parse.ts). */
  parse(): unknown
  text(): string
}

/**
 * A response whose body a fetch already read, capped and decoded (the `node:http` fetch): the
 * text travels on the response itself, so it is never copied into a web stream and read back out.
 */
export class TextResponse extends Response {
  readonly bodyText: BodyText
  constructor(bodyText: BodyText, init: ResponseInit) {
    super(null, init)
    this.bodyText = bodyText
  }
}

export const readBodyCapped = async (response: Response, maxBytes: number, provider: string): Promise<BodyText> => {
  if (response instanceof TextResponse) return response.bodyText // read and capped by the node fetch already
  const declared = Number(response.headers.get('content-length') ?? '0')
  if (declared > maxBytes) throw bodyTooLarge(provider, maxBytes)
  if (!response.body) return new JsonTextDecoder()
  // The runtime's fetch hands over the body already decompressed, so this counts decoded bytes.
  const reader = response.body.getReader()
  const text = new JsonTextDecoder(declared)
  for (;;) {
    const { done, value } = await reader.read().catch((error: unknown) => {
      throw zlibFailure(provider, error) ?? error
    })
    if (done) break
    if (text.bytes + value.byteLength > maxBytes) {
      await reader.cancel().catch(() => undefined)
      throw bodyTooLarge(provider, maxBytes)
    }
    text.write(value)
  }
  return text
}

export const bodyTooLarge = (provider: string, maxBytes: number): PaymuxError =>
  new PaymuxError({
    kind: 'decode',
    provider,
    retryable: false,
    message: `response body exceeds maxResponseBytes (${maxBytes}, decoded); raise the option if this is expected`,
  })

/** The runtime's fetch reports a body zlib cannot inflate as a "terminated" TypeError caused by a zlib error. */
const zlibFailure = (provider: string, error: unknown): PaymuxError | null => {
  const cause = error instanceof Error ? error.cause : undefined
  const code = (cause as { code?: unknown } | undefined)?.code
  return typeof code === 'string' && /^(Z_|ERR_BROTLI|ERR__ZLIB)/.test(code) && cause instanceof Error
    ? undecodableBody(provider, cause.message)
    : null
}

/** A body that could not be decompressed: the provider sent something its headers do not describe. */
export const undecodableBody = (provider: string, why: string): PaymuxError =>
  new PaymuxError({ kind: 'decode', provider, retryable: false, message: `response body could not be decoded: ${why}` })
