/**
 * The listing filters `list` and `export` share (`--created-gte`, `--created-lt`, `--status`),
 * checked here once, before any provider is contacted.
 */
import type { CreatedRange } from '@paymux/core'
import { parseDate, str, type OptionSpecs, type Parsed } from './args.ts'
import { usageError } from './cli-error.ts'
import { RESOURCES, type CliResource } from './resources.ts'

export const FILTER_OPTIONS = {
  'created-gte': { type: 'string' },
  'created-lt': { type: 'string' },
  status: { type: 'string' },
} as const satisfies OptionSpecs

export interface Filters {
  readonly created?: CreatedRange
  /** One of the resource's neutral statuses; the query types narrow it per resource. */
  readonly status?: string
}

/** The filters as plain JSON, e.g. for an export's checkpoint file. */
export type FiltersJson = { readonly createdGte?: string; readonly createdLt?: string; readonly status?: string }

export const parseFilters = (p: Parsed, resource: CliResource): Filters => {
  const gteText = str(p, 'created-gte')
  const ltText = str(p, 'created-lt')
  const status = str(p, 'status')
  const gte = gteText === undefined ? undefined : parseDate('--created-gte', gteText)
  const lt = ltText === undefined ? undefined : parseDate('--created-lt', ltText)
  if (gte && lt && gte.getTime() >= lt.getTime()) {
    throw usageError('--created-gte must be before --created-lt', 'the range would be empty')
  }
  const statuses = RESOURCES[resource].statuses
  if (status !== undefined && !statuses.includes(status)) {
    throw usageError(
      `unknown ${RESOURCES[resource].singular} status ${JSON.stringify(status)}`,
      `use one of ${statuses.join(', ')}`,
    )
  }
  const created: CreatedRange | undefined = gte || lt ? { ...(gte ? { gte } : {}), ...(lt ? { lt } : {}) } : undefined
  return { ...(created ? { created } : {}), ...(status !== undefined ? { status } : {}) }
}

export const filtersToJson = (f: Filters): FiltersJson => {
  const iso = (d: Date | number | undefined) =>
    d === undefined ? undefined : (d instanceof Date ? d : new Date(d * 1000)).toISOString()
  const createdGte = iso(f.created?.gte)
  const createdLt = iso(f.created?.lt)
  return {
    ...(createdGte !== undefined ? { createdGte } : {}),
    ...(createdLt !== undefined ? { createdLt } : {}),
    ...(f.status !== undefined ? { status: f.status } : {}),
  }
}
