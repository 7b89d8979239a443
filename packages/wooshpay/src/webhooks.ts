/**
 * `wp.webhooks`: verify a WooshPay delivery into a `PaymuxEvent`, and sign payloads for tests.
 * Scheme (docs/providers/wooshpay.md#webhooks): header `Wooshpay-Signature: t=<unix>,v1=<hex>`,
 * HMAC-SHA256 over `t + "." + rawBody`, keyed with the secret string as shown, `whsec_` included.
 * `x-wooshpay-signature` is accepted too: integrations in the wild forward it under that name.
 */
import { signTimestampedHmac, verifyTimestampedHmac, type WebhooksResource } from '@paymux/core/adapter'
import { PROVIDER } from './capabilities.ts'
import type { NormalizeContext } from './normalize.ts'
import { parseEventBody, toPaymuxEvent } from './webhooks-event.ts'

/** The header WooshPay signs with, then the variant some proxies and integrations use. */
export const SIGNATURE_HEADERS = ['Wooshpay-Signature', 'X-Wooshpay-Signature'] as const

/** The `webhooks` member of the WooshPay client. */
export const wooshpayWebhooks = (ctx: NormalizeContext): WebhooksResource => ({
  verify(input) {
    verifyTimestampedHmac({
      provider: PROVIDER,
      rawBody: input.rawBody,
      headers: input.headers,
      headerNames: SIGNATURE_HEADERS,
      secrets: input.secrets,
      ...(input.toleranceSec === undefined ? {} : { toleranceSec: input.toleranceSec }),
      ...(input.now === undefined ? {} : { now: input.now }),
    })
    return toPaymuxEvent(parseEventBody(input.rawBody), ctx)
  },
  sign: (input) => signTimestampedHmac(input),
})
