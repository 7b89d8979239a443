/**
 * One listing for `list` and `export`: a single provider's paginator, or for `--provider all`
 * the merged newest-first paginator of core's `paymux([...])` (composite checkpoints, so an
 * export of all providers resumes too). Providers without the resource are skipped with a
 * one-line note; a single provider without it is an `unsupported` error.
 */
import {
  paymux,
  type ListingOrder,
  type Paginator,
  type PaymentProvider,
  type ResourceCapabilities,
} from '@paymux/core'
import { PROVIDER_IDS, type ProviderId } from './args.ts'
import { CliError } from './cli-error.ts'
import type { Filters } from './filters.ts'
import type { NeutralObject } from './format/amount.ts'
import type { Io } from './io.ts'
import { entryOf, type Session } from './providers.ts'
import { RESOURCES, type CliResource } from './resources.ts'

type ListingCapabilities = NonNullable<ResourceCapabilities['listing']>

export interface Paging {
  /**
   * Wanted page size, lowered to what every provider involved accepts. Absent: each provider's
   * largest page (for `all`, core's merged pages of 100 over each provider's default).
   */
  readonly pageSize?: number
  readonly resumeFrom?: string
  readonly prefetch?: number
  /** Created windows listed at once (WooshPay payment intents and checkout sessions). */
  readonly partitions?: number
  readonly order?: ListingOrder
  /** Pages fetched at once (PriceBlocs). */
  readonly concurrency?: number
}

type AnyQuery = Parameters<PaymentProvider['paymentIntents']['list']>[0] &
  Parameters<PaymentProvider['paymentLinks']['list']>[0] &
  Parameters<PaymentProvider['checkoutSessions']['list']>[0]

/** The command-line option of each filter, for messages. */
const FILTER_FLAGS: Readonly<Record<keyof Filters, string>> = {
  created: '--created-gte/--created-lt',
  status: '--status',
}

/**
 * Refuses, before any request, a filter that a provider of the listing cannot apply (neither
 * server- nor client-side), naming the providers that can. The adapter would refuse it too,
 * but only the CLI knows which option to blame and what else to try.
 */
const checkFilters = (offering: readonly PaymentProvider[], resource: CliResource, filters: Filters): void => {
  const info = RESOURCES[resource]
  for (const name of Object.keys(filters) as (keyof Filters)[]) {
    const unable = offering.filter((p) => p.capabilities[info.key].filters[name] === 'unsupported')
    const first = unable[0]
    if (!first) continue
    const able = PROVIDER_IDS.filter((id) => !unable.some((p) => p.id === id) && offering.some((p) => p.id === id))
    throw new CliError(
      'unsupported',
      `${entryOf(first.id).label} cannot filter ${info.plural} by ${name}`,
      able.length > 0
        ? `drop ${FILTER_FLAGS[name]}, or use --provider ${able.join('|')}`
        : `drop ${FILTER_FLAGS[name]}`,
    )
  }
}

/** The listing bounds a provider declares for a resource (its capability manifest). */
export const listingOf = (
  p: Pick<PaymentProvider, 'capabilities'>,
  resource: CliResource,
): ListingCapabilities | undefined => p.capabilities[RESOURCES[resource].key].listing

const pageSizeFor = (
  which: ProviderId | 'all',
  offering: readonly PaymentProvider[],
  resource: CliResource,
  wanted: number | undefined,
): { pageSize?: number } => {
  // A provider that declares no bounds keeps its own default page size.
  const declared = offering.flatMap((p) => listingOf(p, resource)?.maxPageSize ?? [])
  const max = declared.length === offering.length ? Math.min(...declared) : undefined
  if (wanted !== undefined) return { pageSize: max === undefined ? wanted : Math.min(wanted, max) }
  return which === 'all' || max === undefined ? {} : { pageSize: max }
}

export const openListing = async (
  session: Session,
  io: Io,
  which: ProviderId | 'all',
  resource: CliResource,
  filters: Filters,
  paging: Paging,
): Promise<Paginator<NeutralObject>> => {
  const info = RESOURCES[resource]
  const ids = which === 'all' ? PROVIDER_IDS : [which]
  // One after the other, so the "built-in sandbox" notes always come in the same order.
  const providers: PaymentProvider[] = []
  for (const id of ids) providers.push(await session.provider(id))
  const offering = providers.filter((p) => p.capabilities[info.key].operations['list'] !== 'unsupported')
  for (const p of providers) {
    if (offering.includes(p)) continue
    if (which !== 'all') {
      throw new CliError('unsupported', `${entryOf(p.id).label} has no ${info.plural}`, 'try the other --provider')
    }
    io.stderr.write(`paymux: ${entryOf(p.id).label} has no ${info.plural}, skipped\n`)
  }
  if (offering.length === 0) {
    throw new CliError('unsupported', `no provider has ${info.plural}`, 'list another resource')
  }
  checkFilters(offering, resource, filters)
  // The status was checked against this resource's statuses by parseFilters.
  const query = {
    ...filters,
    ...pageSizeFor(which, offering, resource, paging.pageSize),
    ...(paging.resumeFrom !== undefined ? { resumeFrom: paging.resumeFrom } : {}),
    ...(paging.prefetch !== undefined ? { prefetch: paging.prefetch } : {}),
    ...(paging.partitions !== undefined ? { partitions: paging.partitions } : {}),
    ...(paging.order !== undefined ? { order: paging.order } : {}),
    ...(paging.concurrency !== undefined ? { concurrency: paging.concurrency } : {}),
    ...(io.signal ? { signal: io.signal } : {}),
  } as AnyQuery
  // `all` goes through core's merge even when one provider is left, so that the checkpoint of
  // an export always has the same (merged) scope whichever providers offer the resource.
  const source = which === 'all' ? paymux(offering) : (offering[0] as PaymentProvider)
  return source[info.key].list(query) as Paginator<NeutralObject>
}
