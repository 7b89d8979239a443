/**
 * What `verifyMigration` compares: the fields the plan says were carried, between the source
 * object and the target's copy. Ids are the target's own (never compared); a catalogue target's
 * price ids are checked against the journal's price map instead. Pure.
 */
import type { LineItem } from '../model/line-item.ts'
import type { PaymentLink } from '../model/payment-link.ts'
import { MARKER_METADATA_KEY } from './migration-ids.ts'

type Reader = (l: PaymentLink) => unknown
const items = (l: PaymentLink): readonly LineItem[] => l.lineItems ?? []
const perItem =
  (f: (li: LineItem) => unknown): Reader =>
  (l) =>
    items(l).map(f)

/** Field -> how to read the comparable value; fields absent here are not compared. */
const READERS: Readonly<Record<string, Reader>> = {
  active: (l) => l.active,
  status: (l) => l.status,
  currency: (l) => l.currency,
  title: (l) => l.title,
  description: (l) => l.description,
  lineItems: (l) => items(l).length,
  'lineItems.description': perItem((li) => li.description),
  'lineItems.quantity': perItem((li) => li.quantity),
  'lineItems.price.unitAmount': perItem((li) => li.price?.unitAmount ?? null),
  'lineItems.price.recurring': perItem((li) => li.price?.recurring ?? null),
  'lineItems.amountSubtotal': perItem((li) => li.amountSubtotal),
  'lineItems.amountTotal': perItem((li) => li.amountTotal),
}

const withoutMarker = (m: Readonly<Record<string, string>>) =>
  Object.fromEntries(Object.entries(m).filter(([k]) => k !== MARKER_METADATA_KEY))

/** The carried fields on which `copy` differs from `source`; `priceMap` maps source price ids to target ones. */
export const differences = (
  source: PaymentLink,
  copy: PaymentLink,
  carried: readonly string[],
  priceMap: ((sourcePriceId: string) => string | null) | null,
): string[] => {
  const out: string[] = []
  for (const field of carried) {
    if (field === 'metadata') {
      const want = withoutMarker(source.metadata)
      const got = copy.metadata
      if (Object.entries(want).some(([k, v]) => got[k] !== v)) out.push(field)
      continue
    }
    if (field === 'lineItems.price' && priceMap !== null) {
      const want = items(source).map((li) => (li.price === null ? null : priceMap(li.price.id)))
      const got = items(copy).map((li) => li.price?.id ?? null)
      if (JSON.stringify(want) !== JSON.stringify(got)) out.push(field)
      continue
    }
    const read = READERS[field]
    if (read !== undefined && JSON.stringify(read(source)) !== JSON.stringify(read(copy))) out.push(field)
  }
  return out
}
