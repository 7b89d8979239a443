/**
 * `paymux trigger <event-type>`: makes the WooshPay sandbox change state so that it emits that
 * event, as the Stripe CLI's `stripe trigger` does. Each fixture goes through the adapter's
 * public write API (the same requests an application makes); only what WooshPay has no API for
 * (a buyer paying a checkout session) uses the sandbox's test helper. It prints each step and
 * then every event the sandbox emitted, read back from its `GET /v1/events`.
 */
import type { PaymentProvider } from '@paymux/core'
import { flag, parseCommandLine, positionals, str } from '../args.ts'
import { CliError, EXIT_OK, usageError } from '../cli-error.ts'
import type { Io } from '../io.ts'
import { PROVIDERS } from '../providers.ts'
import { checkWooshpayOnly, sandboxCall, sandboxTarget, type SandboxTarget } from '../sandbox-target.ts'
import { closest } from '../suggest.ts'
import { TRIGGER_HELP } from '../usage.ts'

export const TRIGGER_OPTIONS = { provider: { type: 'string' } } as const

interface Step {
  readonly client: PaymentProvider
  readonly target: SandboxTarget
  readonly say: (line: string) => void
}

const MONEY = { amount: 2000, currency: 'USD' } as const
const LINE = { priceData: { currency: 'USD', unitAmount: 2000, productName: 'paymux trigger' }, quantity: 1 }

const paidIntent = async ({ client, say }: Step, capture: 'automatic' | 'manual' = 'automatic') => {
  const pi = await client.paymentIntents.create({ amount: MONEY, captureMethod: capture })
  say(`created payment intent ${pi.id} (${pi.status})`)
  const paid = await client.paymentIntents.confirm(pi.id, { paymentMethodId: 'pm_card_visa' })
  say(`confirmed ${paid.id} with pm_card_visa (${paid.status})`)
  return paid
}

const openSession = async ({ client, say }: Step) => {
  const cs = await client.checkoutSessions.create({ lineItems: [LINE], successUrl: 'https://example.com/paid' })
  say(`created checkout session ${cs.id} (${cs.status})`)
  return cs
}

const refund = async (step: Step) => {
  const pi = await paidIntent(step)
  const r = await step.client.refunds.create({ paymentIntentId: pi.id })
  step.say(`refunded ${pi.id}: refund ${r.id} (${r.status})`)
}

const link = async ({ client, say }: Step) => {
  const product = await client.products.create({ name: 'paymux trigger' })
  const price = await client.prices.create({ productId: product.id, currency: 'USD', unitAmount: 2000 })
  const made = await client.paymentLinks.create({ lineItems: [{ price: price.id, quantity: 1 }] })
  say(`created payment link ${made.id} (price ${price.id})`)
  return made
}

/** The fixture of each event type the sandbox emits. */
const FIXTURES: Readonly<Record<string, (step: Step) => Promise<unknown>>> = {
  'payment_intent.created': async ({ client, say }) => {
    const pi = await client.paymentIntents.create({ amount: MONEY })
    say(`created payment intent ${pi.id} (${pi.status})`)
  },
  'payment_intent.succeeded': (step) => paidIntent(step),
  'payment_intent.amount_capturable_updated': (step) => paidIntent(step, 'manual'),
  'payment_intent.canceled': async (step) => {
    const pi = await step.client.paymentIntents.create({ amount: MONEY })
    step.say(`created payment intent ${pi.id} (${pi.status})`)
    const canceled = await step.client.paymentIntents.cancel(pi.id, { reason: 'requested_by_customer' })
    step.say(`canceled ${canceled.id} (${canceled.status})`)
  },
  'checkout.session.completed': async (step) => {
    const cs = await openSession(step)
    // No API pays a session: the sandbox's test helper plays the buyer.
    const done = await sandboxCall(step.target, 'POST', `/v1/test_helpers/checkout/sessions/${cs.id}/complete`)
    step.say(`completed ${cs.id} with the sandbox's test helper (${String(done['status'])})`)
  },
  'checkout.session.expired': async (step) => {
    const cs = await openSession(step)
    const expired = await step.client.checkoutSessions.expire(cs.id)
    step.say(`expired ${expired.id} (${expired.status})`)
  },
  'refund.created': refund,
  'charge.refund.updated': refund,
  'payment_link.created': link,
  'payment_link.updated': async (step) => {
    const made = await link(step)
    await step.client.paymentLinks.update(made.id, { active: false })
    step.say(`deactivated ${made.id}`)
  },
}

/**
 * Stripe CLI names WooshPay documents no event for, mapped to the fixture that emits what
 * WooshPay sends instead (docs/providers/wooshpay.md#webhooks).
 */
const ALIASES: Readonly<Record<string, string>> = { 'charge.refunded': 'charge.refund.updated' }

/** The event types `trigger` (and `listen --events`) accept. */
export const TRIGGER_TYPES: readonly string[] = Object.keys(FIXTURES)

const parseEventType = (given: string): string => {
  if (FIXTURES[given]) return given
  const alias = ALIASES[given]
  if (alias) return alias
  const guess = closest(given, [...TRIGGER_TYPES, ...Object.keys(ALIASES)])
  throw usageError(
    `unknown event type ${JSON.stringify(given)}`,
    guess ? `did you mean ${guess}? see paymux trigger --help` : `use one of ${TRIGGER_TYPES.join(', ')}`,
  )
}

interface ListedEvent {
  readonly id: string
  readonly type: string
}

const newestEvent = async (target: SandboxTarget): Promise<string | null> =>
  ((await sandboxCall(target, 'GET', '/v1/events?limit=1'))['data'] as ListedEvent[])[0]?.id ?? null

/** The events after `before` (or all), oldest first. */
const eventsAfter = async (target: SandboxTarget, before: string | null): Promise<ListedEvent[]> => {
  const q = `/v1/events?limit=100${before ? `&ending_before=${encodeURIComponent(before)}` : ''}`
  return ((await sandboxCall(target, 'GET', q))['data'] as ListedEvent[]).slice().reverse()
}

export const triggerCommand = async (args: readonly string[], io: Io): Promise<number> => {
  const p = parseCommandLine(args, TRIGGER_OPTIONS, 'trigger')
  if (flag(p, 'help')) {
    io.stdout.write(TRIGGER_HELP)
    return EXIT_OK
  }
  const [given] = positionals(p, ['event-type'], 'trigger') as [string]
  const type = parseEventType(given)
  checkWooshpayOnly(str(p, 'provider'), 'trigger')
  const target = sandboxTarget(io, 'trigger', 'must-exist') as SandboxTarget
  const client = await PROVIDERS.wooshpay.make({ apiKey: target.apiKey, baseUrl: target.baseUrl, hooks: {} })
  const before = await newestEvent(target)
  const named = type === given ? `${type} fixture` : `${type} fixture (for ${given})`
  io.stdout.write(`Running the ${named} on the WooshPay sandbox at ${target.baseUrl}\n`)
  await (FIXTURES[type] as (s: Step) => Promise<unknown>)({
    client,
    target,
    say: (line) => io.stdout.write(`  ${line}\n`),
  })
  const emitted = await eventsAfter(target, before)
  for (const e of emitted) io.stdout.write(`  emitted ${e.type} [${e.id}]\n`)
  if (!emitted.some((e) => e.type === type))
    throw new CliError('internal', `the sandbox emitted no ${type} event`, 'run again with --debug and report it')
  io.stdout.write(`Trigger succeeded: ${emitted.length} event${emitted.length === 1 ? '' : 's'} emitted.\n`)
  return EXIT_OK
}
