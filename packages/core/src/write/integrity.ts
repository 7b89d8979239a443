/**
 * Integrity of a write's answer: the object the provider returns must carry what was asked
 * for (amount, currency, how many line items). A provider that answers with something else
 * (a proxy replaying another request's answer, a key collision, a bug) must not pass as success.
 */
import { PaymuxError } from '../errors.ts'

/** One value the answer must carry: `sent` is what the request asked for, `got` what came back. */
export interface Expectation {
  /** Neutral field, e.g. `amount.amount` or `lineItems.length`. */
  readonly field: string
  readonly sent: unknown
  readonly got: unknown
}

const same = (a: unknown, b: unknown): boolean =>
  typeof a === 'string' && typeof b === 'string' ? a.toUpperCase() === b.toUpperCase() : Object.is(a, b)

/**
 * The first expectation the answer breaks, as an `integrity_mismatch` error naming the object
 * (it exists at the provider: the caller must look at it), or null when all hold.
 * @example checkExpectations('acme', 'create of payment intents', 'pi_1', [{ field: 'amount.amount', sent: 1000, got: 100 }])
 */
export const checkExpectations = (
  provider: string,
  what: string,
  objectId: string | null,
  expectations: readonly Expectation[],
): PaymuxError | null => {
  const broken = expectations.find((e) => !same(e.sent, e.got))
  if (broken === undefined) return null
  const where = objectId === null ? '' : ` (object ${objectId} exists at ${provider}: check it)`
  return new PaymuxError({
    kind: 'integrity_mismatch',
    provider,
    retryable: false,
    message: `${provider} answered the ${what} with ${broken.field} ${JSON.stringify(broken.got)} where ${JSON.stringify(broken.sent)} was sent${where}`,
  })
}
