/**
 * PriceBlocs documents no webhooks (docs/providers/priceblocs.md#webhooks): both calls refuse
 * with kind `unsupported`, before any request, so an app never treats an unverifiable body as an event.
 */
import { unsupported, type WebhooksResource } from '@paymux/core/adapter'
import { PROVIDER } from './options.ts'

/** The `webhooks` member of the PriceBlocs client: every call throws kind `unsupported`. */
export const priceblocsWebhooks: WebhooksResource = {
  verify: () => {
    throw unsupported(PROVIDER, 'webhooks (it documents none)')
  },
  sign: () => {
    throw unsupported(PROVIDER, 'webhooks (it documents none)')
  },
}
