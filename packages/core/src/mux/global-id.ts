/**
 * Global references: `wooshpay:pi_123`. Apps that hold objects from several providers can keep
 * one id column; the provider part never contains a colon, the id part may.
 */
import * as E from 'fp-ts/lib/Either.js'
import { PaymuxError } from '../errors.ts'

/** A global reference `provider:id`, split. */
export interface GlobalRef {
  readonly provider: string
  readonly id: string
}

const PROVIDER = /^[a-z][a-z0-9_-]*$/

/** Joins a provider id and an object id into a global reference `provider:id`. */
export const formatGlobalId = (provider: string, id: string): string => `${provider}:${id}`

/** Splits a global reference `provider:id`; `invalid_request` when it is not one. */
export const parseGlobalId = (ref: string): E.Either<PaymuxError, GlobalRef> => {
  const at = ref.indexOf(':')
  const provider = at > 0 ? ref.slice(0, at) : ''
  const id = ref.slice(at + 1)
  if (at <= 0 || !PROVIDER.test(provider) || id === '') {
    return E.left(
      new PaymuxError({
        kind: 'invalid_request',
        message: `not a global reference (provider:id): ${JSON.stringify(ref)}`,
      }),
    )
  }
  return E.right({ provider, id })
}
