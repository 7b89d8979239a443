/** Clients of the misbehaving servers: no retries and no real waiting, so failures show at once. */
import type { PaymentProvider } from '@paymux/core'
import { priceblocs } from '@paymux/priceblocs'
import { wooshpay, type WooshpayProvider } from '@paymux/wooshpay'
import type { PriceblocsLike } from './priceblocs-like.ts'
import type { WooshpayLike } from './wooshpay-like.ts'

/** `retries` attempts more after a retryable failure, none by default; sleeps return at once. */
const retry = (retries: number) => ({ retries, sleep: async () => {} })

export const wooshpayOf = (sv: WooshpayLike, retries = 0): WooshpayProvider =>
  wooshpay({ apiKey: sv.apiKey, baseUrl: sv.url, retry: retry(retries) })

export const priceblocsOf = (sv: PriceblocsLike, retries = 0): PaymentProvider =>
  priceblocs({ apiKey: sv.apiKey, baseUrl: sv.url, retry: retry(retries) })

/** Ids of a list of objects, in order. */
export const idsOf = (xs: readonly { readonly id: string }[]): string[] => xs.map((x) => x.id)
