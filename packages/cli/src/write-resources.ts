/**
 * The resources the write commands take, by command-line name (Stripe's underscores accepted),
 * and which command may write which: `update` and `delete` only payment links, `expire` only
 * checkout sessions, the intent actions only payment intents.
 */
import type { PaymentProvider } from '@paymux/core'
import { usageError } from './cli-error.ts'
import { closest } from './suggest.ts'

export const WRITE_RESOURCES = {
  'payment-links': 'paymentLinks',
  'checkout-sessions': 'checkoutSessions',
  'payment-intents': 'paymentIntents',
  refunds: 'refunds',
  products: 'products',
  prices: 'prices',
} as const satisfies Record<string, keyof PaymentProvider>
export type WriteResource = keyof typeof WRITE_RESOURCES

const NAMES = Object.keys(WRITE_RESOURCES) as WriteResource[]

/** `name` as one of `allowed`; a known resource the command does not write says which it does. */
export const parseWriteResource = (name: string, allowed: readonly WriteResource[], command: string): WriteResource => {
  const dashed = name.replace(/_/g, '-')
  if ((allowed as readonly string[]).includes(dashed)) return dashed as WriteResource
  if ((NAMES as readonly string[]).includes(dashed)) {
    throw usageError(`paymux ${command} does not take ${dashed}`, `use ${allowed.join(' | ')}`)
  }
  const guess = closest(dashed, allowed)
  throw usageError(
    `unknown resource ${JSON.stringify(name)}`,
    guess ? `did you mean ${guess}?` : `use one of ${allowed.join(', ')}`,
  )
}
