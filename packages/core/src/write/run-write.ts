/**
 * `runWrite`: the one path every adapter write takes, so every provider refuses, keys, settles
 * and checks writes the same way:
 * 1. an operation the manifest does not mark `supported` is `unsupported`, with no request;
 * 2. the input is checked with its codec (`invalid_request` naming the field), and a field the
 *    provider cannot store (the manifest's `fields`) is refused, never dropped;
 * 3. one idempotency key for the whole call (the caller's, or a fresh one), reused on every
 *    attempt; a call of several requests derives one key per step from it;
 * 4. a failure after which the write may have happened is `outcome_unknown`, saying how to settle it;
 * 5. the answer is checked against the request (`integrity_mismatch`).
 */
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { PaymuxError, isPaymuxError } from '../errors.ts'
import { PLURAL } from '../model/fields.ts'
import type { AnyResourceName } from '../model/resource.ts'
import type { CapabilityManifest, WriteOptions } from '../provider.ts'
import { mayHaveHappened } from './ambiguity.ts'
import { checkInput } from './check-input.ts'
import { fitKey, newIdempotencyKey, stepKey } from './idempotency.ts'
import { checkExpectations, type Expectation } from './integrity.ts'

/** What a write's `send` gets besides its checked input. */
export interface WriteContext {
  /** The key to send with a one-request write; null when the provider takes no keys. */
  readonly key: string | null
  /** The key of one named step of a call made of several requests (`product:0`); null without keys. */
  step(name: string): string | null
  readonly signal: AbortSignal | undefined
}

/** How a provider takes idempotency keys. */
export interface IdempotencyKeyRule {
  /** The longest key it accepts; longer ones are hashed (`fitKey`). */
  readonly maxLength: number
}

/** One write of an adapter, described for `runWrite`. */
export interface WriteCall<I, A> {
  readonly provider: string
  readonly capabilities: CapabilityManifest
  readonly resource: AnyResourceName
  /** The manifest's operation name: `create`, `update`, `capture`, ... */
  readonly operation: string
  /** The input's codec; none for writes that take no input (`expire`). */
  readonly codec?: t.Type<I, unknown, unknown>
  readonly input?: unknown
  readonly opts?: WriteOptions | undefined
  /** Input key -> the neutral field it sets, where the names differ; other keys are the field's own name. */
  readonly fieldOf?: Readonly<Record<string, string>>
  /** The provider's key rule, or null when it takes no idempotency keys. */
  readonly keys: IdempotencyKeyRule | null
  /**
   * True for writes that may be sent again blindly (a PUT that sets fields, a DELETE): their
   * ambiguous failures stay as the transport reported them instead of `outcome_unknown`.
   */
  readonly repeatable?: boolean
  /** Without keys: how the caller finds out whether an ambiguous write happened. */
  readonly settle?: string
  /** Sends the write (the adapter's requests). Rejects with a `PaymuxError`. */
  readonly send: (input: I, ctx: WriteContext) => Promise<A>
  /** What the answer must carry; checked after a success. */
  readonly expect?: (input: I, result: A) => readonly Expectation[]
}

const invalid = (provider: string, message: string) => new PaymuxError({ kind: 'invalid_request', provider, message })

/** A caller's key: a non-empty string of printable characters (it travels in a header). */
const checkKey = (provider: string, key: unknown): PaymuxError | null =>
  key === undefined
    ? null
    : typeof key === 'string' && key.length > 0 && /^[\x21-\x7e]+$/.test(key)
      ? null
      : invalid(provider, 'idempotencyKey must be a non-empty string of printable ASCII characters without spaces')

const idOf = (result: unknown): string | null => {
  const id = (result as { id?: unknown } | null)?.id
  return typeof id === 'string' ? id : null
}

/** Runs one adapter write through the checks above. Rejects with a `PaymuxError`. */
export const runWrite = async <I, A>(call: WriteCall<I, A>): Promise<A> => {
  const { provider, resource, operation } = call
  const what = `${operation} of ${PLURAL[resource]}`
  if (call.capabilities[resource].operations[operation] !== 'supported') {
    throw new PaymuxError({ kind: 'unsupported', provider, message: `${provider} does not support ${what}` })
  }
  const keyError = checkKey(provider, call.opts?.idempotencyKey)
  if (keyError) throw keyError
  let input = undefined as I
  if (call.codec !== undefined) {
    const checked = checkInput(call.codec, `${what} input`, provider)(call.input ?? {})
    if (E.isLeft(checked)) throw checked.left
    input = checked.right
  }
  const fields = call.capabilities[resource].fields as Readonly<Record<string, string>> | undefined
  for (const key of Object.keys((input ?? {}) as object)) {
    const field = call.fieldOf?.[key] ?? key
    if (fields?.[field] === 'unsupported') {
      throw invalid(provider, `${provider} cannot store ${key} on ${PLURAL[resource]}; leave it out`)
    }
  }
  const callKey = call.keys === null ? null : (call.opts?.idempotencyKey ?? newIdempotencyKey())
  const rule = call.keys
  const ctx: WriteContext = {
    key: callKey === null || rule === null ? null : fitKey(callKey, rule.maxLength),
    step: (name) => (callKey === null || rule === null ? null : stepKey(callKey, name, rule.maxLength)),
    signal: call.opts?.signal,
  }
  let result: A
  try {
    result = await call.send(input, ctx)
  } catch (e) {
    if (!isPaymuxError(e)) throw e
    throw settleable(e, call, what, callKey)
  }
  const broken = call.expect ? checkExpectations(provider, what, idOf(result), call.expect(input, result)) : null
  if (broken) throw broken.with({ idempotencyKey: callKey })
  return result
}

/** The error a failed write ends with: `outcome_unknown` when it may have happened. */
const settleable = <I, A>(e: PaymuxError, call: WriteCall<I, A>, what: string, callKey: string | null): PaymuxError => {
  if (call.repeatable === true || !mayHaveHappened(e)) return e.with({ idempotencyKey: callKey })
  const how =
    callKey !== null
      ? `send the same call again with idempotencyKey "${callKey}": ${call.provider} answers with the first outcome instead of writing twice`
      : (call.settle ?? `look for the object at ${call.provider} before trying again: a new call could write it twice`)
  return e.with({
    kind: 'outcome_unknown',
    retryable: false,
    idempotencyKey: callKey,
    message: `the ${what} may or may not have happened (${e.message}); to settle it, ${how}`,
    cause: e,
  })
}
