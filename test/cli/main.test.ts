import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { readFileSync } from 'node:fs'
import { run } from '@paymux/cli/internal'
import { fakeIo } from './fake-io.ts'

const s = suite('cli/main (in-process)')

const usageCases: readonly (readonly [string, string[], string])[] = [
  ['no command', [], ''],
  ['unknown command', ['lsit', 'payment-links'], 'unknown command "lsit"'],
  ['unknown top-level option', ['--frobnicate'], 'unknown option --frobnicate'],
  ['list: unknown resource', ['list', 'refunds'], 'unknown resource "refunds"'],
  ['list: missing resource', ['list'], 'missing <resource>'],
  ['list: bad date', ['list', 'payment-links', '--created-gte', '2024-02-30'], '--created-gte is not a date'],
  ['list: bad limit', ['list', 'payment-links', '--limit', '0'], '--limit needs a positive integer'],
  ['list: bad status', ['list', 'payment-intents', '--status', 'paid'], 'unknown payment intent status'],
  ['list: bad provider', ['list', 'payment-links', '--provider', 'stripe'], 'unknown provider "stripe"'],
  ['list: unknown option', ['list', 'payment-links', '--colour'], 'unknown option --colour'],
  ['get: missing id', ['get', 'payment-links', '--provider', 'wooshpay'], 'missing <id>'],
  ['get: no provider', ['get', 'payment-links', 'pl_1'], '--provider is required'],
  ['get: provider all', ['get', 'payment-links', 'pl_1', '--provider', 'all'], 'needs one provider'],
  ['export: no --out', ['export', 'payment-links', '--provider', 'wooshpay'], '--out FILE is required'],
  ['export: bad format', ['export', 'payment-links', '--provider', 'wooshpay', '-o', 'x', '--format', 'xml'], 'format'],
  ['sandbox: bad faults', ['sandbox', '--faults', '2'], '--faults must be a number from 0 to 1'],
  ['sandbox: extra argument', ['sandbox', 'now'], 'unexpected argument "now"'],
]

for (const [name, argv, part] of usageCases) {
  s(`usage error (exit 2, one line, nothing on stdout): ${name}`, async () => {
    const io = fakeIo()
    const code = await run(argv, io)
    assert.is(code, 2)
    assert.is(io.out(), '')
    if (argv.length === 0) {
      // No command at all: the overview, on stderr since nothing was done.
      assert.ok(io.err().includes('Usage:'))
      return
    }
    const lines = io.err().trimEnd().split('\n')
    assert.is(lines.length, 1, io.err())
    assert.match(lines[0] as string, /^paymux: usage: .+ \(.+\)$/)
    assert.ok(io.err().includes(part), io.err())
  })
}

s('--help works at the top, per command, and as `help <command>`, on stdout with exit 0', async () => {
  const cases: readonly (readonly [string[], string])[] = [
    [['--help'], 'paymux list <resource>'],
    [['-h'], 'Exit codes: 0 ok, 1 failure, 2 usage error'],
    [['list', '--help'], 'Usage: paymux list <resource>'],
    [['get', '-h'], 'Usage: paymux get <resource> <id>'],
    [['export', '--help'], 'FILE.checkpoint.json'],
    [['sandbox', '--help'], 'not secrets'],
    [['help', 'export'], 'Usage: paymux export'],
    // --help wins over arguments that would otherwise be wrong.
    [['list', 'refunds', '--help'], 'Usage: paymux list'],
  ]
  for (const [argv, part] of cases) {
    const io = fakeIo()
    assert.is(await run(argv, io), 0, argv.join(' '))
    assert.ok(io.out().includes(part), `${argv.join(' ')}: ${io.out().slice(0, 80)}`)
    assert.is(io.err(), '')
  }
})

s('--version prints the package version', async () => {
  const pkg = JSON.parse(readFileSync('packages/cli/package.json', 'utf8')) as { version: string }
  const io = fakeIo()
  assert.is(await run(['--version'], io), 0)
  assert.is(io.out(), `paymux ${pkg.version}\n`)
})

s('a base URL without a key is a config error (exit 1), not a silent sandbox', async () => {
  const io = fakeIo({ env: { WOOSHPAY_BASE_URL: 'http://127.0.0.1:9' } })
  assert.is(await run(['get', 'payment-links', 'pl_1', '--provider', 'wooshpay'], io), 1)
  assert.is(
    io.err(),
    'paymux: config: WOOSHPAY_BASE_URL is set but WOOSHPAY_API_KEY is not (set WOOSHPAY_API_KEY, or unset WOOSHPAY_BASE_URL to use the built-in sandbox)\n',
  )
})

s.run()
