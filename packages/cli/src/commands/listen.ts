/**
 * `paymux listen --forward-to URL [--events a,b]`: the Stripe CLI's `stripe listen` for the
 * WooshPay sandbox. It registers a webhook endpoint on the sandbox pointing at a relay it serves
 * on 127.0.0.1, prints the endpoint's signing secret (a secret of that sandbox only), and relays
 * every delivery to URL byte for byte with its `Wooshpay-Signature` header, so the application
 * verifies exactly what the sandbox signed. It prints one line per delivery with the answer's
 * status and hands that status back to the sandbox, which retries a non-2xx answer as WooshPay
 * would. Without WOOSHPAY_API_KEY it starts the built-in sandbox itself and prints the two lines
 * that let `paymux trigger` in another shell reach it (src/sandbox-target.ts has the rule). On
 * Ctrl-C / SIGTERM it deletes the endpoint, stops, and exits 0.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Sandbox } from '@paymux/core'
import { flag, parseCommandLine, parseInteger, positionals, str } from '../args.ts'
import { EXIT_OK, usageError } from '../cli-error.ts'
import type { Io } from '../io.ts'
import { PROVIDERS } from '../providers.ts'
import { checkWooshpayOnly, sandboxCall, sandboxTarget, type SandboxTarget } from '../sandbox-target.ts'
import { closest } from '../suggest.ts'
import { LISTEN_HELP } from '../usage.ts'
import { waitForAbort } from './sandbox.ts'
import { TRIGGER_TYPES } from './trigger.ts'

export const LISTEN_OPTIONS = {
  'forward-to': { type: 'string', short: 'f' },
  events: { type: 'string' },
  port: { type: 'string' },
  provider: { type: 'string' },
} as const

/** The port of the sandbox `listen` starts itself, as `paymux sandbox` (0: a free port). */
const DEFAULT_PORT = 4010
/**
 * How long the application may take to answer one forwarded delivery: under the sandbox's own
 * 10 s per attempt, so the sandbox hears the relay's 502 instead of timing out on it first.
 */
const FORWARD_TIMEOUT_MS = 9_000

const parseForwardTo = (value: string | undefined): URL => {
  if (value === undefined)
    throw usageError('--forward-to is required', 'e.g. --forward-to http://localhost:3000/webhooks')
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw usageError(`--forward-to is not a URL: ${JSON.stringify(value)}`, 'e.g. http://localhost:3000/webhooks')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw usageError(
      `--forward-to must be an http or https URL, got ${url.protocol}`,
      'e.g. http://localhost:3000/webhooks',
    )
  return url
}

/** `--events a,b`: event types the sandbox sends (a typo gets the closest name), or all. */
const parseEvents = (value: string | undefined): string[] => {
  if (value === undefined) return ['*']
  const names = value
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '')
  if (names.length === 0) throw usageError('--events is empty', 'e.g. --events payment_intent.succeeded')
  for (const name of names) {
    if (name === '*' || TRIGGER_TYPES.includes(name)) continue
    const guess = closest(name, TRIGGER_TYPES)
    throw usageError(
      `unknown event type ${JSON.stringify(name)} in --events`,
      guess ? `did you mean ${guess}? see paymux listen --help` : `use some of ${TRIGGER_TYPES.join(', ')}`,
    )
  }
  return names
}

const readBody = async (req: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** `type [evt_…]` of a delivery, for its line; the body is relayed as is whatever it holds. */
const labelOf = (body: Buffer): string => {
  try {
    const e = JSON.parse(body.toString('utf8')) as { id?: unknown; type?: unknown }
    return `${typeof e.type === 'string' ? e.type : '?'} [${typeof e.id === 'string' ? e.id : '?'}]`
  } catch {
    return '(not JSON)'
  }
}

const stamp = (): string => new Date().toISOString().replace('T', ' ').slice(0, 19)

/** Relays each delivery to `forwardTo`; resolves with the server once it listens. */
const startRelay = async (forwardTo: URL, io: Io): Promise<Server> => {
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req)
      const signature = req.headers['wooshpay-signature']
      let status: number
      let shown: string
      try {
        const answer = await fetch(forwardTo, {
          method: 'POST',
          headers: {
            'content-type': req.headers['content-type'] ?? 'application/json',
            'user-agent': 'paymux-listen',
            ...(typeof signature === 'string' ? { 'wooshpay-signature': signature } : {}),
          },
          body: new Uint8Array(body),
          redirect: 'manual',
          signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
        })
        await answer.arrayBuffer().catch(() => undefined)
        status = answer.status
        shown = String(status)
      } catch (e) {
        // The application is down or too slow: 502, so the sandbox retries as WooshPay would.
        const cause = (e as { cause?: { code?: unknown } }).cause?.code
        status = 502
        shown = `error: ${typeof cause === 'string' ? cause : e instanceof Error ? e.name : 'failed'}`
      }
      io.stdout.write(`${stamp()}  ${labelOf(body)}  -->  [${shown}] POST ${forwardTo.href}\n`)
      res.writeHead(status, { 'content-type': 'text/plain' }).end(`forwarded: ${shown}`)
    })().catch(() => res.writeHead(500).end())
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  return server
}

export const listenCommand = async (args: readonly string[], io: Io): Promise<number> => {
  const p = parseCommandLine(args, LISTEN_OPTIONS, 'listen')
  if (flag(p, 'help')) {
    io.stdout.write(LISTEN_HELP)
    return EXIT_OK
  }
  positionals(p, [], 'listen')
  const forwardTo = parseForwardTo(str(p, 'forward-to'))
  const events = parseEvents(str(p, 'events'))
  const portText = str(p, 'port')
  const port = portText === undefined ? DEFAULT_PORT : parseInteger('--port', portText, 0, 65535)
  checkWooshpayOnly(str(p, 'provider'), 'listen')
  const existing = sandboxTarget(io, 'listen', 'may-start')
  if (existing && portText !== undefined)
    throw usageError('--port is for the sandbox listen starts itself', 'drop --port, or unset WOOSHPAY_API_KEY')

  let own: Sandbox | null = null
  let relay: Server | null = null
  let endpointId: string | null = null
  let target: SandboxTarget | null = existing
  const remove = (t: SandboxTarget, id: string) =>
    sandboxCall(t, 'DELETE', `/v1/webhook_endpoints/${id}`, undefined, AbortSignal.timeout(5000))
  try {
    if (!target) {
      own = await PROVIDERS.wooshpay.startSandbox({ port })
      target = { baseUrl: own.baseUrl, apiKey: own.apiKey }
      io.stdout.write(
        [
          '# paymux listen: the built-in WooshPay sandbox runs in this process. To trigger events from',
          '# another shell, paste these lines there (a test key of this local server, not a secret):',
          `export WOOSHPAY_BASE_URL=${target.baseUrl}`,
          `export WOOSHPAY_API_KEY=${target.apiKey}`,
          '',
        ].join('\n'),
      )
    }
    relay = await startRelay(forwardTo, io)
    const relayUrl = `http://127.0.0.1:${(relay.address() as AddressInfo).port}/`
    const endpoint = await sandboxCall(target, 'POST', '/v1/webhook_endpoints', {
      url: relayUrl,
      enabled_events: events,
      description: `paymux listen --forward-to ${forwardTo.href}`,
    })
    endpointId = endpoint['id'] as string
    io.stdout.write(
      `Ready! Your webhook signing secret is ${String(endpoint['secret'])} (endpoint ${endpointId} of the sandbox at ${target.baseUrl}; a sandbox secret)\n` +
        `Forwarding ${events.join(', ') === '*' ? 'every event' : events.join(', ')} to ${forwardTo.href}. Ctrl-C to stop.\n`,
    )
    await waitForAbort(io.signal)
    const id: string = endpointId
    endpointId = null
    const deleted = await remove(target, id)
      .then(() => `endpoint ${id} deleted`)
      .catch(() => `endpoint ${id} could not be deleted (the sandbox is gone?)`)
    io.stderr.write(`paymux: stopped listening; ${deleted}\n`)
    return EXIT_OK
  } finally {
    if (endpointId !== null && target !== null && !own) {
      // Failed after registering (not by the signal): leave no endpoint pointing at a dead relay.
      await remove(target, endpointId).catch(() => undefined)
    }
    if (relay) {
      relay.closeAllConnections()
      await new Promise<void>((resolve) => (relay as Server).close(() => resolve()))
    }
    await own?.close()
  }
}
