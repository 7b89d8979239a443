/**
 * WooshPay's writes, each through core's `runWrite` (refusals before any request, one
 * idempotency key per call sent as `Idempotency-Key`, `outcome_unknown` after an ambiguous
 * failure, integrity checks). Keys up to 255 characters (longer ones hashed): the limit
 * third-party WooshPay code uses (docs/providers/wooshpay.md#idempotency). Bodies: write-bodies.ts.
 *
 * A payment link is built from prices (product -> price -> link, #write-endpoints): a `priceData`
 * line item first creates its product and price, each with its own step key derived from the
 * call's key, so the same call sent again replays every step instead of making a second product.
 */
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import {
  CheckoutSessionCreate,
  PaymentIntentCancel,
  PaymentIntentCapture,
  PaymentIntentConfirm,
  PaymentIntentCreate,
  PaymentLinkCreate,
  PaymentLinkUpdate,
  MARKER_METADATA_KEY,
  PaymuxError,
  PriceCreate,
  ProductCreate,
  RefundCreate,
  runWrite,
  type AnyResourceName,
  type CheckoutSessionsResource,
  type Expectation,
  type PaymentIntentsResource,
  type PaymentLink,
  type PaymentLinksResource,
  type Price,
  type Product,
  type Refund,
  type Transport,
  type WriteCall,
  type WriteContext,
  type WriteOptions,
} from '@paymux/core/adapter'
import { PROVIDER, capabilities } from './capabilities.ts'
import * as wire from './codecs.ts'
import { decodeInto } from './decode.ts'
import {
  normalizeCheckoutSession,
  normalizePaymentIntent,
  normalizePaymentLink,
  normalizePrice,
  normalizeProduct,
  normalizeRefund,
  type NormalizeContext,
} from './normalize.ts'
import * as body from './write-bodies.ts'

const KEYS = { maxLength: 255 } as const

/** What the writes need from the adapter: its transport and normalization context. */
export interface WriteDeps {
  readonly transport: Transport
  readonly ctx: NormalizeContext
}

const invalid = (message: string) => new PaymuxError({ kind: 'invalid_request', provider: PROVIDER, message })

const checkId = (id: unknown): string => {
  if (typeof id === 'string' && id !== '') return id
  throw invalid('id must be a non-empty string')
}

/** A WooshPay price as a neutral `Price` (a price always carries its currency). */
const toPrice = (p: wire.Price): Price => {
  const price = normalizePrice(p, null)
  if (price === null) throw invalid(`price ${p.id} came back without a currency`)
  return price
}

/**
 * A migration's marker goes into the link's metadata under `paymux_source` (WooshPay links keep
 * metadata, #payment-link-object), so `markers.find` can find the link again.
 */
const withMarker = (input: PaymentLinkCreate, marker: string | undefined): unknown =>
  marker === undefined || typeof input !== 'object' || input === null
    ? input
    : { ...input, metadata: { ...(input.metadata ?? {}), [MARKER_METADATA_KEY]: marker } }

/** The writes of every WooshPay resource, wired through `runWrite`. */
export const makeWrites = ({ transport, ctx }: WriteDeps) => {
  const post = async <W, T>(
    path: string,
    json: body.Body,
    key: string | null,
    signal: AbortSignal | undefined,
    codec: t.Type<W, W, unknown>,
    what: string,
    normalize: (w: W) => T,
  ): Promise<T> => {
    const result = await transport.request(
      { method: 'POST', path, json, ...(key === null ? {} : { idempotencyKey: key }), signal },
      decodeInto(codec, what, normalize),
    )()
    if (E.isLeft(result)) throw result.left
    return result.right
  }

  const write = <I, A>(
    resource: AnyResourceName,
    operation: string,
    rest: Omit<WriteCall<I, A>, 'provider' | 'capabilities' | 'resource' | 'operation' | 'keys'>,
  ): Promise<A> => runWrite({ provider: PROVIDER, capabilities, resource, operation, keys: KEYS, ...rest })

  const link = (w: wire.PaymentLink) => normalizePaymentLink(w, ctx)
  const session = (w: wire.CheckoutSession) => normalizeCheckoutSession(w, ctx)
  const intent = (w: wire.PaymentIntent) => normalizePaymentIntent(w, ctx)
  /** POSTs that answer one kind of object, sent with the call's key. */
  const poster =
    <W, T>(codec: t.Type<W, W, unknown>, what: string, normalize: (w: W) => T) =>
    (path: string, json: body.Body, c: WriteContext): Promise<T> =>
      post(path, json, c.key, c.signal, codec, what, normalize)
  const toLink = poster(wire.PaymentLink, 'a payment link', link)
  const toSession = poster(wire.CheckoutSession, 'a checkout session', session)
  const toIntent = poster(wire.PaymentIntent, 'a payment intent', intent)
  const at = (path: string, id: string, action = '') =>
    `${path}/${encodeURIComponent(checkId(id))}${action === '' ? '' : `/${action}`}`

  const createProduct = (p: ProductCreate, key: string | null, c: WriteContext) =>
    post('/v1/products', body.productBody(p), key, c.signal, wire.Product, 'a product', (w) => normalizeProduct(w, ctx))
  const createPrice = (p: PriceCreate, key: string | null, c: WriteContext) =>
    post('/v1/prices', body.priceBody(p), key, c.signal, wire.Price, 'a price', toPrice)

  /** The price id of each line item: given, or made (product, then price) with step keys. */
  const pricesOf = async (input: PaymentLinkCreate, c: WriteContext): Promise<string[]> => {
    const ids: string[] = []
    for (const [i, li] of input.lineItems.entries()) {
      if ('price' in li) {
        ids.push(li.price)
        continue
      }
      const d = li.priceData
      const product = await createProduct({ name: d.productName }, c.step(`product:${i}`), c)
      const priceInput: PriceCreate = {
        productId: product.id,
        currency: d.currency,
        unitAmount: d.unitAmount,
        ...(d.recurring === undefined ? {} : { recurring: d.recurring }),
      }
      ids.push((await createPrice(priceInput, c.step(`price:${i}`), c)).id)
    }
    return ids
  }

  const lineItemCount = (input: { lineItems: readonly unknown[] }, got: PaymentLink): Expectation[] =>
    got.lineItems === null
      ? []
      : [{ field: 'lineItems.length', sent: input.lineItems.length, got: got.lineItems.length }]

  const paymentLinks: Pick<PaymentLinksResource, 'create' | 'update' | 'delete'> = {
    create: (input, opts) =>
      write('paymentLinks', 'create', {
        codec: PaymentLinkCreate,
        input: withMarker(input, opts?.marker),
        opts,
        send: async (i, c) => {
          const prices = await pricesOf(i, c)
          return toLink('/v1/payment_links', body.linkBody(i, prices), c)
        },
        expect: lineItemCount,
      }),
    update: (id, patch, opts) =>
      write('paymentLinks', 'update', {
        codec: PaymentLinkUpdate,
        input: patch,
        opts,
        send: (p, c) => {
          // WooshPay links are active or not: no archive (#payment-link-object).
          if (p.status === 'archived') throw invalid('wooshpay payment links cannot be archived; set active: false')
          if (p.active !== undefined && p.status !== undefined && p.active !== (p.status === 'active')) {
            throw invalid(`status ${p.status} contradicts active: ${p.active}`)
          }
          return toLink(at('/v1/payment_links', id), body.linkUpdateBody(p), c)
        },
        expect: (p, got) => (p.active === undefined ? [] : [{ field: 'active', sent: p.active, got: got.active }]),
      }),
    // No delete endpoint (#write-endpoints): the manifest marks it unsupported, runWrite refuses it.
    delete: (_id: string, opts?: WriteOptions) =>
      write('paymentLinks', 'delete', { opts, send: () => Promise.resolve(undefined as void) }),
  }

  const checkoutSessions: Pick<CheckoutSessionsResource, 'create' | 'expire'> = {
    create: (input, opts) =>
      write('checkoutSessions', 'create', {
        codec: CheckoutSessionCreate,
        input,
        opts,
        send: (i, c) => {
          // WooshPay sessions are `mode: payment` only (#write-endpoints): no recurring price_data.
          if (i.lineItems.some((li) => 'priceData' in li && li.priceData.recurring !== undefined)) {
            throw invalid('wooshpay checkout sessions take one-time prices only (mode payment): leave recurring out')
          }
          return toSession('/v1/checkout/sessions', body.sessionBody(i), c)
        },
        expect: (i, got) => {
          const data = i.lineItems.flatMap((li) => ('priceData' in li ? [{ d: li.priceData, q: li.quantity }] : []))
          // The total is known before the answer only when every line item carries its price.
          if (data.length !== i.lineItems.length) return []
          const total = data.reduce((sum, x) => sum + x.d.unitAmount * x.q, 0)
          return [
            { field: 'amountTotal.amount', sent: total, got: got.amountTotal?.amount ?? null },
            { field: 'currency', sent: data[0]?.d.currency ?? null, got: got.currency },
          ]
        },
      }),
    expire: (id, opts) =>
      write('checkoutSessions', 'expire', {
        opts,
        send: (_i: undefined, c) => toSession(at('/v1/checkout/sessions', id, 'expire'), {}, c),
      }),
  }

  const paymentIntents: Pick<PaymentIntentsResource, 'create' | 'confirm' | 'capture' | 'cancel'> = {
    create: (input, opts) =>
      write('paymentIntents', 'create', {
        codec: PaymentIntentCreate,
        input,
        opts,
        send: (i, c) => toIntent('/v1/payment_intents', body.intentBody(i), c),
        expect: (i, got) => [
          { field: 'amount.amount', sent: i.amount.amount, got: got.amount.amount },
          { field: 'amount.currency', sent: i.amount.currency, got: got.amount.currency },
        ],
      }),
    confirm: (id, input, opts) =>
      write('paymentIntents', 'confirm', {
        codec: PaymentIntentConfirm,
        input,
        opts,
        send: (i, c) => toIntent(at('/v1/payment_intents', id, 'confirm'), body.confirmBody(i), c),
      }),
    capture: (id, input, opts) =>
      write('paymentIntents', 'capture', {
        codec: PaymentIntentCapture,
        input,
        opts,
        send: (i, c) => toIntent(at('/v1/payment_intents', id, 'capture'), body.captureBody(i), c),
        expect: (i, got) =>
          i.amount === undefined
            ? []
            : [
                { field: 'amountReceived.amount', sent: i.amount.amount, got: got.amountReceived.amount },
                { field: 'amount.currency', sent: i.amount.currency, got: got.amount.currency },
              ],
      }),
    cancel: (id, input, opts) =>
      write('paymentIntents', 'cancel', {
        codec: PaymentIntentCancel,
        input,
        opts,
        send: (i, c) => toIntent(at('/v1/payment_intents', id, 'cancel'), body.cancelBody(i), c),
      }),
  }

  const refunds = {
    create: (input: RefundCreate, opts?: WriteOptions): Promise<Refund> =>
      write('refunds', 'create', {
        codec: RefundCreate,
        input,
        opts,
        send: (i, c) =>
          post('/v1/refunds', body.refundBody(i), c.key, c.signal, wire.Refund, 'a refund', (w) =>
            normalizeRefund(w, ctx, i.amount?.currency ?? ''),
          ),
        expect: (i, got) => [
          { field: 'paymentIntentId', sent: i.paymentIntentId, got: got.paymentIntentId },
          ...(i.amount === undefined
            ? []
            : [
                { field: 'amount.amount', sent: i.amount.amount, got: got.amount.amount },
                { field: 'amount.currency', sent: i.amount.currency, got: got.amount.currency },
              ]),
        ],
      }),
  }

  const products = {
    create: (input: ProductCreate, opts?: WriteOptions): Promise<Product> =>
      write('products', 'create', { codec: ProductCreate, input, opts, send: (i, c) => createProduct(i, c.key, c) }),
  }

  const prices = {
    create: (input: PriceCreate, opts?: WriteOptions): Promise<Price> =>
      write('prices', 'create', {
        codec: PriceCreate,
        input,
        opts,
        send: (i, c) => createPrice(i, c.key, c),
        expect: (i, got) => [
          { field: 'unitAmount', sent: i.unitAmount, got: got.unitAmount },
          { field: 'currency', sent: i.currency, got: got.currency },
        ],
      }),
  }

  return { paymentLinks, checkoutSessions, paymentIntents, refunds, products, prices }
}
