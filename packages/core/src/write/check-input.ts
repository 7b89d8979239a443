/** Checks a write's input with its codec before any request: `invalid_request` naming the field. */
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { describeErrors } from '../decode.ts'
import { PaymuxError } from '../errors.ts'

/**
 * @example checkInput(PaymentLinkCreate, 'payment link', 'wooshpay')(input)
 * // Left(invalid_request: "invalid payment link: lineItems.0.quantity: expected positive integer, got 0")
 */
export const checkInput =
  <A, O>(codec: t.Type<A, O, unknown>, what: string, provider: string | null = null) =>
  (input: unknown): E.Either<PaymuxError, A> => {
    const r = codec.decode(input)
    return E.isRight(r)
      ? r
      : E.left(
          new PaymuxError({ kind: 'invalid_request', provider, message: `invalid ${what}: ${describeErrors(r.left)}` }),
        )
  }
