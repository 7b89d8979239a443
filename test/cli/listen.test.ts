/**
 * `paymux listen` and `paymux trigger` end to end, as real child processes: listen registers an
 * endpoint and prints its secret, trigger changes the sandbox's state from another process,
 * the delivery is relayed to a real receiver (core's handler, examples/webhooks-node-http.ts)
 * that verifies it with the printed secret, and listen prints the line with the answer's status.
 * Tests wait on output lines and on the sandbox's delivery events, each under a deadline, so a
 * hang fails instead of stalling; nothing sleeps. Then the refusals, in-process through run().
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { ChildProcess } from 'node:child_process'
import type { Readable } from 'node:stream'
import {
  LISTEN_HELP,
  LISTEN_OPTIONS,
  MAIN_HELP,
  TRIGGER_HELP,
  TRIGGER_OPTIONS,
  TRIGGER_TYPES,
  run,
} from '@paymux/cli/internal'
import type { PaymuxEvent } from '@paymux/core'
import { startSandbox, SANDBOX_EVENT_TYPES } from '@paymux/wooshpay/sandbox'
import { startSandbox as startPriceblocsSandbox } from '@paymux/priceblocs/sandbox'
import { startWebhookServer } from '../../examples/webhooks-node-http.ts'
import { fakeIo } from './fake-io.ts'
import { finished, runCli, spawnCli } from './run-cli.ts'

const test = suite('cli/listen and trigger (child processes)')
const DEADLINE_MS = 60_000

/** The lines a stream printed, and promises of lines matching a pattern. */
const lineReader = (stream: Readable | null, what: string) => {
  const lines: string[] = []
  const waiters = new Set<() => void>()
  let rest = ''
  stream?.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString()).split('\n')
    rest = parts.pop() ?? ''
    lines.push(...parts)
    for (const w of [...waiters]) w()
  })
  /** The `n`-th line (printed or to come) matching `re`; fails after the deadline with the output so far. */
  const waitFor = (re: RegExp, n = 1): Promise<RegExpMatchArray> =>
    new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = lines.map((l) => l.match(re)).filter((m): m is RegExpMatchArray => m !== null)
        if (found.length < n) return false
        waiters.delete(check)
        clearTimeout(timer)
        resolve(found[n - 1] as RegExpMatchArray)
        return true
      }
      const timer = setTimeout(() => {
        waiters.delete(check)
        reject(new Error(`no ${what} line ${n} matching ${re} within ${DEADLINE_MS} ms:\n${lines.join('\n')}`))
      }, DEADLINE_MS)
      if (!check()) waiters.add(check)
    })
  return { lines, waitFor }
}

const stop = async (child: ChildProcess, signal: NodeJS.Signals) => {
  const done = finished(child)
  child.kill(signal)
  return done
}

test('listen starts its sandbox, trigger reaches it from another process, the receiver answers 200', async () => {
  const secrets: string[] = []
  const handled: PaymuxEvent[] = []
  const receiver = await startWebhookServer({ secrets, onEvent: (e) => handled.push(e), log: () => undefined })
  const listen = spawnCli(['listen', '--forward-to', receiver.url, '--port', '0'])
  const out = lineReader(listen.stdout, 'listen')
  const err = lineReader(listen.stderr, 'listen stderr')
  let stopped = false
  try {
    const ready = await out.waitFor(/^Ready! Your webhook signing secret is (whsec_\w+) \(endpoint (we_\d+)/)
    secrets.push(ready[1] as string)
    const env: Record<string, string> = {}
    for (const line of out.lines) {
      const m = /^export (WOOSHPAY_[A-Z_]+)=(\S+)$/.exec(line)
      if (m) env[m[1] as string] = m[2] as string
    }
    assert.equal(Object.keys(env).sort(), ['WOOSHPAY_API_KEY', 'WOOSHPAY_BASE_URL'])

    const trigger = await runCli(['trigger', 'payment_intent.succeeded'], env)
    assert.is(trigger.code, 0, trigger.stderr)
    const emitted = /emitted payment_intent\.succeeded \[(evt_\d+)\]/.exec(trigger.stdout)
    assert.ok(emitted, trigger.stdout)
    assert.match(trigger.stdout, /confirmed pi_\d+ with pm_card_visa \(succeeded\)/)
    const id = emitted[1] as string
    const forwarded = await out.waitFor(new RegExp(`payment_intent\\.succeeded \\[${id}\\]  -->  \\[(\\d+)\\] POST `))
    assert.is(forwarded[1], '200')
    assert.ok(
      handled.some((e) => e.id === id && e.type === 'payment_intent.succeeded'),
      'verified with the printed secret and handled',
    )

    const r = await stop(listen, 'SIGINT')
    stopped = true
    assert.is(r.code, 0, err.lines.join('\n'))
    await err.waitFor(new RegExp(`^paymux: stopped listening; endpoint ${ready[2] as string} deleted$`))
  } finally {
    if (!stopped) listen.kill('SIGKILL')
    receiver.server.close()
  }
})

test('against a sandbox of the environment: every delivery twice, handled once, retried after a 500; endpoint removed on SIGTERM', async () => {
  const sb = await startSandbox({
    count: 3,
    seed: 5,
    webhooks: { duplicate: true, backoffMs: 0, sleep: () => Promise.resolve() },
  })
  const env = { WOOSHPAY_API_KEY: sb.apiKey, WOOSHPAY_BASE_URL: sb.baseUrl }
  const secrets: string[] = []
  const handled: string[] = []
  let failOnce = true
  const receiver = await startWebhookServer({
    secrets,
    log: () => undefined,
    onEvent: (e) => {
      // The application fails the first time: the sandbox's retry, through listen, runs it again.
      if (e.type === 'checkout_session.completed' && failOnce) {
        failOnce = false
        throw new Error('database down')
      }
      handled.push(`${e.type} ${e.id}`)
    },
  })
  const listen = spawnCli(['listen', '--forward-to', receiver.url, '--events', 'checkout.session.completed'], env)
  const out = lineReader(listen.stdout, 'listen')
  let stopped = false
  try {
    const ready = await out.waitFor(/^Ready! Your webhook signing secret is (whsec_\w+)/)
    secrets.push(ready[1] as string)
    assert.not.ok(
      out.lines.some((l) => l.startsWith('export ')),
      'no sandbox of its own',
    )
    const trigger = await runCli(['trigger', 'checkout.session.completed'], env)
    assert.is(trigger.code, 0, trigger.stderr)
    const id = (/emitted checkout\.session\.completed \[(evt_\d+)\]/.exec(trigger.stdout) ?? [])[1] as string
    const deadline = AbortSignal.timeout(DEADLINE_MS)
    await sb.webhooks.waitFor((a) => a.eventId === id && a.copy === 2 && a.ok, deadline)
    await sb.webhooks.waitFor((a) => a.eventId === id && a.copy === 1 && a.ok, deadline)
    assert.equal(
      sb.webhooks
        .attempts()
        .map((a) => a.type)
        .filter((t) => t !== 'checkout.session.completed'),
      [],
      '--events: only the type asked for',
    )
    const statuses = sb.webhooks.attempts().map((a) => a.status)
    assert.equal(statuses.filter((s) => s === 500).length, 1, statuses.join(','))
    assert.equal(handled, [`checkout_session.completed ${id}`], 'handled once')
    // One line per delivery: the 500, its retry and the duplicate, each with its status.
    const line = new RegExp(
      `^\\S+ \\S+  checkout\\.session\\.completed \\[${id}\\]  -->  \\[(\\d+)\\] POST ${receiver.url}$`,
    )
    await out.waitFor(line, 3)
    assert.equal(
      out.lines
        .map((l) => l.match(line)?.[1])
        .filter(Boolean)
        .sort(),
      ['200', '200', '500'],
    )
    const r = await stop(listen, 'SIGTERM')
    stopped = true
    assert.is(r.code, 0, r.stderr)
    const left = await fetch(`${sb.baseUrl}/v1/webhook_endpoints`, {
      headers: { authorization: `Basic ${Buffer.from(`${sb.apiKey}:`).toString('base64')}` },
    })
    assert.equal(((await left.json()) as { data: unknown[] }).data, [], 'the endpoint was deleted')
  } finally {
    if (!stopped) listen.kill('SIGKILL')
    receiver.server.close()
    await sb.close()
  }
})

const inProcess = async (argv: string[], env: Record<string, string> = {}) => {
  const io = fakeIo({ env })
  const code = await run(argv, io)
  return { code, out: io.out(), err: io.err() }
}

test('a real WooshPay account is refused by listen and trigger, before any request', async () => {
  for (const env of [
    { WOOSHPAY_API_KEY: 'sk_test_realAccount123' },
    { WOOSHPAY_API_KEY: 'sk_live_realAccount123', WOOSHPAY_BASE_URL: 'https://api.wooshpay.com' },
  ]) {
    const l = await inProcess(['listen', '--forward-to', 'http://localhost:3000/webhooks'], env)
    assert.is(l.code, 1)
    assert.match(
      l.err,
      /^paymux: unsupported: paymux listen works with the local WooshPay sandbox only, not with a WooshPay account .*WooshPay documents no API that forwards its deliveries/,
    )
    assert.not.match(l.err, /realAccount123/)
    const t = await inProcess(['trigger', 'payment_intent.succeeded'], env)
    assert.is(t.code, 1)
    assert.match(t.err, /^paymux: unsupported: paymux trigger works with the local WooshPay sandbox only/)
  }
})

test('usage: typos get the closest name, missing parts are named, exit codes as the other commands', async () => {
  const typo = await inProcess(['trigger', 'payment_intent.succeded'])
  assert.equal(
    [typo.code, typo.err],
    [
      2,
      'paymux: usage: unknown event type "payment_intent.succeded" (did you mean payment_intent.succeeded? see paymux trigger --help)\n',
    ],
  )
  const neutral = await inProcess(['trigger', 'checkout_session.completed'])
  assert.match(neutral.err, /did you mean checkout\.session\.completed\?/)
  const events = await inProcess(['listen', '--forward-to', 'http://localhost:1/', '--events', 'refund.creatd'])
  assert.equal(
    [events.code, events.err],
    [
      2,
      'paymux: usage: unknown event type "refund.creatd" in --events (did you mean refund.created? see paymux listen --help)\n',
    ],
  )
  assert.match((await inProcess(['listen'])).err, /^paymux: usage: --forward-to is required/)
  assert.match((await inProcess(['listen', '--forward-to', 'ftp://x/'])).err, /must be an http or https URL/)
  assert.match((await inProcess(['listen', '--forwrd-to', 'x'])).err, /did you mean --forward-to\?/)
  assert.match((await inProcess(['trigger'])).err, /^paymux: usage: missing <event-type>/)
  const none = await inProcess(['trigger', 'refund.created'])
  assert.equal(none.code, 1)
  assert.match(none.err, /^paymux: config: no WOOSHPAY_API_KEY: paymux trigger needs the sandbox that paymux listen/)
  const pb = await inProcess(['listen', '--forward-to', 'http://localhost:1/', '--provider', 'priceblocs'])
  assert.equal(pb.code, 1)
  assert.match(pb.err, /^paymux: unsupported: PriceBlocs documents no webhooks/)
  const port = await inProcess(['listen', '--forward-to', 'http://localhost:1/', '--port', '99999'])
  assert.equal(port.code, 2)
  const help = await inProcess(['help', 'listen'])
  assert.equal([help.code, help.out], [0, LISTEN_HELP])
  assert.is((await inProcess(['trigger', '--help'])).out, TRIGGER_HELP)
})

test('every trigger fixture makes the sandbox emit its event type (in-process, a sandbox of the test)', async () => {
  const sb = await startSandbox({ count: 3, seed: 8 })
  const env = { WOOSHPAY_API_KEY: sb.apiKey, WOOSHPAY_BASE_URL: sb.baseUrl }
  try {
    for (const type of [...TRIGGER_TYPES, 'charge.refunded']) {
      const r = await inProcess(['trigger', type], env)
      assert.is(r.code, 0, r.err)
      const sent = type === 'charge.refunded' ? 'charge.refund.updated' : type
      assert.match(r.out, new RegExp(`^  emitted ${sent.replace(/\./g, '\\.')} \\[evt_\\d+\\]$`, 'm'), r.out)
      assert.match(r.out, /^Trigger succeeded: \d+ events? emitted\.$/m)
    }
  } finally {
    await sb.close()
  }
})

test('a sandbox that is gone, a server that is not a sandbox, half a setup: each its own error', async () => {
  const sb = await startSandbox({ count: 1, seed: 9 })
  const baseUrl = sb.baseUrl
  await sb.close()
  const gone = await inProcess(['trigger', 'payment_intent.created'], {
    WOOSHPAY_API_KEY: 'sk_test_k',
    WOOSHPAY_BASE_URL: baseUrl,
  })
  assert.is(gone.code, 1)
  assert.match(
    gone.err,
    /^paymux: connection: the WooshPay sandbox at http:\/\/127\.0\.0\.1:\d+ does not answer \(is paymux listen/,
  )
  const other = await startPriceblocsSandbox({ count: 1 })
  try {
    const env = { WOOSHPAY_API_KEY: other.apiKey, WOOSHPAY_BASE_URL: other.baseUrl }
    const wrong = await inProcess(['listen', '--forward-to', 'http://localhost:1/'], env)
    assert.is(wrong.code, 1)
    assert.match(wrong.err, /^paymux: \w+: POST \/v1\/webhook_endpoints on the WooshPay sandbox failed: /)
  } finally {
    await other.close()
  }
  const half = await inProcess(['trigger', 'refund.created'], { WOOSHPAY_BASE_URL: 'http://127.0.0.1:4010' })
  assert.match(half.err, /^paymux: config: WOOSHPAY_BASE_URL is set but WOOSHPAY_API_KEY is not/)
  const empty = await inProcess(['listen', '--forward-to', 'http://localhost:1/'], { WOOSHPAY_API_KEY: ' ' })
  assert.match(empty.err, /^paymux: config: WOOSHPAY_API_KEY is set but empty/)
  const notUrl = await inProcess(['trigger', 'refund.created'], {
    WOOSHPAY_API_KEY: 'sk_test_k',
    WOOSHPAY_BASE_URL: 'nope',
  })
  assert.match(notUrl.err, /^paymux: config: WOOSHPAY_BASE_URL is not a URL/)
  const port = await inProcess(['listen', '--forward-to', 'http://localhost:1/', '--port', '0'], {
    WOOSHPAY_API_KEY: 'sk_test_k',
    WOOSHPAY_BASE_URL: 'http://127.0.0.1:4010',
  })
  assert.equal(port.code, 2)
  assert.match(port.err, /--port is for the sandbox listen starts itself/)
})

test('trigger has a fixture for every type the sandbox sends; help texts list every option', () => {
  assert.equal([...TRIGGER_TYPES].sort(), [...SANDBOX_EVENT_TYPES].sort())
  for (const type of SANDBOX_EVENT_TYPES) assert.ok(TRIGGER_HELP.includes(type), type)
  for (const [command, options, help] of [
    ['listen', LISTEN_OPTIONS, LISTEN_HELP],
    ['trigger', TRIGGER_OPTIONS, TRIGGER_HELP],
  ] as const) {
    for (const name of Object.keys(options)) {
      assert.ok(help.includes(`--${name}`), `${command} --help lacks --${name}`)
      assert.ok(MAIN_HELP.includes(`--${name}`), `paymux --help lacks --${name} (of ${command})`)
    }
  }
})

test.run()
