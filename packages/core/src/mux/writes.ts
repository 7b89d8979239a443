/**
 * Writes through `paymux([...])`: a create goes to the provider the options name (or the only
 * one); an action on an existing object takes its global reference (`wooshpay:pi_123`), which
 * names the provider. Ids inside an input that point at another object (a refund's payment
 * intent, a price's product) may be global references too, and must then name the same
 * provider. Every check and refusal is the adapter's (`runWrite`), so a mux write behaves
 * exactly like the provider's own.
 */
import * as E from 'fp-ts/lib/Either.js'
import { PaymuxError } from '../errors.ts'
import type { CheckoutSession } from '../model/checkout-session.ts'
import type { Price } from '../model/line-item.ts'
import type { PaymentIntent } from '../model/payment-intent.ts'
import type { PaymentLink } from '../model/payment-link.ts'
import type { Product } from '../model/product.ts'
import type { Refund } from '../model/refund.ts'
import type { CallOptions, PaymentProvider, ProviderId, WriteOptions } from '../provider.ts'
import type {
  CheckoutSessionCreate,
  PaymentIntentCancel,
  PaymentIntentCapture,
  PaymentIntentConfirm,
  PaymentIntentCreate,
  PaymentLinkCreate,
  PaymentLinkUpdate,
  PriceCreate,
  ProductCreate,
  RefundCreate,
} from '../write/inputs.ts'
import { parseGlobalId } from './global-id.ts'

/** Options of a create through the multi-provider client: which provider creates it. */
export interface MuxCreateOptions extends WriteOptions {
  /** Required when the client has more than one provider. */
  readonly provider?: ProviderId
}

/** Payment link writes of `paymux([...])`. */
export interface MuxPaymentLinkWrites {
  create(input: PaymentLinkCreate, opts?: MuxCreateOptions): Promise<PaymentLink>
  /** `ref`: a global reference, `provider:id`. */
  update(ref: string, patch: PaymentLinkUpdate, opts?: WriteOptions): Promise<PaymentLink>
  delete(ref: string, opts?: WriteOptions): Promise<void>
}

/** Checkout session writes of `paymux([...])`. */
export interface MuxCheckoutSessionWrites {
  create(input: CheckoutSessionCreate, opts?: MuxCreateOptions): Promise<CheckoutSession>
  expire(ref: string, opts?: WriteOptions): Promise<CheckoutSession>
}

/** Payment intent writes of `paymux([...])`. */
export interface MuxPaymentIntentWrites {
  create(input: PaymentIntentCreate, opts?: MuxCreateOptions): Promise<PaymentIntent>
  confirm(ref: string, input?: PaymentIntentConfirm, opts?: WriteOptions): Promise<PaymentIntent>
  capture(ref: string, input?: PaymentIntentCapture, opts?: WriteOptions): Promise<PaymentIntent>
  cancel(ref: string, input?: PaymentIntentCancel, opts?: WriteOptions): Promise<PaymentIntent>
}

/** Refunds through `paymux([...])`: `paymentIntentId` may be a global reference naming the provider. */
export interface MuxRefunds {
  create(input: RefundCreate, opts?: MuxCreateOptions): Promise<Refund>
  retrieve(ref: string, opts?: CallOptions): Promise<Refund>
}

/** Products through `paymux([...])`. */
export interface MuxProducts {
  create(input: ProductCreate, opts?: MuxCreateOptions): Promise<Product>
  retrieve(ref: string, opts?: CallOptions): Promise<Product>
}

/** Prices through `paymux([...])`: `productId` may be a global reference naming the provider. */
export interface MuxPrices {
  create(input: PriceCreate, opts?: MuxCreateOptions): Promise<Price>
  retrieve(ref: string, opts?: CallOptions): Promise<Price>
}

/** Every write of `paymux([...])`, per resource. */
export interface MuxWrites {
  readonly paymentLinks: MuxPaymentLinkWrites
  readonly checkoutSessions: MuxCheckoutSessionWrites
  readonly paymentIntents: MuxPaymentIntentWrites
  readonly refunds: MuxRefunds
  readonly products: MuxProducts
  readonly prices: MuxPrices
}

const invalid = (message: string) => new PaymuxError({ kind: 'invalid_request', provider: 'paymux', message })

/** Only what the provider's write takes: the mux's `provider` option stays here. */
const writeOptions = (opts: MuxCreateOptions | WriteOptions | undefined): WriteOptions => ({
  ...(opts?.idempotencyKey === undefined ? {} : { idempotencyKey: opts.idempotencyKey }),
  ...(opts?.signal === undefined ? {} : { signal: opts.signal }),
})

/** Builds the writes of a client over `providers`. */
export const muxWrites = (providers: readonly PaymentProvider[]): MuxWrites => {
  const byId = new Map(providers.map((p) => [p.id as string, p]))
  const names = providers.map((p) => p.id).join(', ')
  const named = (id: string): PaymentProvider => {
    const p = byId.get(id)
    if (!p) throw invalid(`no provider ${id} in this client (${names})`)
    return p
  }
  /** The provider a create goes to: the one named, the one a nested global reference names, or the only one. */
  const target = (opts: MuxCreateOptions | undefined, nested?: string): PaymentProvider => {
    const fromRef = nested !== undefined && nested.includes(':') ? parseGlobalId(nested) : null
    const refProvider =
      fromRef !== null && E.isRight(fromRef) && byId.has(fromRef.right.provider) ? fromRef.right.provider : null
    if (opts?.provider !== undefined && refProvider !== null && opts.provider !== refProvider) {
      throw invalid(`provider ${opts.provider} was named, but ${nested} belongs to ${refProvider}`)
    }
    const id = opts?.provider ?? refProvider ?? (providers.length === 1 ? providers[0]?.id : undefined)
    if (id === undefined) throw invalid(`say which provider creates it: { provider: one of ${names} }`)
    return named(id)
  }
  /** A nested id without its provider prefix, once the provider is settled. */
  const local = (p: PaymentProvider, id: string): string => (id.startsWith(`${p.id}:`) ? id.slice(p.id.length + 1) : id)
  const at = (ref: string): { p: PaymentProvider; id: string } => {
    const parsed = parseGlobalId(ref)
    if (E.isLeft(parsed)) throw parsed.left
    return { p: named(parsed.right.provider), id: parsed.right.id }
  }
  // Each method is async so that a refusal above rejects the promise instead of throwing.
  return {
    paymentLinks: {
      create: async (input, opts) => target(opts).paymentLinks.create(input, writeOptions(opts)),
      update: async (ref, patch, opts) => {
        const { p, id } = at(ref)
        return p.paymentLinks.update(id, patch, writeOptions(opts))
      },
      delete: async (ref, opts) => {
        const { p, id } = at(ref)
        return p.paymentLinks.delete(id, writeOptions(opts))
      },
    },
    checkoutSessions: {
      create: async (input, opts) => target(opts).checkoutSessions.create(input, writeOptions(opts)),
      expire: async (ref, opts) => {
        const { p, id } = at(ref)
        return p.checkoutSessions.expire(id, writeOptions(opts))
      },
    },
    paymentIntents: {
      create: async (input, opts) => target(opts).paymentIntents.create(input, writeOptions(opts)),
      confirm: async (ref, input, opts) => {
        const { p, id } = at(ref)
        return p.paymentIntents.confirm(id, input, writeOptions(opts))
      },
      capture: async (ref, input, opts) => {
        const { p, id } = at(ref)
        return p.paymentIntents.capture(id, input, writeOptions(opts))
      },
      cancel: async (ref, input, opts) => {
        const { p, id } = at(ref)
        return p.paymentIntents.cancel(id, input, writeOptions(opts))
      },
    },
    refunds: {
      create: async (input, opts) => {
        const p = target(opts, (input as Partial<RefundCreate> | undefined)?.paymentIntentId)
        const intent = (input as Partial<RefundCreate> | undefined)?.paymentIntentId
        const routed = typeof intent === 'string' ? { ...input, paymentIntentId: local(p, intent) } : input
        return p.refunds.create(routed, writeOptions(opts))
      },
      retrieve: async (ref, opts) => {
        const { p, id } = at(ref)
        return p.refunds.retrieve(id, opts)
      },
    },
    products: {
      create: async (input, opts) => target(opts).products.create(input, writeOptions(opts)),
      retrieve: async (ref, opts) => {
        const { p, id } = at(ref)
        return p.products.retrieve(id, opts)
      },
    },
    prices: {
      create: async (input, opts) => {
        const product = (input as Partial<PriceCreate> | undefined)?.productId
        const p = target(opts, product)
        const routed = typeof product === 'string' ? { ...input, productId: local(p, product) } : input
        return p.prices.create(routed, writeOptions(opts))
      },
      retrieve: async (ref, opts) => {
        const { p, id } = at(ref)
        return p.prices.retrieve(id, opts)
      },
    },
  }
}
