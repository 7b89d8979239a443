/**
 * `formatMigrationPlan(plan)`: the plan as a short human summary (totals, one row per field,
 * the reasons objects cannot go, a few example ids). The JSON form is the plan object itself.
 */
import { PLURAL } from '../model/fields.ts'
import type { MigrationPlan } from './types.ts'

/** Example ids shown per summary: enough to look one up, not a listing. */
const EXAMPLES = 5

const pad = (s: string, n: number): string => s.padEnd(n)
const num = (n: number, width: number): string => String(n).padStart(width)

const fieldTable = (plan: MigrationPlan): string[] => {
  const names = Object.keys(plan.fields)
  const w = Math.max(5, ...names.map((n) => n.length)) + 2
  const target = plan.to.toUpperCase()
  const lines = [`${pad('FIELD', w)}${pad(target, target.length + 2)}WITH A VALUE  DROPPED`]
  for (const name of names) {
    const t = plan.fields[name]
    if (!t) continue
    const stores = t.support === 'supported' ? 'stores' : 'no'
    lines.push(`${pad(name, w)}${pad(stores, target.length + 2)}${num(t.present, 12)}  ${num(t.dropped, 7)}`)
  }
  return lines
}

/** Renders a migration plan as the CLI's plain-text summary. */
export const formatMigrationPlan = (plan: MigrationPlan): string => {
  const { totals } = plan
  const what = PLURAL[plan.resource]
  const out: string[] = [
    `Migration plan: ${what}, ${plan.from} -> ${plan.to} (dry run: nothing written)`,
    `${totals.objects} read: ${totals.migratable} migratable (${totals.lossless} without loss), ` +
      `${totals.notMigratable} not migratable`,
  ]
  if (!plan.complete) out.push(`Stopped after ${totals.objects} ${what} (max): the source has more.`)
  if (plan.blocked !== null) {
    out.push(`Nothing can be migrated: ${plan.blocked}.`)
    return `${out.join('\n')}\n`
  }

  out.push('', ...fieldTable(plan))
  out.push('')
  const dropped = Object.entries(plan.fields).filter(([, t]) => t.dropped > 0)
  if (dropped.length > 0) {
    out.push(`Dropped (${plan.to} cannot store them): ${dropped.map(([f, t]) => `${f} (${t.dropped})`).join(', ')}`)
  }
  out.push(`Set by ${plan.to} itself, not carried: ${plan.assignedByTarget.join(', ')}`)
  if (plan.lineItemsFetched > 0) {
    out.push(`Line items listed separately for ${plan.lineItemsFetched} links (the listing did not include them).`)
  }

  const reasons = Object.entries(plan.reasons)
  if (reasons.length > 0) {
    const w = Math.max(...reasons.map(([, n]) => String(n).length))
    // An object can have several reasons, so the counts may add up to more than the total.
    out.push('', 'Not migratable (objects per reason):', ...reasons.map(([r, n]) => `  ${num(n, w)}  ${r}`))
    const examples = plan.objects.filter((e) => !e.migratable).slice(0, EXAMPLES)
    if (examples.length > 0) {
      out.push('For example:', ...examples.map((e) => `  ${e.id}: ${e.reasons.join('; ')}`))
    }
  }
  return `${out.join('\n')}\n`
}
