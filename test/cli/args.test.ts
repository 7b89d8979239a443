import { suite } from 'uvu'
import { PaymuxError } from '@paymux/core/adapter'
// Loads the adapters as the CLI does: each registers its key shapes for redaction (core knows none).
import '@paymux/wooshpay'
import * as assert from 'uvu/assert'
import {
  parseCommandLine,
  parseDate,
  parseInteger,
  parseProvider,
  parseRate,
  parseResource,
  positionals,
  CliError,
  describeFailure,
  filtersToJson,
  parseFilters,
  FILTER_OPTIONS,
  closest,
  editDistance,
} from '@paymux/cli/internal'

/** Runs `fn`, expecting a usage error whose message contains `part`. */
const usage = (fn: () => unknown, part: string): CliError => {
  try {
    fn()
  } catch (e) {
    assert.instance(e, CliError)
    const err = e as CliError
    assert.is(err.kind, 'usage')
    assert.ok(err.message.includes(part), `${JSON.stringify(err.message)} should mention ${part}`)
    return err
  }
  return assert.unreachable(`expected a usage error about ${part}`) as never
}

const args = suite('cli/args')

args('parseDate reads days, date-times with and without offsets, and Unix seconds', () => {
  assert.is(parseDate('--d', '2024-05-01').toISOString(), '2024-05-01T00:00:00.000Z')
  assert.is(parseDate('--d', '2024-05-01T12:30:00Z').toISOString(), '2024-05-01T12:30:00.000Z')
  // No offset means UTC, whatever the machine's time zone.
  assert.is(parseDate('--d', '2024-05-01T12:30').toISOString(), '2024-05-01T12:30:00.000Z')
  assert.is(parseDate('--d', '2024-05-01T12:30:00+02:00').toISOString(), '2024-05-01T10:30:00.000Z')
  assert.is(parseDate('--d', '1714521600').toISOString(), '2024-05-01T00:00:00.000Z')
  assert.is(parseDate('--d', '@1714521600').toISOString(), '2024-05-01T00:00:00.000Z')
  assert.is(parseDate('--d', '@0').toISOString(), '1970-01-01T00:00:00.000Z')
})

args('parseDate reads a bare year and a year-month as their first day; short numbers are refused', () => {
  assert.is(parseDate('--d', '2024').toISOString(), '2024-01-01T00:00:00.000Z')
  assert.is(parseDate('--d', '2024-05').toISOString(), '2024-05-01T00:00:00.000Z')
  for (const bad of ['2024-13', '20240', '2024050', '12345678', '@', '@-5']) usage(() => parseDate('--d', bad), '--d')
  // Nine digits and more are Unix seconds (1973 onwards).
  assert.is(parseDate('--d', '100000000').toISOString(), '1973-03-03T09:46:40.000Z')
})

args('closest suggests a near name only', () => {
  assert.is(closest('--provder', ['--provider', '--limit', '--json']), '--provider')
  assert.is(closest('--lmit', ['--provider', '--limit']), '--limit')
  assert.is(closest('--colour', ['--provider', '--limit', '--json']), undefined)
  assert.is(editDistance('kitten', 'sitting'), 3)
})

args('parseDate refuses impossible and malformed dates instead of rolling them over', () => {
  for (const bad of ['2024-02-30', '2024-13-01', 'yesterday', '2024/05/01', '', '2024-05-01T25:00', '05-01-2024']) {
    const e = usage(() => parseDate('--created-gte', bad), '--created-gte')
    assert.ok(e.hint.includes('YYYY-MM-DD'))
  }
})

args('parseResource accepts the three resources and suggests the closest name', () => {
  assert.is(parseResource('payment-intents'), 'payment-intents')
  assert.is(parseResource('payment_intents'), 'payment-intents')
  const e = usage(() => parseResource('payment_link'), 'unknown resource')
  assert.is(e.hint, 'did you mean payment-links?')
  assert.ok(usage(() => parseResource('refunds'), 'refunds').hint.includes('checkout-sessions'))
})

args('parseProvider: all only where allowed, required where there is no default', () => {
  assert.is(parseProvider(undefined, 'list', true, 'all'), 'all')
  assert.is(parseProvider('priceblocs', 'get', false), 'priceblocs')
  assert.is(parseProvider('all', 'export', true), 'all')
  usage(() => parseProvider(undefined, 'get', false), '--provider is required')
  usage(() => parseProvider('all', 'get', false), 'needs one provider')
  usage(() => parseProvider('stripe', 'list', true), 'unknown provider "stripe"')
})

args('parseInteger and parseRate hold their bounds', () => {
  assert.is(parseInteger('--limit', '5', 1, 10), 5)
  usage(() => parseInteger('--limit', '0', 1, 10), '--limit')
  usage(() => parseInteger('--limit', '11', 1, 10), '--limit')
  usage(() => parseInteger('--limit', '-3', 1, 10), '--limit')
  usage(() => parseInteger('--limit', '2.5', 1, 10), '--limit')
  usage(() => parseInteger('--limit', 'ten', 1, 10), '--limit')
  assert.is(parseRate('--faults', '0.25'), 0.25)
  assert.is(parseRate('--faults', '1'), 1)
  usage(() => parseRate('--faults', '1.5'), '--faults')
  usage(() => parseRate('--faults', 'lots'), '--faults')
})

args('parseCommandLine turns parseArgs failures into short usage errors', () => {
  const opts = { limit: { type: 'string' }, json: { type: 'boolean' } } as const
  const p = parseCommandLine(['payment-links', '--limit', '3', '--json'], opts, 'list')
  assert.equal(p.positionals, ['payment-links'])
  assert.is(p.values['limit'], '3')
  assert.is(usage(() => parseCommandLine(['--nope'], opts, 'list'), '--nope').message, 'unknown option --nope')
  assert.is(usage(() => parseCommandLine(['--limit'], opts, 'list'), '--limit').message, '--limit needs a value')
  assert.is(usage(() => parseCommandLine(['--json=1'], opts, 'list'), '--json').message, '--json takes no value')
  assert.is(usage(() => parseCommandLine(['--nope'], opts, 'list'), 'nope').hint, 'see paymux list --help')
  assert.is(
    usage(() => parseCommandLine(['--limt', '3'], opts, 'list'), '--limt').hint,
    'did you mean --limit? see paymux list --help',
  )
  // A negative number after a string option is its value, for the option's own check to refuse.
  assert.is(parseCommandLine(['--limit', '-1'], opts, 'list').values['limit'], '-1')
  assert.is(
    usage(() => parseCommandLine(['--limit', '--json'], opts, 'list'), '--limit').message,
    '--limit needs a value',
  )
})

args('positionals counts missing and extra arguments', () => {
  const p = parseCommandLine(['payment-links'], {}, 'get')
  usage(() => positionals(p, ['resource', 'id'], 'get'), 'missing <id>')
  const extra = parseCommandLine(['a', 'b', 'c'], {}, 'get')
  usage(() => positionals(extra, ['resource', 'id'], 'get'), 'unexpected argument "c"')
})

args('parseFilters checks the status against the resource and the date range order', () => {
  const parse = (argv: string[], resource: 'payment-links' | 'payment-intents') =>
    parseFilters(parseCommandLine(argv, FILTER_OPTIONS, 'list'), resource)
  const f = parse(
    ['--created-gte', '2024-01-01', '--created-lt', '2024-02-01', '--status', 'succeeded'],
    'payment-intents',
  )
  assert.equal(filtersToJson(f), {
    createdGte: '2024-01-01T00:00:00.000Z',
    createdLt: '2024-02-01T00:00:00.000Z',
    status: 'succeeded',
  })
  assert.equal(parse([], 'payment-links'), {})
  const e = usage(() => parse(['--status', 'succeeded'], 'payment-links'), 'unknown payment link status')
  assert.ok(e.hint.includes('archived'))
  usage(() => parse(['--created-gte', '2024-02-01', '--created-lt', '2024-01-01'], 'payment-links'), 'before')
})

args('describeFailure: one line, kind and hint, exit 2 only for usage, secrets removed', () => {
  const u = describeFailure(new CliError('usage', 'unknown resource "x"', 'use one of a, b'))
  assert.is(u.line, 'paymux: usage: unknown resource "x" (use one of a, b)')
  assert.is(u.exitCode, 2)
  const io = describeFailure(Object.assign(new Error('open /x/y: no such file'), { code: 'ENOENT' }))
  assert.is(io.exitCode, 1)
  assert.ok(io.line.startsWith('paymux: io: '))
  const secret = describeFailure(new Error('boom with weird-secret-value\nsecond line'), ['weird-secret-value'])
  assert.is(secret.line, 'paymux: internal: boom with [REDACTED] second line (run again with --debug and report it)')
  assert.not.ok(describeFailure(new Error('key sk_test_abcdefgh1234 leaked')).line.includes('sk_test_abcdefgh1234'))
  const limited = describeFailure(
    new PaymuxError({ kind: 'rate_limited', provider: 'priceblocs', message: 'slow down' }),
  )
  assert.is(limited.line, 'paymux: rate_limited: priceblocs: slow down (retry in a minute)')
  assert.is(limited.exitCode, 1)
  const conn = describeFailure(
    new PaymuxError({ kind: 'connection', provider: 'wooshpay', message: 'wooshpay: refused' }),
  )
  assert.is(conn.line, 'paymux: connection: wooshpay: refused (check WOOSHPAY_BASE_URL and the network)')
})

args.run()
