/**
 * Neutral write inputs -> WooshPay request bodies (pure, no I/O). Money travels in a different
 * type per endpoint (docs/providers/wooshpay.md#write-money): JSON integers for the payment
 * intent `amount`, capture `amount_to_capture` and checkout `price_data.unit_amount`; decimal
 * strings for the price `unit_amount`, price `recurring.interval_count` and refund `amount`, as
 * the docs type them. Currencies go upper case, as documented (#write-endpoints). No body carries
 * an `undefined` member: absent inputs are left out, never sent as null.
 */
import type {
  CheckoutSessionCreate,
  LineItemInput,
  PaymentIntentCancel,
  PaymentIntentCapture,
  PaymentIntentConfirm,
  PaymentIntentCreate,
  PaymentLinkCreate,
  PaymentLinkUpdate,
  PriceCreate,
  ProductCreate,
  RefundCreate,
} from '@paymux/core/adapter'

/** A JSON request body. */
export type Body = Record<string, unknown>

/** `{ [k]: v }` when v is given, else `{}`: bodies never carry undefined members. */
const opt = <K extends string, V>(k: K, v: V | undefined): Partial<Record<K, V>> =>
  v === undefined ? {} : ({ [k]: v } as Record<K, V>)

/** `POST /v1/products` (#write-endpoints). */
export const productBody = (p: ProductCreate): Body => ({
  name: p.name,
  ...opt('description', p.description),
  ...opt('metadata', p.metadata),
})

/** The price fields of `POST /v1/prices`: `unit_amount` and `interval_count` as decimal strings (#write-money). */
export const priceBody = (p: PriceCreate): Body => ({
  product: p.productId,
  currency: p.currency.toUpperCase(),
  unit_amount: String(p.unitAmount),
  ...opt(
    'recurring',
    p.recurring === undefined
      ? undefined
      : { interval: p.recurring.interval, interval_count: String(p.recurring.intervalCount ?? 1) },
  ),
})

/** `POST /v1/payment_links`: line items of existing prices (a `priceData` item was made into one first). */
export const linkBody = (input: PaymentLinkCreate, prices: readonly string[]): Body => ({
  line_items: input.lineItems.map((li, i) => ({ price: prices[i], quantity: li.quantity })),
  ...opt('metadata', input.metadata),
  ...opt('active', input.active),
  ...opt('after_completion', input.successUrl === undefined ? undefined : redirect(input.successUrl)),
})

/** `after_completion` that sends the buyer to `url` (#payment-link-object). */
const redirect = (url: string) => ({ type: 'redirect', redirect: { url } })

/**
 * `POST /v1/payment_links/:id`: `active` (neutral `status` active/inactive maps onto it;
 * `archived` is refused before this, WooshPay has no archive), `metadata`, `successUrl`.
 */
export const linkUpdateBody = (patch: PaymentLinkUpdate): Body => ({
  ...opt('active', patch.active ?? (patch.status === undefined ? undefined : patch.status === 'active')),
  ...opt('metadata', patch.metadata),
  ...opt('after_completion', patch.successUrl === undefined ? undefined : redirect(patch.successUrl)),
})

/** A session line item: a price id, or `price_data` with an INTEGER `unit_amount` (#write-money). */
const sessionLineItem = (li: LineItemInput): Body =>
  'price' in li
    ? { price: li.price, quantity: li.quantity }
    : {
        price_data: {
          currency: li.priceData.currency.toUpperCase(),
          unit_amount: li.priceData.unitAmount,
          product_data: { name: li.priceData.productName },
        },
        quantity: li.quantity,
      }

/** `POST /v1/checkout/sessions` (#write-endpoints); `expires_at` in Unix seconds. */
export const sessionBody = (input: CheckoutSessionCreate): Body => ({
  mode: 'payment',
  success_url: input.successUrl,
  line_items: input.lineItems.map(sessionLineItem),
  ...opt('cancel_url', input.cancelUrl),
  ...opt('customer', input.customerId),
  ...opt('customer_email', input.customerEmail),
  ...opt('client_reference_id', input.clientReferenceId),
  ...opt('metadata', input.metadata),
  ...opt('expires_at', input.expiresAt === undefined ? undefined : Math.floor(input.expiresAt.getTime() / 1000)),
})

/** `POST /v1/payment_intents`: `amount` an INTEGER in minor units (#write-money). */
export const intentBody = (input: PaymentIntentCreate): Body => ({
  amount: input.amount.amount,
  currency: input.amount.currency.toUpperCase(),
  ...opt('capture_method', input.captureMethod),
  ...opt('customer', input.customerId),
  ...opt('description', input.description),
  ...opt('payment_method_types', input.paymentMethodTypes),
  ...opt('merchant_order_id', input.merchantOrderId),
  ...opt('metadata', input.metadata),
  ...opt('payment_method', input.paymentMethodId),
  ...opt('confirm', input.confirm),
})

/** `POST /v1/payment_intents/:id/confirm`. */
export const confirmBody = (input: PaymentIntentConfirm): Body => ({ ...opt('payment_method', input.paymentMethodId) })

/** `POST /v1/payment_intents/:id/capture`: `amount_to_capture` an INTEGER; none captures it all (#write-money). */
export const captureBody = (input: PaymentIntentCapture): Body => ({
  ...opt('amount_to_capture', input.amount?.amount),
})

/** `POST /v1/payment_intents/:id/cancel`. */
export const cancelBody = (input: PaymentIntentCancel): Body => ({ ...opt('cancellation_reason', input.reason) })

/** `POST /v1/refunds`: `amount` a decimal STRING as documented; none refunds what is left (#write-money). */
export const refundBody = (input: RefundCreate): Body => ({
  payment_intent: input.paymentIntentId,
  ...opt('amount', input.amount === undefined ? undefined : String(input.amount.amount)),
  ...opt('reason', input.reason),
  ...opt('metadata', input.metadata),
})
