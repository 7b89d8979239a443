/**
 * Which WooshPay sandbox `paymux listen` and `paymux trigger` talk to, and its own endpoints
 * (webhook endpoints, events, test helpers) that the adapter has no method for.
 *
 * Two processes must reach the same sandbox, so the rule is the one of `paymux sandbox`: the
 * sandbox is named by `WOOSHPAY_BASE_URL` + `WOOSHPAY_API_KEY` (as `paymux sandbox` and
 * `paymux listen` print them). `listen` without a key starts the built-in sandbox in its own
 * process and prints those lines; `trigger` without a key has nothing to trigger in (a sandbox
 * of its own would emit events nobody listens to) and says how to get one. A base URL that is
 * not a loopback address is a real WooshPay account: refused, because WooshPay documents no
 * way to forward deliveries to a local machine and no test helper to drive state with.
 */
import { CliError, usageError } from './cli-error.ts'
import type { Io } from './io.ts'

/** A reachable sandbox: where it is and its test key (not a secret: it opens only that server). */
export interface SandboxTarget {
  readonly baseUrl: string
  readonly apiKey: string
}

/** `listen` may start its own sandbox; `trigger` needs one that runs. */
export type TargetRule = 'may-start' | 'must-exist'

/** This machine: where `paymux sandbox` and `paymux listen` serve (127.0.0.1), or a proxy of it. */
const isLocal = (hostname: string): boolean =>
  ['localhost', '[::1]'].includes(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname)

/** Why each command cannot work against a real account (docs/providers/wooshpay.md#sandbox-webhooks). */
const REAL_ACCOUNT = {
  listen: 'WooshPay documents no API that forwards its deliveries to this machine',
  trigger: "WooshPay documents no test helpers to drive a payment's state with (the sandbox has them)",
} as const

/**
 * The sandbox of the environment, or null when there is no key and `rule` allows starting one.
 * Refuses a real account (`unsupported`), an empty key and a base URL without a key (`config`).
 */
export const sandboxTarget = (io: Io, command: 'listen' | 'trigger', rule: TargetRule): SandboxTarget | null => {
  const apiKey = io.env['WOOSHPAY_API_KEY']
  const baseUrl = io.env['WOOSHPAY_BASE_URL']
  if (apiKey !== undefined && apiKey.trim() === '')
    throw new CliError(
      'config',
      'WOOSHPAY_API_KEY is set but empty',
      'set it to the key paymux sandbox or paymux listen printed, or unset it',
    )
  if (apiKey === undefined) {
    if (baseUrl)
      throw new CliError(
        'config',
        'WOOSHPAY_BASE_URL is set but WOOSHPAY_API_KEY is not',
        'export both lines paymux sandbox or paymux listen printed',
      )
    if (rule === 'may-start') return null
    throw new CliError(
      'config',
      `no WOOSHPAY_API_KEY: paymux ${command} needs the sandbox that paymux listen or paymux sandbox runs`,
      'start paymux listen --forward-to URL (or paymux sandbox) in another shell and export the two lines it prints',
    )
  }
  let url: URL | null = null
  try {
    url = baseUrl ? new URL(baseUrl) : null
  } catch {
    throw new CliError(
      'config',
      `WOOSHPAY_BASE_URL is not a URL: ${JSON.stringify(baseUrl)}`,
      'check WOOSHPAY_BASE_URL',
    )
  }
  if (url === null || !isLocal(url.hostname)) {
    throw new CliError(
      'unsupported',
      `paymux ${command} works with the local WooshPay sandbox only, not with a WooshPay account (${url?.host ?? "WooshPay's own host"}): ${REAL_ACCOUNT[command]}`,
      command === 'listen'
        ? 'for a real account, create a webhook endpoint with a public https URL in the WooshPay dashboard; to work locally, unset WOOSHPAY_API_KEY and WOOSHPAY_BASE_URL'
        : 'for a real account, make the payment in its test mode; to work locally, point WOOSHPAY_BASE_URL and WOOSHPAY_API_KEY at paymux sandbox or paymux listen',
    )
  }
  return { baseUrl: url.origin, apiKey }
}

const errorMessageOf = (body: unknown): string | null => {
  const e = (body as { error?: { message?: unknown } } | null)?.error
  return typeof e?.message === 'string' ? e.message : null
}

/**
 * One request to the sandbox's own endpoints: the parsed JSON answer, or a `CliError` saying
 * what failed (the sandbox gone, or its 4xx message).
 */
export const sandboxCall = async (
  target: SandboxTarget,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<Record<string, unknown>> => {
  let res: Response
  try {
    res = await fetch(`${target.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Basic ${Buffer.from(`${target.apiKey}:`).toString('base64')}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: signal ?? AbortSignal.timeout(10_000),
    })
  } catch (cause) {
    throw new CliError(
      'connection',
      `the WooshPay sandbox at ${target.baseUrl} does not answer`,
      'is paymux listen or paymux sandbox still running? check WOOSHPAY_BASE_URL',
      cause,
    )
  }
  const text = await res.text()
  let json: unknown = null
  try {
    json = JSON.parse(text)
  } catch {
    // Left null: said below.
  }
  if (!res.ok || typeof json !== 'object' || json === null) {
    const why = errorMessageOf(json) ?? `HTTP ${res.status}`
    throw new CliError(
      res.status === 404 ? 'not_found' : 'invalid_request',
      `${method} ${path} on the WooshPay sandbox failed: ${why}`,
      res.status === 404
        ? 'WOOSHPAY_BASE_URL must point at a paymux WooshPay sandbox (paymux sandbox or paymux listen)'
        : 'run again with --debug and report it',
    )
  }
  return json as Record<string, unknown>
}

/** `--provider`: only WooshPay sends webhooks (PriceBlocs documents none). */
export const checkWooshpayOnly = (provider: string | undefined, command: 'listen' | 'trigger'): void => {
  if (provider === undefined || provider === 'wooshpay') return
  if (provider === 'priceblocs')
    throw new CliError(
      'unsupported',
      `PriceBlocs documents no webhooks, so there is nothing to ${command === 'listen' ? 'listen to' : 'trigger'}`,
      'use --provider wooshpay',
    )
  throw usageError(`unknown provider ${JSON.stringify(provider)}`, `use --provider wooshpay`)
}
