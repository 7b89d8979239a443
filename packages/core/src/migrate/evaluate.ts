/**
 * One object against the target's declared data model: which of its fields would be carried,
 * which dropped, and what (if anything) stops it from being migrated. Pure: no I/O. Reasons are
 * worded without object-specific data (ids, amounts) so that they can be counted across a listing.
 */
import type { FieldSupport, PaymentProvider, ResourceName } from '../provider.ts'
import { MIGRATION_FIELDS, PLURAL, readField } from '../model/fields.ts'
import type { MigrationEntry } from './types.ts'

/** The target's declaration for one resource, read once per plan. */
export interface TargetModel {
  readonly id: string
  readonly resource: ResourceName
  readonly fields: readonly string[]
  /** Why the target can hold no object of the resource, else null. */
  readonly blocked: string | null
  readonly support: Readonly<Record<string, FieldSupport>>
  readonly values: Readonly<Record<string, readonly string[] | undefined>>
  readonly required: readonly string[]
  readonly maxAmount: Readonly<Record<string, number | undefined>>
}

export const targetModel = (to: PaymentProvider, resource: ResourceName): TargetModel => {
  // Widened: each resource has its own field names, the checks below treat them as strings.
  const caps = to.capabilities[resource] as {
    readonly operations: Readonly<Record<string, string>>
    readonly fields?: Readonly<Record<string, FieldSupport>>
    readonly values?: Readonly<Record<string, readonly string[] | undefined>>
    readonly required?: readonly string[]
    readonly maxAmount?: Readonly<Record<string, number | undefined>>
  }
  const fields: readonly string[] = MIGRATION_FIELDS[resource]
  const ops = Object.values(caps.operations)
  const absent = ops.length > 0 && ops.every((s) => s === 'unsupported')
  const blocked = absent
    ? `${to.id} has no ${PLURAL[resource]}`
    : caps.fields === undefined
      ? `${to.id} declares no fields for ${PLURAL[resource]}`
      : null
  const support: Record<string, FieldSupport> = {}
  // An undeclared field is unsupported: a plan never promises what the adapter did not declare.
  for (const f of fields) support[f] = blocked === null ? (caps.fields?.[f] ?? 'unsupported') : 'unsupported'
  return {
    id: to.id,
    resource,
    fields,
    blocked,
    support,
    values: caps.values ?? {},
    required: caps.required ?? [],
    maxAmount: caps.maxAmount ?? {},
  }
}

/**
 * What stops a copy beyond the target's data model, so that `planMigration` and `applyMigration`
 * refuse the same objects:
 * - checkout sessions and payment intents record payments: a copy would not carry the payment,
 *   and creating one at the target could charge a buyer again (Ghost's recreated subscriptions);
 * - a link's prices are created anew at the target (a price id of one provider means nothing to
 *   another), and a new price needs its unit amount: a line item whose price has none cannot go.
 */
const writeReasons = (object: { readonly id: string }, target: TargetModel): string[] => {
  if (target.resource !== 'paymentLinks') {
    return [`${PLURAL[target.resource]} are records of payments: a copy would not carry the payment`]
  }
  const items = (object as { lineItems?: readonly { price: { unitAmount: number | null } | null }[] | null }).lineItems
  const unpriced = (items ?? []).some((li) => li.price !== null && li.price.unitAmount === null)
  return unpriced ? [`lineItems.price.unitAmount missing on a line item: a new price at ${target.id} needs it`] : []
}

const isMoney = (v: unknown): v is { amount: number; currency: string } =>
  typeof v === 'object' && v !== null && typeof (v as { amount?: unknown }).amount === 'number'

/** The string a value list constrains: the value itself, or a money value's currency. */
const constrained = (v: unknown): string | null => (typeof v === 'string' ? v : isMoney(v) ? v.currency : null)

const amountOf = (v: unknown): number | null => (typeof v === 'number' ? v : isMoney(v) ? v.amount : null)

export const planObject = (object: { readonly id: string }, target: TargetModel): MigrationEntry => {
  const carried: string[] = []
  const dropped: string[] = []
  const reasons = new Set<string>()
  if (target.blocked !== null) reasons.add(target.blocked)
  for (const field of target.fields) {
    const reading = readField(object, field)
    const supported = target.support[field] === 'supported'
    if (target.blocked === null && target.required.includes(field) && reading.missing > 0) {
      reasons.add(`${field} missing${field.includes('.') ? ' on a line item' : ''}: ${target.id} requires it`)
    }
    if (reading.values.length === 0) continue
    ;(supported ? carried : dropped).push(field)
    if (!supported) continue
    const allowed = target.values[field]
    const max = target.maxAmount[field]
    for (const v of reading.values) {
      const s = allowed === undefined ? null : constrained(v)
      if (allowed !== undefined && s !== null && !allowed.includes(s)) {
        // `unknown` stands for a source value paymux does not recognise (kept in `raw`).
        const what =
          s === 'unknown' ? `${field} unknown (a source value paymux does not know)` : `${field} ${JSON.stringify(s)}`
        reasons.add(`${what}: ${target.id} holds only ${allowed.join(', ')}`)
      }
      const amount = max === undefined ? null : amountOf(v)
      if (max !== undefined && amount !== null && amount > max) {
        reasons.add(`${field} above ${max} (minor units): ${target.id}'s maximum`)
      }
    }
  }
  if (target.blocked === null) for (const r of writeReasons(object, target)) reasons.add(r)
  return { id: object.id, migratable: reasons.size === 0, carried, dropped, reasons: [...reasons] }
}
