/**
 * `planMigration` as pure logic: in-process sources over arrays (no HTTP) planned against the
 * real adapters' declared manifests (constructed, never called) and against hand-made targets.
 */
import { noSupportingCaps, noWrites } from '../helpers/no-writes.ts'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  MIGRATION_FIELDS,
  createPaginator,
  failedPaginator,
  formatMigrationPlan,
  isPaymuxError,
  planMigration,
  readField,
  unsupported,
  type CapabilityManifest,
  type LineItem,
  type MigrationEntry,
  type PaymentIntent,
  type PaymentLink,
  type PaymentProvider,
  type ProviderId,
  type ResourceName,
} from '@paymux/core/adapter'
import { priceblocs } from '@paymux/priceblocs'
import { wooshpay } from '@paymux/wooshpay'
import { link } from '../helpers/memory-provider.ts'

// Construction makes no request; the keys only satisfy the key-shape checks.
const WP = wooshpay({ apiKey: `sk_test_${'0'.repeat(24)}` })
const PB = priceblocs({ apiKey: `PB_sk_test_${'0'.repeat(24)}` })

const lineItem = (id: string, over: Partial<LineItem> = {}): LineItem => ({
  provider: 'test',
  id,
  object: 'line_item',
  livemode: false,
  createdAt: new Date(0),
  metadata: {},
  raw: {},
  description: null,
  quantity: 1,
  price: {
    id: `price_${id}`,
    productId: 'prod_1',
    currency: 'USD',
    // Priced: a new price at the target needs its amount (the unpriced case has its own test).
    unitAmount: 500,
    type: 'one_time',
    recurring: null,
    active: null,
  },
  amountSubtotal: null,
  amountTotal: null,
  ...over,
})

const intent = (id: string, over: Partial<PaymentIntent> = {}): PaymentIntent => ({
  provider: 'test',
  id,
  object: 'payment_intent',
  livemode: false,
  createdAt: new Date(1_700_000_000_000),
  metadata: {},
  raw: {},
  status: 'succeeded',
  amount: { amount: 1000, currency: 'USD' },
  amountReceived: { amount: 1000, currency: 'USD' },
  amountCapturable: { amount: 0, currency: 'USD' },
  captureMethod: 'automatic',
  customerId: null,
  description: null,
  paymentMethodTypes: ['card'],
  paymentMethodId: null,
  merchantOrderId: null,
  canceledAt: null,
  cancellationReason: null,
  latestChargeId: null,
  ...over,
})

const FULL_OPS = { list: 'supported', retrieve: 'supported', lineItems: 'supported' } as const
const baseCaps: CapabilityManifest = {
  paymentLinks: { operations: FULL_OPS, filters: {} },
  checkoutSessions: { operations: FULL_OPS, filters: {} },
  paymentIntents: { operations: { list: 'supported', retrieve: 'supported' }, filters: {} },
  ...noSupportingCaps,
}

interface Source extends PaymentProvider {
  /** Times each id was delivered by a listing. */
  readonly served: Map<string, number>
  readonly lineItemCalls: string[]
  lists: number
}

/**
 * A source serving `items` of one resource, `size` per page; `lineItems` answers
 * `paymentLinks.lineItems(id)` for links listed with `lineItems: null`.
 */
const source = (
  id: ProviderId,
  resource: ResourceName,
  items: readonly { id: string }[],
  lineItems: Readonly<Record<string, LineItem[]>> = {},
  size = 4,
): Source => {
  const served = new Map<string, number>()
  const lineItemCalls: string[] = []
  const listing = (query: { signal?: AbortSignal } = {}) => {
    self.lists += 1
    return createPaginator({
      scope: { provider: id, resource, filters: {} },
      query,
      fetchPage:
        ({ at }) =>
        async () => {
          const i = at === null ? 0 : (at as number)
          const page = items.slice(i, i + size)
          for (const o of page) served.set(o.id, (served.get(o.id) ?? 0) + 1)
          return E.right({ items: page, next: i + size < items.length ? i + size : null, total: items.length })
        },
    })
  }
  const none = <T>() => failedPaginator<T>(unsupported(id, 'that'))
  const self: Source = {
    id,
    served,
    lineItemCalls,
    lists: 0,
    capabilities: baseCaps,
    paymentLinks: {
      list: (q) => (resource === 'paymentLinks' ? listing(q) : none()) as never,
      retrieve: () => Promise.reject(unsupported(id, 'retrieve')),
      lineItems: (linkId) => {
        lineItemCalls.push(linkId)
        const list = lineItems[linkId] ?? []
        return createPaginator({
          scope: { provider: id, resource: 'lineItems', filters: {} },
          query: {},
          fetchPage: () => async () => E.right({ items: list, next: null, total: list.length }),
        })
      },
      ...noWrites(id).links,
    },
    checkoutSessions: {
      list: (q) => (resource === 'checkoutSessions' ? listing(q) : none()) as never,
      retrieve: () => Promise.reject(unsupported(id, 'retrieve')),
      lineItems: none,
      ...noWrites(id).sessions,
    },
    paymentIntents: {
      list: (q) => (resource === 'paymentIntents' ? listing(q) : none()) as never,
      retrieve: () => Promise.reject(unsupported(id, 'retrieve')),
      ...noWrites(id).intents,
    },
    ...noWrites(id).supporting,
  }
  return self
}

/** A target that is only a manifest: calling it fails the test. */
const target = (id: ProviderId, capabilities: CapabilityManifest): PaymentProvider => {
  const boom = () => {
    throw new Error('the plan called the target')
  }
  return {
    id,
    capabilities,
    paymentLinks: { list: boom, retrieve: boom, lineItems: boom, create: boom, update: boom, delete: boom },
    checkoutSessions: { list: boom, retrieve: boom, lineItems: boom, create: boom, expire: boom },
    paymentIntents: { list: boom, retrieve: boom, create: boom, confirm: boom, capture: boom, cancel: boom },
    refunds: { create: boom, retrieve: boom },
    products: { create: boom, retrieve: boom, list: boom },
    prices: { create: boom, retrieve: boom, list: boom },
  }
}

const entry = (entries: readonly MigrationEntry[], id: string): MigrationEntry => {
  const e = entries.find((x) => x.id === id)
  assert.ok(e, `no entry for ${id}`)
  return e as MigrationEntry
}

// PriceBlocs-shaped links: titles, an archived one, a setup-mode one without line items, one
// whose line item has no price id.
const pbLinks: PaymentLink[] = [
  { ...link('priceblocs', 'ok', 10), title: 'Gold plan', lineItems: [lineItem('a', { quantity: 2 })] },
  { ...link('priceblocs', 'archived', 9), status: 'archived', active: false, lineItems: [lineItem('b')] },
  { ...link('priceblocs', 'setup', 8), title: 'Card on file', lineItems: null },
  { ...link('priceblocs', 'no-price', 7), lineItems: [lineItem('c'), lineItem('d', { price: null })] },
  { ...link('priceblocs', 'unknown', 6), status: 'unknown', lineItems: [lineItem('e')] },
]

const s = suite('core/migrate')

s('PriceBlocs-shaped links to WooshPay: carried, dropped (named) and blocked, per object and in total', async () => {
  const from = source('priceblocs', 'paymentLinks', pbLinks)
  const plan = await planMigration(from, WP, 'paymentLinks')
  assert.is(plan.from, 'priceblocs')
  assert.is(plan.to, 'wooshpay')
  assert.is(plan.complete, true)
  assert.is(plan.blocked, null)
  assert.equal(plan.totals, { objects: 5, migratable: 1, lossless: 0, notMigratable: 4 })

  const ok = entry(plan.objects, 'ok')
  assert.is(ok.migratable, true)
  assert.equal(ok.dropped, ['title'])
  assert.ok(ok.carried.includes('status') && ok.carried.includes('lineItems.quantity'), ok.carried.join())
  assert.not.ok(ok.carried.includes('description'), 'a null field is neither carried nor dropped')

  assert.equal(entry(plan.objects, 'archived').reasons, ['status "archived": wooshpay holds only active, inactive'])
  assert.equal(entry(plan.objects, 'setup').reasons, ['lineItems missing: wooshpay requires it'])
  assert.equal(entry(plan.objects, 'no-price').reasons, [
    'lineItems.price missing on a line item: wooshpay requires it',
  ])
  assert.match(entry(plan.objects, 'unknown').reasons[0] as string, /^status unknown \(a source value paymux/)

  assert.equal(plan.fields['title'], { support: 'unsupported', present: 2, carried: 0, dropped: 2 })
  assert.equal(plan.fields['status'], { support: 'supported', present: 5, carried: 5, dropped: 0 })
  assert.equal(plan.fields['lineItems.quantity'], { support: 'supported', present: 4, carried: 4, dropped: 0 })
  assert.is(plan.reasons['status "archived": wooshpay holds only active, inactive'], 1)
  assert.equal(Object.keys(plan.fields), [...MIGRATION_FIELDS.paymentLinks])
  // The setup link was listed without line items: they were asked for, once.
  assert.equal(from.lineItemCalls, ['setup'])
  assert.is(plan.lineItemsFetched, 1)
})

s('WooshPay-shaped links to PriceBlocs: amounts, line-item descriptions and metadata are dropped', async () => {
  const wpLinks: PaymentLink[] = [
    {
      ...link('wooshpay', 'pl_1', 3),
      metadata: { order: '1' },
      lineItems: [
        lineItem('li_1', {
          description: 'T-shirt',
          amountSubtotal: { amount: 500, currency: 'USD' },
          amountTotal: { amount: 500, currency: 'USD' },
        }),
      ],
    },
    { ...link('wooshpay', 'pl_2', 2), status: 'inactive', active: false, lineItems: [lineItem('li_2')] },
  ]
  const plan = await planMigration(source('wooshpay', 'paymentLinks', wpLinks), PB, 'paymentLinks')
  assert.equal(plan.totals, { objects: 2, migratable: 2, lossless: 0, notMigratable: 0 })
  assert.equal(entry(plan.objects, 'pl_1').dropped, [
    'metadata',
    'lineItems.description',
    'lineItems.price.unitAmount',
    'lineItems.amountSubtotal',
    'lineItems.amountTotal',
  ])
  // The amount goes into the new price PriceBlocs makes, but its link stores none.
  assert.equal(entry(plan.objects, 'pl_2').dropped, ['lineItems.price.unitAmount'])
  assert.equal(plan.reasons, {})
})

s('a line item whose price has no amount cannot go: a new price at the target needs it', async () => {
  const unpriced = lineItem('li_u')
  const links: PaymentLink[] = [
    { ...link('priceblocs', 'pl_u', 1), lineItems: [{ ...unpriced, price: { ...unpriced.price!, unitAmount: null } }] },
    { ...link('priceblocs', 'pl_p', 1), lineItems: [lineItem('li_p')] },
  ]
  for (const to of [WP, PB]) {
    const plan = await planMigration(source('priceblocs', 'paymentLinks', links), to, 'paymentLinks')
    assert.equal(entry(plan.objects, 'pl_u').reasons, [
      `lineItems.price.unitAmount missing on a line item: a new price at ${to.id} needs it`,
    ])
    assert.is(entry(plan.objects, 'pl_p').migratable, true)
  }
})

s('a target without the resource: nothing migratable, one reason, every object still read once', async () => {
  const intents = Array.from({ length: 11 }, (_, i) => intent(`pi_${i}`))
  const from = source('wooshpay', 'paymentIntents', intents)
  const plan = await planMigration(from, PB, 'paymentIntents')
  assert.is(plan.blocked, 'priceblocs has no payment intents')
  assert.equal(plan.totals, { objects: 11, migratable: 0, lossless: 0, notMigratable: 11 })
  assert.equal(plan.reasons, { 'priceblocs has no payment intents': 11 })
  assert.ok(plan.objects.every((e) => !e.migratable && e.carried.length === 0))
  assert.ok(Object.values(plan.fields).every((t) => t.support === 'unsupported'))
  assert.is(from.lists, 1)
  assert.equal([...from.served.values()], Array(11).fill(1))
  assert.is(
    formatMigrationPlan(plan).split('\n')[2],
    'Nothing can be migrated: priceblocs has no payment intents.',
    formatMigrationPlan(plan),
  )
})

s('value checks: an amount above the target maximum, a currency the target lacks, an unknown status', async () => {
  const plan = await planMigration(
    source('wooshpay', 'paymentIntents', [
      intent('small'),
      intent('huge', { amount: { amount: 100_000_000, currency: 'JPY' } }),
      intent('odd', { status: 'unknown', captureMethod: 'unknown' }),
    ]),
    WP,
    'paymentIntents',
  )
  // Intents are records of payments: never migratable, whatever the target stores.
  const RECORDS = 'payment intents are records of payments: a copy would not carry the payment'
  assert.equal(entry(plan.objects, 'small').reasons, [RECORDS])
  assert.equal(entry(plan.objects, 'huge').reasons, [
    "amount above 99999999 (minor units): wooshpay's maximum",
    RECORDS,
  ])
  assert.is(entry(plan.objects, 'odd').reasons.length, 3)

  // A hand-made target holding one currency: money fields are checked by their currency.
  const usdOnly: CapabilityManifest = {
    ...baseCaps,
    paymentIntents: { ...WP.capabilities.paymentIntents, values: { amount: ['USD'] } },
  }
  const eur = await planMigration(
    source('wooshpay', 'paymentIntents', [intent('usd'), intent('eur', { amount: { amount: 5, currency: 'EUR' } })]),
    target('priceblocs', usdOnly),
    'paymentIntents',
  )
  assert.equal(entry(eur.objects, 'usd').reasons, [RECORDS])
  assert.equal(entry(eur.objects, 'eur').reasons, ['amount "EUR": priceblocs holds only USD', RECORDS])
})

s('fields a target does not declare count as unsupported; a target with no field list takes nothing', async () => {
  const partial: CapabilityManifest = {
    ...baseCaps,
    paymentIntents: { ...baseCaps.paymentIntents, fields: { status: 'supported', amount: 'supported' } as never },
  }
  const from = () => source('wooshpay', 'paymentIntents', [intent('pi_1', { description: 'x' })])
  const plan = await planMigration(from(), target('priceblocs', partial), 'paymentIntents')
  assert.is(plan.fields['description']?.support, 'unsupported')
  assert.ok(entry(plan.objects, 'pi_1').dropped.includes('description'))
  assert.equal(entry(plan.objects, 'pi_1').reasons, [
    'payment intents are records of payments: a copy would not carry the payment',
  ])

  const silent = await planMigration(from(), target('priceblocs', baseCaps), 'paymentIntents')
  assert.is(silent.blocked, 'priceblocs declares no fields for payment intents')
  assert.is(silent.totals.migratable, 0)
})

s('per-object detail is capped; onObject sees every object; totals cover all', async () => {
  const intents = Array.from({ length: 30 }, (_, i) =>
    intent(`pi_${i}`, { status: i % 3 === 0 ? 'unknown' : 'succeeded' }),
  )
  const seen: string[] = []
  const plan = await planMigration(source('wooshpay', 'paymentIntents', intents), WP, 'paymentIntents', {
    detail: 5,
    onObject: (e) => seen.push(e.id),
  })
  assert.equal(
    plan.objects.map((e) => e.id),
    ['pi_0', 'pi_1', 'pi_2', 'pi_3', 'pi_4'],
  )
  assert.is(plan.objectsOmitted, 25)
  assert.equal(
    seen,
    intents.map((x) => x.id),
  )
  // Payment intents are records of payments: none migratable.
  assert.equal(plan.totals, { objects: 30, migratable: 0, lossless: 0, notMigratable: 30 })
})

s('max stops the reading and says so; a max at or above the count reads everything', async () => {
  const intents = Array.from({ length: 9 }, (_, i) => intent(`pi_${i}`))
  const cut = await planMigration(source('wooshpay', 'paymentIntents', intents), WP, 'paymentIntents', { max: 6 })
  assert.is(cut.totals.objects, 6)
  assert.is(cut.complete, false)
  assert.match(formatMigrationPlan(cut), 'Stopped after 6 payment intents (max)')
  const all = await planMigration(source('wooshpay', 'paymentIntents', intents), WP, 'paymentIntents', { max: 9 })
  assert.is(all.totals.objects, 9)
  assert.is(all.complete, true)
})

s('an aborted signal rejects with kind aborted; the plan is plain JSON', async () => {
  const from = source('priceblocs', 'paymentLinks', pbLinks)
  try {
    await planMigration(from, WP, 'paymentLinks', { signal: AbortSignal.abort() })
    assert.unreachable('should have rejected')
  } catch (e) {
    assert.ok(isPaymuxError(e), String(e))
    assert.is(e.kind, 'aborted')
  }
  const plan = await planMigration(source('priceblocs', 'paymentLinks', pbLinks), WP, 'paymentLinks')
  assert.equal(JSON.parse(JSON.stringify(plan)), plan)
})

s('the human summary names dropped fields, reasons with counts and example ids', async () => {
  const text = formatMigrationPlan(
    await planMigration(source('priceblocs', 'paymentLinks', pbLinks), WP, 'paymentLinks'),
  )
  const lines = text.split('\n')
  assert.is(lines[0], 'Migration plan: payment links, priceblocs -> wooshpay (dry run: nothing written)')
  assert.is(lines[1], '5 read: 1 migratable (0 without loss), 4 not migratable')
  assert.ok(lines.includes('Dropped (wooshpay cannot store them): title (2)'), text)
  assert.match(text, /^title +no +2 +2$/m)
  assert.ok(lines.includes('  1  lineItems missing: wooshpay requires it'), text)
  assert.ok(lines.includes('  archived: status "archived": wooshpay holds only active, inactive'), text)
})

s('readField: top-level values, paths into line items, and what counts as missing', () => {
  const withItems = { ...link('x', 'l', 1), lineItems: [lineItem('a'), lineItem('b', { price: null })] }
  assert.equal(readField(withItems, 'lineItems.price').missing, 1)
  assert.is(readField(withItems, 'lineItems.price').values.length, 1)
  assert.is(readField(withItems, 'lineItems.price.productId').missing, 1)
  assert.equal(readField({ ...withItems, lineItems: null }, 'lineItems.price'), { values: [], missing: 0 })
  assert.equal(readField({ ...withItems, lineItems: [] }, 'lineItems'), { values: [], missing: 1 })
  assert.equal(readField({ metadata: {} }, 'metadata'), { values: [], missing: 1 })
  assert.equal(readField({ title: '' }, 'title'), { values: [], missing: 1 })
  assert.equal(readField({ status: 'active' }, 'status'), { values: ['active'], missing: 0 })
})

s('both adapters declare every neutral field, and only declared, supported fields carry value rules', () => {
  for (const p of [WP, PB]) {
    for (const r of ['paymentLinks', 'checkoutSessions', 'paymentIntents'] as const) {
      const caps = p.capabilities[r] as {
        fields?: Record<string, string>
        values?: Record<string, unknown>
        required?: readonly string[]
        maxAmount?: Record<string, unknown>
      }
      if (caps.fields === undefined) {
        assert.ok(p.id === 'priceblocs' && r === 'paymentIntents', `${p.id} ${r} declares no fields`)
        continue
      }
      assert.equal(Object.keys(caps.fields).sort(), [...MIGRATION_FIELDS[r]].sort(), `${p.id} ${r}`)
      const ruled = [...Object.keys(caps.values ?? {}), ...(caps.required ?? []), ...Object.keys(caps.maxAmount ?? {})]
      for (const f of ruled) assert.is(caps.fields[f], 'supported', `${p.id} ${r} rule on ${f}`)
    }
  }
})

s.run()
