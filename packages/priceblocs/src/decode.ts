/**
 * Decode and normalize in one step, as the transport's `decode` (core's `decodeInto`, bound to
 * this provider), so both run inside the transport's retry boundary and a normalizer that
 * throws is a `decode` error like a body the codec refuses. One decoder per response shape.
 */
import type * as t from 'io-ts'
import { decodeInto as coreDecodeInto, type Decoder, type LineItem } from '@paymux/core/adapter'
import { PROVIDER } from './capabilities.ts'
import * as wire from './codecs.ts'
import {
  normalizeCheckout,
  normalizeCheckoutLineItems,
  normalizeLinkLineItems,
  normalizePaymentLink,
} from './normalize.ts'

export const decodeInto = <W, T>(codec: t.Decoder<unknown, W>, what: string, normalize: (w: W) => T): Decoder<T> =>
  coreDecodeInto(codec, what, PROVIDER, normalize)

/** A list page whose `data` holds neutral objects: the envelope is kept for paging. */
export const pageDecoder = <W, T>(
  codec: t.Decoder<unknown, wire.ListPage<W>>,
  what: string,
  normalize: (w: W) => T,
): Decoder<wire.ListPage<T>> => decodeInto(codec, what, (page) => ({ ...page, data: page.data.map(normalize) }))

export const decodePaymentLinkPage = pageDecoder(
  wire.PaymentLinkPage,
  'a PriceBlocs payment links page',
  normalizePaymentLink,
)
export const decodeCheckoutPage = pageDecoder(wire.CheckoutPage, 'a PriceBlocs checkouts page', normalizeCheckout)
export const decodePaymentLink = decodeInto(wire.PaymentLink, 'a PriceBlocs payment link', normalizePaymentLink)
export const decodeCheckout = decodeInto(wire.Checkout, 'a PriceBlocs checkout', normalizeCheckout)
/** Line items have no endpoint: they are read from the retrieved link or checkout. */
export const decodePaymentLinkLineItems: Decoder<LineItem[]> = decodeInto(
  wire.PaymentLink,
  'a PriceBlocs payment link',
  normalizeLinkLineItems,
)
export const decodeCheckoutLineItems: Decoder<LineItem[]> = decodeInto(
  wire.Checkout,
  'a PriceBlocs checkout',
  normalizeCheckoutLineItems,
)
