/**
 * WooshPay event type -> neutral type (docs/providers/wooshpay.md#webhooks has the same table
 * with each row's source). Closed: a type absent here reads as `unknown`, never as a success.
 */
import type { EventType } from '@paymux/core/adapter'

export const WOOSHPAY_EVENT_TYPES: Readonly<Record<string, EventType>> = {
  'payment_intent.created': 'payment_intent.created',
  'payment_intent.processing': 'payment_intent.processing',
  'payment_intent.requires_action': 'payment_intent.requires_action',
  // Stripe's name for "authorised, waiting for capture" (the one the sandbox sends), and a plainer name
  // a provider might send for the same state.
  'payment_intent.amount_capturable_updated': 'payment_intent.requires_capture',
  'payment_intent.requires_capture': 'payment_intent.requires_capture',
  'payment_intent.succeeded': 'payment_intent.succeeded',
  'payment_intent.payment_failed': 'payment_intent.payment_failed',
  'payment_intent.canceled': 'payment_intent.canceled',
  'checkout.session.completed': 'checkout_session.completed',
  'checkout.session.expired': 'checkout_session.expired',
  'checkout.session.async_payment_succeeded': 'checkout_session.async_payment_succeeded',
  'checkout.session.async_payment_failed': 'checkout_session.async_payment_failed',
  'refund.created': 'refund.created',
  'refund.updated': 'refund.updated',
  'refund.succeeded': 'refund.succeeded',
  'refund.failed': 'refund.failed',
  // The documented name (docs/providers/wooshpay.md#webhooks): a refund object changed.
  'charge.refund.updated': 'refund.updated',
  'payment_link.created': 'payment_link.created',
  'payment_link.updated': 'payment_link.updated',
}
