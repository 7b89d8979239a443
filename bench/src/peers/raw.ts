/**
 * The practical limit: Node's own `fetch` and `JSON.parse`, the same loop as the adapters (cursor
 * for WooshPay, page numbers for PriceBlocs), no validation, no normalization, no retries.
 */
import type { Job, Resource } from '../protocol.ts'
import { type Sink, sleep } from './sink.ts'

const WOOSHPAY_PATHS: Readonly<Record<Resource, string>> = {
  paymentLinks: '/v1/payment_links',
  paymentIntents: '/v1/payment_intents',
  checkoutSessions: '/v1/checkout/sessions/list',
}

const PRICEBLOCS_PATHS: Readonly<Partial<Record<Resource, string>>> = {
  paymentLinks: '/v1/payment-links',
  checkoutSessions: '/v1/checkouts',
}

interface WireList {
  readonly data: readonly { readonly id: string }[] | { readonly id: string }
  readonly has_more: boolean
}

const getJson = async (url: string, authorization: string): Promise<WireList> => {
  const res = await fetch(url, { headers: { authorization, accept: 'application/json' } })
  const text = await res.text()
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${text.slice(0, 200)}`)
  return JSON.parse(text) as WireList
}

export const listRaw = async (job: Job, maxObjects: number | null, sink: Sink): Promise<void> => {
  if (job.provider === 'wooshpay') {
    const auth = `Basic ${Buffer.from(`${job.apiKey}:`).toString('base64')}`
    const base = `${job.baseUrl}${WOOSHPAY_PATHS[job.resource]}?limit=${job.pageSize}`
    let after: string | null = null
    for (;;) {
      const body = await getJson(after === null ? base : `${base}&starting_after=${encodeURIComponent(after)}`, auth)
      const data = body.data as readonly { readonly id: string }[]
      sink.page(data)
      if (job.consumerMsPerPage > 0) await sleep(job.consumerMsPerPage)
      if (!body.has_more || data.length === 0 || (maxObjects !== null && sink.objects >= maxObjects)) return
      after = (data[data.length - 1] as { id: string }).id
    }
  }
  const path = PRICEBLOCS_PATHS[job.resource]
  if (!path) throw new Error(`PriceBlocs has no ${job.resource}`)
  const auth = `Bearer ${job.apiKey}`
  for (let page = 1; ; page++) {
    const body = await getJson(`${job.baseUrl}${path}?page=${page}`, auth)
    // Quirk 26: a page of one object carries it as `data` itself.
    const data = Array.isArray(body.data) ? body.data : [body.data as { readonly id: string }]
    sink.page(data)
    if (job.consumerMsPerPage > 0) await sleep(job.consumerMsPerPage)
    if (!body.has_more || (maxObjects !== null && sink.objects >= maxObjects)) return
  }
}
