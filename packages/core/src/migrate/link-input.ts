/**
 * A source payment link as the target's create input. Where the target has a catalogue (its
 * manifest supports creating products and prices) each line item points at a price the migration
 * made (`priceOf`); where it has none, the line item carries `priceData`. Only the fields the
 * target stores are sent (its manifest's `fields`), so the adapter never refuses a field.
 */
import type { LineItem } from '../model/line-item.ts'
import type { PaymentLink } from '../model/payment-link.ts'
import type { PaymentProvider } from '../provider.ts'
import type { LineItemInput, PaymentLinkCreate } from '../write/inputs.ts'
import type { TargetModel } from './evaluate.ts'
import { MARKER_METADATA_KEY } from './migration-ids.ts'

/** True when the target can hold products and prices of its own: links then point at prices. */
export const hasCatalogue = (to: PaymentProvider): boolean =>
  to.capabilities.products.operations['create'] === 'supported' &&
  to.capabilities.prices.operations['create'] === 'supported'

/** What a new product is called: the line item's description, else a name from the source price. */
export const productNameOf = (li: LineItem): string =>
  li.description !== null && li.description.trim() !== ''
    ? li.description
    : `Product ${li.price?.productId ?? li.price?.id ?? li.id}`

/** A line item's ad-hoc price. The evaluation has checked that the price has an amount. */
const priceDataOf = (li: LineItem): LineItemInput => {
  const p = li.price
  if (p === null || p.unitAmount === null) throw new Error(`line item ${li.id} has no priced amount`)
  return {
    priceData: {
      currency: p.currency,
      unitAmount: p.unitAmount,
      productName: productNameOf(li),
      ...(p.recurring === null
        ? {}
        : { recurring: { interval: p.recurring.interval, intervalCount: p.recurring.intervalCount } }),
    },
    quantity: li.quantity,
  }
}

const stores = (target: TargetModel, field: string): boolean => target.support[field] === 'supported'

/** The create input of `link` at the target; `priceOf` gives the target price of a line item (catalogue targets). */
export const linkInput = async (
  link: PaymentLink,
  target: TargetModel,
  catalogue: boolean,
  priceOf: (li: LineItem) => Promise<string>,
  successUrl: string | undefined,
): Promise<PaymentLinkCreate> => {
  const items: LineItemInput[] = []
  // In order: a catalogue target's prices are made one after the other (product -> price), each once.
  for (const li of link.lineItems ?? []) {
    items.push(catalogue ? { price: await priceOf(li), quantity: li.quantity } : priceDataOf(li))
  }
  const metadata = Object.fromEntries(Object.entries(link.metadata).filter(([k]) => k !== MARKER_METADATA_KEY))
  return {
    lineItems: items,
    ...(stores(target, 'title') && link.title !== null ? { title: link.title } : {}),
    ...(stores(target, 'description') && link.description !== null && link.description !== ''
      ? { description: link.description }
      : {}),
    ...(stores(target, 'metadata') && Object.keys(metadata).length > 0 ? { metadata } : {}),
    ...(successUrl === undefined ? {} : { successUrl }),
  }
}
