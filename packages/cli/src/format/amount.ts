/**
 * The one amount shown for an object in a table: what a payment intent asks for, what a
 * checkout session totals, and for a payment link the sum of its line items (links carry no
 * amount of their own, and PriceBlocs sends none at all).
 */
import { formatMoney, type CheckoutSession, type Money, type PaymentIntent, type PaymentLink } from '@paymux/core'

export type NeutralObject = PaymentLink | CheckoutSession | PaymentIntent

/** Sum of money values in one currency; null when any is missing or currencies differ. */
const sum = (values: readonly (Money | null)[]): Money | null => {
  const first = values[0]
  if (!first) return null
  let amount = 0
  for (const v of values) {
    if (v === null || v.currency !== first.currency) return null
    amount += v.amount
  }
  return Number.isSafeInteger(amount) ? { amount, currency: first.currency } : null
}

export const amountOf = (o: NeutralObject): Money | null => {
  switch (o.object) {
    case 'payment_intent':
      return o.amount
    case 'checkout_session':
      return o.amountTotal ?? o.amountSubtotal
    case 'payment_link':
      return o.lineItems ? sum(o.lineItems.map((li) => li.amountTotal)) : null
  }
}

/** `10.99 USD`, `1000 JPY`, `1.500 KWD`, or `-` when there is no amount. */
export const formatAmount = (m: Money | null): string => (m ? formatMoney(m) : '-')
