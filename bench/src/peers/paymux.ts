/**
 * paymux as a user writes it: the adapter (full io-ts decoding and normalization into neutral
 * objects), `for await` over the items of a listing. With consumer work the pages are iterated
 * instead, so the work is done once per page. With `partitions` the created range is split into
 * windows listed in parallel: core's `partitions` option, in any order, as an export would.
 */
import type {
  ClientHooks,
  ListQuery,
  Paginator,
  PartitionedListingSummary,
  PaymentProvider,
} from '@paymux/core/adapter'
import { priceblocs } from '@paymux/priceblocs'
import { wooshpay } from '@paymux/wooshpay'
import type { Job } from '../protocol.ts'
import { type Sink, sleep } from './sink.ts'
import { throttleCounter } from './throttle-counter.ts'

interface Dated {
  readonly id: string
  readonly createdAt: Date
}

/** PriceBlocs serves a fixed 20 objects per page. */
const PRICEBLOCS_PAGE = 20

export const providerOf = (job: Job, hooks?: ClientHooks): PaymentProvider => {
  const o = { apiKey: job.apiKey, baseUrl: job.baseUrl, ...(hooks ? { hooks } : {}) }
  return job.provider === 'wooshpay' ? wooshpay(o) : priceblocs(o)
}

export const listPaymux = async (
  job: Job,
  maxObjects: number | null,
  sink: Sink,
  notes: Record<string, number>,
): Promise<void> => {
  const provider = providerOf(job, job.countThrottled === true ? throttleCounter(notes) : undefined)
  const perPage = job.provider === 'wooshpay' ? job.pageSize : PRICEBLOCS_PAGE
  const query: ListQuery = {
    ...(job.provider === 'wooshpay' ? { pageSize: job.pageSize } : {}),
    ...(maxObjects === null ? {} : { maxPages: Math.ceil(maxObjects / perPage) }),
    ...(job.prefetch > 0 ? { prefetch: job.prefetch } : {}),
    ...(job.concurrency > 1 ? { concurrency: job.concurrency } : {}),
  }

  if (job.partitions > 0) {
    if (job.resource === 'paymentLinks') throw new Error('partitions need a resource that filters on created')
    let summary: PartitionedListingSummary | undefined
    const resource: { list(q: ListQuery): Paginator<Dated> } = provider[job.resource]
    const partitioned = resource.list({
      ...query,
      partitions: job.partitions,
      order: 'any',
      onSummary: (s) => (summary = s as PartitionedListingSummary),
    })
    for await (const page of partitioned.pages()) sink.page(page.items)
    // How the windows went, from the run's summary (windows, empty ones, objects dropped by splits).
    if (summary?.partitioned) Object.assign(notes, summary.partitioned)
    return
  }

  const resource: { list(q: ListQuery): Paginator<Dated> } = provider[job.resource]
  const paginator = resource.list(query)
  if (job.consumerMsPerPage > 0) {
    for await (const page of paginator.pages()) {
      sink.page(page.items)
      await sleep(job.consumerMsPerPage)
    }
    return
  }
  for await (const item of paginator) sink.item(item)
}
