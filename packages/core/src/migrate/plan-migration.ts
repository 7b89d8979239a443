/**
 * `planMigration(from, to, resource)`: reads every object of `resource` from `from` (one listing,
 * each object once) and says, per object and in total, what `to` could hold of it, from the field
 * declaration in `to.capabilities`. Nothing is written and `to` is never called: the target's
 * manifest is all the plan needs. A listing failure rejects with the listing's `PaymuxError`.
 */
import type { LineItem } from '../model/line-item.ts'
import type { PaymentLink } from '../model/payment-link.ts'
import type { Paginator } from '../paging/types.ts'
import type { PaymentProvider, ResourceName } from '../provider.ts'
import { planObject, targetModel } from './evaluate.ts'
import { ASSIGNED_BY_TARGET } from '../model/fields.ts'
import type { FieldTally, MigrationEntry, MigrationPlan, PlanOptions } from './types.ts'

const DEFAULT_DETAIL = 1000

interface Counter {
  carried: number
  dropped: number
}

/** The source's listing, as one item type: the plan reads ids and neutral fields only. */
const listingOf = (from: PaymentProvider, resource: ResourceName, signal?: AbortSignal): Paginator<{ id: string }> => {
  const query = signal ? { signal } : {}
  return from[resource].list(query) as Paginator<{ id: string }>
}

/**
 * A link listed without its line items (a provider may embed only a few) gets them from
 * `lineItems(id)`, so that line-item fields and requirements are checked on every item rather
 * than guessed. Costs one listing per such link.
 */
export const withLineItems = async (
  from: PaymentProvider,
  link: PaymentLink,
  signal?: AbortSignal,
): Promise<PaymentLink> => {
  const items: LineItem[] = []
  for await (const li of from.paymentLinks.lineItems(link.id, signal ? { signal } : {})) items.push(li)
  return { ...link, lineItems: items }
}

export const planMigration = async (
  from: PaymentProvider,
  to: PaymentProvider,
  resource: ResourceName,
  opts: PlanOptions = {},
): Promise<MigrationPlan> => {
  const target = targetModel(to, resource)
  const detail = opts.detail ?? DEFAULT_DETAIL
  const max = opts.max ?? Number.POSITIVE_INFINITY
  const fetchLineItems =
    resource === 'paymentLinks' &&
    target.blocked === null &&
    from.capabilities.paymentLinks.operations['lineItems'] !== 'unsupported'

  const counters = new Map<string, Counter>(target.fields.map((f) => [f, { carried: 0, dropped: 0 }]))
  const reasons = new Map<string, number>()
  const objects: MigrationEntry[] = []
  let read = 0
  let migratable = 0
  let lossless = 0
  let lineItemsFetched = 0
  let complete = true

  for await (const item of listingOf(from, resource, opts.signal)) {
    if (read >= max) {
      // Leaving the loop ends the listing (the paginator aborts what is in flight).
      complete = false
      break
    }
    read += 1
    let object: { id: string } = item
    if (fetchLineItems && (item as PaymentLink).lineItems === null) {
      object = await withLineItems(from, item as PaymentLink, opts.signal)
      lineItemsFetched += 1
    }
    const entry = planObject(object, target)
    for (const f of entry.carried) (counters.get(f) as Counter).carried += 1
    for (const f of entry.dropped) (counters.get(f) as Counter).dropped += 1
    for (const r of entry.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1)
    if (entry.migratable) {
      migratable += 1
      if (entry.dropped.length === 0) lossless += 1
    }
    if (objects.length < detail) objects.push(entry)
    opts.onObject?.(entry)
  }

  const fields: Record<string, FieldTally> = {}
  for (const [f, c] of counters) {
    fields[f] = {
      support: target.support[f] ?? 'unsupported',
      present: c.carried + c.dropped,
      carried: c.carried,
      dropped: c.dropped,
    }
  }
  return {
    from: from.id,
    to: to.id,
    resource,
    complete,
    blocked: target.blocked,
    assignedByTarget: ASSIGNED_BY_TARGET[resource],
    totals: { objects: read, migratable, lossless, notMigratable: read - migratable },
    fields,
    reasons: Object.fromEntries([...reasons].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))),
    objects,
    objectsOmitted: read - objects.length,
    lineItemsFetched,
  }
}
