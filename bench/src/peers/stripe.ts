/**
 * What a user would pick instead: stripe-node pointed at the WooshPay sandbox (WooshPay is a
 * Stripe-shaped API), listing with `autoPagingEach` and `limit: 100`. Its default HTTP client
 * (node:http with a keep-alive agent) and its default options are used as they come.
 *
 * WooshPay lists checkout sessions at `/v1/checkout/sessions/list`; the sandbox's bench mode
 * (`acceptBearer`) also serves Stripe's `/v1/checkout/sessions` with the same handler, so
 * stripe-node's own `checkout.sessions.list` runs unchanged.
 */
import Stripe from 'stripe'
import type { Job } from '../protocol.ts'
import { type Sink, sleep } from './sink.ts'

export const listStripe = async (job: Job, maxObjects: number | null, sink: Sink): Promise<void> => {
  if (job.provider !== 'wooshpay') throw new Error('stripe-node speaks only the WooshPay (Stripe-shaped) API')
  const url = new URL(job.baseUrl)
  const stripe = new Stripe(job.apiKey, { host: url.hostname, port: Number(url.port), protocol: 'http' })
  const params = { limit: job.pageSize }
  const list =
    job.resource === 'paymentLinks'
      ? stripe.paymentLinks.list(params)
      : job.resource === 'paymentIntents'
        ? stripe.paymentIntents.list(params)
        : stripe.checkout.sessions.list(params)
  let inPage = 0
  await list.autoPagingEach((item: { readonly id: string }) => {
    sink.item(item)
    if (maxObjects !== null && sink.objects >= maxObjects) return false
    if (job.consumerMsPerPage > 0 && ++inPage === job.pageSize) {
      inPage = 0
      return sleep(job.consumerMsPerPage)
    }
    return undefined
  })
}
