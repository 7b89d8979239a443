/** Runs an io-ts codec and turns a failure into a `decode` PaymuxError with readable paths. */
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { PaymuxError } from './errors.ts'
import { redact } from './redact.ts'

const MAX_REPORTED = 5
const MAX_VALUE_CHARS = 60

/**
 * A short rendering of a refused value. Redacted before it is cut: a key the server echoed
 * into a field must vanish whole, not lose its tail to the cut and slip past redaction.
 */
const showValue = (value: unknown): string => {
  let text: string | undefined
  try {
    text = JSON.stringify(value)
  } catch {
    text = typeof value
  }
  return text === undefined ? 'undefined' : redact(text).slice(0, MAX_VALUE_CHARS)
}

/** `a.b.0.c: expected string, got 12` lines, at most five, values shortened. */
export const describeErrors = (errors: t.Errors): string => {
  const lines = errors.slice(0, MAX_REPORTED).map((e) => {
    const path = e.context
      .map((c) => c.key)
      .filter((k) => k !== '')
      .join('.')
    const expected = e.context[e.context.length - 1]?.type.name ?? 'value'
    return `${path || '<root>'}: expected ${expected}, got ${showValue(e.value)}`
  })
  const more = errors.length > MAX_REPORTED ? ` (+${errors.length - MAX_REPORTED} more)` : ''
  return lines.join('; ') + more
}

/**
 * Decodes `u` with `codec`; a failure is a non-retryable `decode` error naming `what`. A codec
 * that throws (a body nested deeper than the stack, a hostile getter) is a `decode` error too,
 * never an exception the transport would take for a network failure.
 */
export const decodeWith =
  <A>(codec: t.Decoder<unknown, A>, what: string, provider: string | null = null) =>
  (u: unknown): E.Either<PaymuxError, A> => {
    let r: t.Validation<A>
    try {
      r = codec.decode(u)
    } catch (cause) {
      return E.left(new PaymuxError({ kind: 'decode', provider, message: `could not read ${what}`, cause }))
    }
    return E.isRight(r)
      ? r
      : E.left(
          new PaymuxError({ kind: 'decode', provider, message: `could not read ${what}: ${describeErrors(r.left)}` }),
        )
  }

/**
 * Decodes with `codec`, then normalizes, as one transport decoder, so both run inside the retry
 * boundary. A normalizer that throws (it should not: its input is validated) is a `decode`
 * error naming `what`, never a retried network error and never an uncaught exception.
 */
export const decodeInto = <W, T>(
  codec: t.Decoder<unknown, W>,
  what: string,
  provider: string,
  normalize: (w: W) => T,
): ((u: unknown) => E.Either<PaymuxError, T>) => {
  const decode = decodeWith(codec, what, provider)
  return (body) => {
    const decoded = decode(body)
    if (E.isLeft(decoded)) return decoded
    try {
      return E.right(normalize(decoded.right))
    } catch (cause) {
      return E.left(new PaymuxError({ kind: 'decode', provider, message: `could not normalize ${what}`, cause }))
    }
  }
}
