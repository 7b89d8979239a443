/**
 * verify -> claim -> handle, once per event id. Framework-agnostic: it takes the raw body and the
 * headers and answers with the HTTP status to send, so a `node:http` server, Express (with
 * `express.raw`) or a serverless function wires it the same way.
 */
import { isPaymuxError } from '../errors.ts'
import type { PaymuxEvent } from './event.ts'
import type { HeaderSource } from './signature.ts'
import type { EventStore } from './store.ts'

/** What a delivery handed to the handler is. */
export interface WebhookDelivery {
  readonly rawBody: string | Uint8Array
  readonly headers: HeaderSource
}

/** How a delivery ended, with the status to answer (2xx stops the provider's retries). */
export type WebhookOutcome =
  | { readonly status: 200; readonly outcome: 'handled'; readonly event: PaymuxEvent }
  | { readonly status: 200; readonly outcome: 'duplicate'; readonly event: PaymuxEvent }
  | { readonly status: 400; readonly outcome: 'invalid_signature'; readonly error: Error }
  | { readonly status: 500; readonly outcome: 'failed'; readonly event: PaymuxEvent; readonly error: unknown }

/** What {@link createWebhookHandler} needs. */
export interface WebhookHandlerOptions<E extends PaymuxEvent = PaymuxEvent> {
  /** Verifies and normalizes a delivery, e.g. `(d) => wp.webhooks.verify({ ...d, secrets })`. */
  readonly verify: (delivery: WebhookDelivery) => E
  readonly store: EventStore
  /** Called once per event id. A throw releases the claim, so the provider's retry runs it again. */
  readonly onEvent: (event: E) => unknown
  /**
   * Optional: load the object's current state before `onEvent` (events can arrive out of order,
   * so the payload may be older than the object). Its result replaces the event passed on.
   */
  readonly refetch?: (event: E) => Promise<E> | E
}

/** Builds the handler: `await handler({ rawBody, headers })` -> the status to answer and why. */
export const createWebhookHandler =
  <E extends PaymuxEvent = PaymuxEvent>(options: WebhookHandlerOptions<E>) =>
  async (delivery: WebhookDelivery): Promise<WebhookOutcome> => {
    let event: E
    try {
      event = options.verify(delivery)
    } catch (error) {
      if (isPaymuxError(error) && error.kind === 'invalid_signature')
        return { status: 400, outcome: 'invalid_signature', error }
      throw error
    }
    if (!(await options.store.claim(event.id))) return { status: 200, outcome: 'duplicate', event }
    try {
      const current = options.refetch ? await options.refetch(event) : event
      await options.onEvent(current)
      return { status: 200, outcome: 'handled', event: current }
    } catch (error) {
      await options.store.release(event.id)
      return { status: 500, outcome: 'failed', event, error }
    }
  }
