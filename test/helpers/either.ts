/** Assertions on fp-ts values, typed so actual and expected share a type. */
import * as E from 'fp-ts/lib/Either.js'
import * as assert from 'uvu/assert'
import { isPaymuxError, type ErrorKind, type PaymuxError } from '@paymux/core/adapter'

export const assertRight = <A>(result: E.Either<unknown, A>): A => {
  if (E.isLeft(result)) {
    const l = result.left
    assert.unreachable(`expected Right, got Left: ${isPaymuxError(l) ? `${l.kind}: ${l.message}` : String(l)}`)
    throw new Error('unreachable')
  }
  return result.right
}

export const assertLeft = <A>(result: E.Either<PaymuxError, A>, kind: ErrorKind): PaymuxError => {
  if (E.isRight(result)) {
    assert.unreachable(`expected Left(${kind}), got Right: ${JSON.stringify(result.right)?.slice(0, 200)}`)
    throw new Error('unreachable')
  }
  assert.is(result.left.kind, kind, result.left.message)
  return result.left
}

/** Awaits a promise that must reject with a PaymuxError of `kind`. */
export const rejectsWith = async (p: Promise<unknown>, kind: ErrorKind): Promise<PaymuxError> => {
  try {
    await p
  } catch (e) {
    assert.ok(isPaymuxError(e), `expected a PaymuxError, got ${String(e)}`)
    assert.is((e as PaymuxError).kind, kind, (e as PaymuxError).message)
    return e as PaymuxError
  }
  assert.unreachable(`expected a rejection of kind ${kind}`)
  throw new Error('unreachable')
}

/** Calls a function that must throw a PaymuxError of `kind` synchronously. */
export const throwsWith = (fn: () => unknown, kind: ErrorKind): PaymuxError => {
  try {
    fn()
  } catch (e) {
    assert.ok(isPaymuxError(e), `expected a PaymuxError, got ${String(e)}`)
    assert.is((e as PaymuxError).kind, kind, (e as PaymuxError).message)
    return e as PaymuxError
  }
  assert.unreachable(`expected a throw of kind ${kind}`)
  throw new Error('unreachable')
}
