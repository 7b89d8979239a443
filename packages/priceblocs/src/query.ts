/**
 * Neutral queries -> what PriceBlocs is asked (query parameters) and what paymux does itself
 * (a client-side filter). The contract rule: a filter is applied by PriceBlocs, applied here
 * client-side (declared `client_side` in `capabilities.ts`), or refused; never dropped.
 *
 * PriceBlocs filters server-side: payment links by `livemode`; checkouts by `livemode`,
 * `status` (`started` | `completed`), `customer`, `email`, `payment_status` (`paid` | `unpaid`)
 * and `payment_intent_id`. Everything else (link `status`/`active`, `created` ranges, statuses
 * PriceBlocs has no value for) is filtered client-side.
 * @see docs/providers/priceblocs.md#page-numbers, #payment-link-object, #checkout-object
 */
import {
  CHECKOUT_SESSION_STATUSES,
  PAYMENT_LINK_STATUSES,
  PAYMENT_STATUSES,
  PaymuxError,
  createdRangeError,
  readPageSize,
  toUnixSeconds,
  type CheckoutSession,
  type CheckoutSessionQuery,
  type CreatedRange,
  type Json,
  type ListQuery,
  type PaymentLink,
  type PaymentLinkQuery,
  type QueryValue,
} from '@paymux/core/adapter'
import * as E from 'fp-ts/lib/Either.js'
import { SERVER_PAGE_SIZE } from './paginate.ts'
import { PROVIDER } from './options.ts'

export interface Plan<T> {
  /** Sent to PriceBlocs on every page request. */
  readonly params: Readonly<Record<string, QueryValue>>
  /** What the checkpoint is bound to: every filter of the listing, server- or client-side. */
  readonly filters: Json
  readonly keep: ((item: T) => boolean) | null
  readonly exhausted: ((item: T) => boolean) | null
  /** Objects per page; null: PriceBlocs' whole pages. */
  readonly pageSize: number | null
}

const invalid = (message: string): PaymuxError =>
  new PaymuxError({ kind: 'invalid_request', provider: PROVIDER, message })

/**
 * PriceBlocs serves a fixed 20 objects per page and has no page-size parameter. A `pageSize` of
 * 1 to 20 is honoured by delivering each PriceBlocs page in slices (the slices of a page share
 * one response when fetched in order); anything else is refused before any request.
 */
export const checkPageSize = (q: ListQuery): E.Either<PaymuxError, number | null> => {
  const bounds = { min: 1, max: SERVER_PAGE_SIZE, hint: ' (PriceBlocs pages hold 20)' }
  const size = readPageSize(PROVIDER, q, bounds, SERVER_PAGE_SIZE)
  if (size instanceof PaymuxError) return E.left(size)
  return E.right(size === SERVER_PAGE_SIZE ? null : size)
}

// --- created ranges -------------------------------------------------------------------------

interface Bounds {
  readonly gt?: number
  readonly gte?: number
  readonly lt?: number
  readonly lte?: number
}

const readCreated = (range: CreatedRange | undefined): E.Either<PaymuxError, Bounds | null> => {
  if (range === undefined) return E.right(null)
  const error = createdRangeError(PROVIDER, range)
  if (error) return E.left(error)
  const out: Record<string, number> = {}
  for (const key of ['gt', 'gte', 'lt', 'lte'] as const) {
    const v = range[key]
    if (v !== undefined) out[key] = toUnixSeconds(v)
  }
  return E.right(out)
}

const seconds = (d: Date): number => Math.floor(d.getTime() / 1000)

const inRange = (b: Bounds, s: number): boolean =>
  (b.gt === undefined || s > b.gt) &&
  (b.gte === undefined || s >= b.gte) &&
  (b.lt === undefined || s < b.lt) &&
  (b.lte === undefined || s <= b.lte)

/** Lists are newest first: once an object is below the lower bound, every later one is too. */
const belowLowerBound = (b: Bounds, s: number): boolean =>
  (b.gt !== undefined && s <= b.gt) || (b.gte !== undefined && s < b.gte)

// --- helpers --------------------------------------------------------------------------------

type Check<T> = (item: T) => boolean

const all = <T>(checks: readonly Check<T>[]): Check<T> | null =>
  checks.length === 0 ? null : checks.length === 1 ? (checks[0] as Check<T>) : (item) => checks.every((c) => c(item))

const oneOf = <V extends string>(
  name: string,
  values: readonly V[],
  v: unknown,
): E.Either<PaymuxError, V | 'unknown'> =>
  typeof v === 'string' && (v === 'unknown' || (values as readonly string[]).includes(v))
    ? E.right(v as V | 'unknown')
    : E.left(invalid(`${name} must be one of ${[...values, 'unknown'].join(', ')}, got ${String(v)}`))

const text = (name: string, v: unknown): E.Either<PaymuxError, string> =>
  typeof v === 'string' && v.trim() !== '' ? E.right(v) : E.left(invalid(`${name} must be a non-empty string`))

const flag = (name: string, v: unknown): E.Either<PaymuxError, boolean> =>
  typeof v === 'boolean' ? E.right(v) : E.left(invalid(`${name} must be true or false, got ${String(v)}`))

interface Builder<T> {
  params: Record<string, QueryValue>
  filters: Record<string, Json>
  checks: Check<T>[]
  exhausted: Check<T> | null
}

const addCreated = <T extends { readonly createdAt: Date }>(b: Builder<T>, range: CreatedRange | undefined) => {
  const bounds = readCreated(range)
  if (E.isLeft(bounds) || bounds.right === null) return bounds
  const r = bounds.right
  b.filters['created'] = { ...r }
  b.checks.push((o) => inRange(r, seconds(o.createdAt)))
  if (r.gt !== undefined || r.gte !== undefined) b.exhausted = (o) => belowLowerBound(r, seconds(o.createdAt))
  return bounds
}

const finish = <T>(b: Builder<T>, pageSize: number | null): Plan<T> => ({
  params: b.params,
  filters: { ...b.filters, params: { ...(b.params as Record<string, Json>) } },
  keep: all(b.checks),
  exhausted: b.exhausted,
  pageSize,
})

const builder = <T>(): Builder<T> => ({ params: {}, filters: {}, checks: [], exhausted: null })

// --- payment links --------------------------------------------------------------------------

export const planPaymentLinks = (q: PaymentLinkQuery): E.Either<PaymuxError, Plan<PaymentLink>> => {
  const size = checkPageSize(q)
  if (E.isLeft(size)) return size
  const b = builder<PaymentLink>()
  if (q.livemode !== undefined) {
    const v = flag('livemode', q.livemode)
    if (E.isLeft(v)) return v
    b.params['livemode'] = v.right
  }
  // PriceBlocs' link list takes only `livemode`: status and active are filtered here.
  if (q.status !== undefined) {
    const v = oneOf('status', PAYMENT_LINK_STATUSES, q.status)
    if (E.isLeft(v)) return v
    b.filters['status'] = v.right
    b.checks.push((o) => o.status === v.right)
  }
  if (q.active !== undefined) {
    const v = flag('active', q.active)
    if (E.isLeft(v)) return v
    b.filters['active'] = v.right
    b.checks.push((o) => o.active === v.right)
  }
  const created = addCreated(b, q.created)
  if (E.isLeft(created)) return created
  return E.right(finish(b, size.right))
}

// --- checkouts ------------------------------------------------------------------------------

/** Neutral status -> PriceBlocs' value; the others have no PriceBlocs value and are filtered here. */
const SERVER_STATUS: Partial<Record<CheckoutSession['status'], string>> = { open: 'started', complete: 'completed' }
/** Documented `payment_status` values; `no_payment_required` and `unknown` are filtered here. */
const SERVER_PAYMENT_STATUS: Partial<Record<CheckoutSession['paymentStatus'], string>> = {
  paid: 'paid',
  unpaid: 'unpaid',
}

export const planCheckouts = (q: CheckoutSessionQuery): E.Either<PaymuxError, Plan<CheckoutSession>> => {
  const size = checkPageSize(q)
  if (E.isLeft(size)) return size
  const b = builder<CheckoutSession>()
  const strings = [
    ['customer', 'customer', q.customer],
    ['customerEmail', 'email', q.customerEmail],
    ['paymentIntent', 'payment_intent_id', q.paymentIntent],
  ] as const
  for (const [name, param, value] of strings) {
    if (value === undefined) continue
    const v = text(name, value)
    if (E.isLeft(v)) return v
    b.params[param] = v.right
  }
  if (q.livemode !== undefined) {
    const v = flag('livemode', q.livemode)
    if (E.isLeft(v)) return v
    b.params['livemode'] = v.right
  }
  if (q.status !== undefined) {
    const v = oneOf('status', CHECKOUT_SESSION_STATUSES, q.status)
    if (E.isLeft(v)) return v
    const server = SERVER_STATUS[v.right]
    if (server !== undefined) b.params['status'] = server
    else {
      b.filters['status'] = v.right
      b.checks.push((o) => o.status === v.right)
    }
  }
  if (q.paymentStatus !== undefined) {
    const v = oneOf('paymentStatus', PAYMENT_STATUSES, q.paymentStatus)
    if (E.isLeft(v)) return v
    const server = SERVER_PAYMENT_STATUS[v.right]
    if (server !== undefined) b.params['payment_status'] = server
    else {
      b.filters['paymentStatus'] = v.right
      b.checks.push((o) => o.paymentStatus === v.right)
    }
  }
  const created = addCreated(b, q.created)
  if (E.isLeft(created)) return created
  return E.right(finish(b, size.right))
}
