/**
 * Decode and normalize in one step, as the transport's `decode` (so both run inside its retry
 * boundary). A codec failure is a `decode` error naming what was read; a normalizer that throws
 * (it should not: its input is validated) is a `decode` error too, never a retried network error.
 */
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { PaymuxError, decodeWith, type Decoder } from '@paymux/core'
import { PROVIDER } from './capabilities.ts'

export const decodeInto = <W, T>(codec: t.Type<W, W, unknown>, what: string, normalize: (w: W) => T): Decoder<T> => {
  const decode = decodeWith(codec, what, PROVIDER)
  return (body) => {
    const decoded = decode(body)
    if (E.isLeft(decoded)) return decoded
    try {
      return E.right(normalize(decoded.right))
    } catch (cause) {
      return E.left(
        new PaymuxError({ kind: 'decode', provider: PROVIDER, message: `could not normalize ${what}`, cause }),
      )
    }
  }
}
