/**
 * Reading source (and target) objects for a migration: the listing, each object completed with
 * its line items when the listing left them out (as `planMigration` does, so both evaluate the
 * same object), and one object by id for verify.
 */
import type { PaymentLink } from '../model/payment-link.ts'
import type { PaymentProvider, ResourceName } from '../provider.ts'
import { withLineItems } from './plan-migration.ts'

/** One object as the migration reads it: an id, and a payment link's fields when it is one. */
export type SourceObject = { readonly id: string } & Partial<PaymentLink>

const needsItems = (p: PaymentProvider, resource: ResourceName, o: SourceObject): boolean =>
  resource === 'paymentLinks' &&
  o.lineItems === null &&
  p.capabilities.paymentLinks.operations['lineItems'] !== 'unsupported'

/** Every object of `resource` at `from` matching `filters`, with its line items. */
export async function* sourceObjects(
  from: PaymentProvider,
  resource: ResourceName,
  filters: Readonly<Record<string, unknown>>,
): AsyncGenerator<SourceObject> {
  const listing = from[resource].list(filters as never) as AsyncIterable<SourceObject>
  for await (const o of listing) {
    yield needsItems(from, resource, o) ? await withLineItems(from, o as PaymentLink) : o
  }
}

/** One object by id, with its line items. Rejects with the provider's `PaymuxError` (`not_found`). */
export const retrieveObject = async (
  p: PaymentProvider,
  resource: ResourceName,
  id: string,
  signal?: AbortSignal,
): Promise<SourceObject> => {
  const o = (await p[resource].retrieve(id, signal ? { signal } : {})) as SourceObject
  return needsItems(p, resource, o) ? withLineItems(p, o as PaymentLink, signal) : o
}
