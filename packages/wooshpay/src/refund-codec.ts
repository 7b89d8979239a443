/**
 * WooshPay's refund object (Stripe-shaped: `re_…`, `amount`, `currency`, `payment_intent`,
 * `status`, `reason`, `created`) and its normalizer. Kept in its own file so the webhook decoder
 * (webhooks-event.ts) and the write side's refunds share one codec. The same quirks as every
 * object apply: integers as strings, ms timestamps, any-case currency, `""` for null
 * (docs/providers/wooshpay.md, quirks 4/5, 7, 8, 10).
 */
import * as t from 'io-ts'
import {
  REFUND_STATUSES,
  epochDate,
  isAbsent,
  nullish,
  readInt,
  readMetadata,
  readText,
  struct,
  toKnown,
  type Refund,
} from '@paymux/core/adapter'
import { PROVIDER } from './capabilities.ts'
import { CurrencyCode, IntLike, Metadata, Ref, Timestamp } from './codecs.ts'
import type { NormalizeContext } from './normalize.ts'

const str = nullish(t.string)

/** A WooshPay refund: `amount` and `currency` are what a refund is about, so they are required. */
export const WireRefund = struct(
  'Refund',
  { id: t.string, amount: IntLike, currency: CurrencyCode, created: Timestamp },
  {
    object: str,
    status: str,
    reason: str,
    payment_intent: nullish(Ref),
    metadata: nullish(Metadata),
    livemode: nullish(t.boolean),
  },
)
export type WireRefund = t.TypeOf<typeof WireRefund>

/** The neutral `Refund`; an undocumented status reads as `unknown`. */
export const normalizeRefund = (r: WireRefund, ctx: NormalizeContext): Refund => {
  const pi = r.payment_intent
  return {
    provider: PROVIDER,
    id: r.id,
    object: 'refund',
    livemode: typeof r.livemode === 'boolean' ? r.livemode : ctx.livemode,
    createdAt: epochDate(r.created) as Date,
    metadata: readMetadata(r.metadata),
    raw: r,
    paymentIntentId: isAbsent(pi) ? null : typeof pi === 'string' ? pi : pi.id,
    amount: { amount: readInt(r.amount) as number, currency: r.currency.toUpperCase() },
    status: isAbsent(r.status) ? 'unknown' : toKnown(REFUND_STATUSES, r.status),
    reason: readText(r.reason),
  }
}
