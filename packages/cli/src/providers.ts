/**
 * From the environment to providers. A provider with a key (`WOOSHPAY_API_KEY`,
 * `PRICEBLOCS_API_KEY`) talks to its base URL (`*_BASE_URL`, else the adapter's default host);
 * a provider without one gets its sandbox started in-process, announced in one stderr line, so
 * `paymux list payment-links` works on a fresh clone. Commands whose output is used elsewhere
 * (`export`) get no sandbox unless asked (`--sandbox`): fake data must never pass for real data.
 * A key that is set but empty (a secret that expanded to nothing) is an error everywhere.
 * Adapters and sandboxes are imported lazily: a command pays only for the providers it uses.
 */
import type { ProviderId } from './args.ts'
import {
  isPaymuxError,
  type CapabilityManifest,
  type ClientHooks,
  type PaymentProvider,
  type Sandbox,
  type SandboxOptions,
} from '@paymux/core'
import { CliError, cliMessage } from './cli-error.ts'
import type { Io } from './io.ts'

interface ProviderEntry {
  /** `WooshPay`, for messages. */
  readonly label: string
  /** Prefix of the environment variables. */
  readonly env: string
  /** How the provider's secret keys start, for the hint of a refused key (not secrets). */
  readonly keyPrefixes: readonly string[]
  /** The adapter's capability manifest, without a client: options are checked before connecting. */
  readonly manifest: () => Promise<CapabilityManifest>
  readonly make: (
    o: { apiKey: string; baseUrl?: string; hooks: ClientHooks } & ClientLimits,
  ) => Promise<PaymentProvider>
  readonly startSandbox: (o: SandboxOptions) => Promise<Sandbox>
}

export const PROVIDERS: Readonly<Record<ProviderId, ProviderEntry>> = {
  wooshpay: {
    label: 'WooshPay',
    env: 'WOOSHPAY',
    keyPrefixes: ['sk_test_', 'sk_live_'],
    manifest: async () => (await import('@paymux/wooshpay')).capabilities,
    make: async (o) => (await import('@paymux/wooshpay')).wooshpay(o),
    startSandbox: async (o) => (await import('@paymux/wooshpay/sandbox')).startSandbox(o),
  },
  priceblocs: {
    label: 'PriceBlocs',
    env: 'PRICEBLOCS',
    keyPrefixes: ['PB_sk_test_', 'PB_sk_live_'],
    manifest: async () => (await import('@paymux/priceblocs')).capabilities,
    make: async (o) => (await import('@paymux/priceblocs')).priceblocs(o),
    startSandbox: async (o) => (await import('@paymux/priceblocs/sandbox')).startSandbox(o),
  },
}

/** What a command sets on one provider's client (`migrate --rps`: the target's `maxRequestsPerSecond`). */
export interface ClientLimits {
  readonly maxRequestsPerSecond?: number
}

/** Requests and retries of every provider of a session, for `export`'s summary. */
export interface Counters {
  requests: number
  retries: number
}

export interface Session {
  readonly counters: Counters
  /** The provider, started on first use. */
  provider(id: ProviderId): Promise<PaymentProvider>
  /** Closes the sandboxes this session started. */
  close(): Promise<void>
}

/**
 * When a provider has no key: `fallback` starts its built-in sandbox with a note (list, get,
 * migrate --dry-run); `refuse` makes it an error (export without `--sandbox`).
 */
export type SandboxPolicy = 'fallback' | 'refuse'

/** `sk_test_… or sk_live_…`, each prefix written on its own so no text around it forms a key. */
const keyShapes = (entry: ProviderEntry): string => entry.keyPrefixes.map((p) => `${p}…`).join(' or ')

/** What a refusing command says instead of starting a sandbox: export reads, writes write. */
export interface SandboxRefusal {
  readonly what: string
  readonly instead: string
}

const EXPORT_REFUSAL: SandboxRefusal = { what: 'an export never reads', instead: "export the sandbox's fake data" }

export const openSession = (
  io: Io,
  sandbox: SandboxPolicy = 'fallback',
  refusal: SandboxRefusal = EXPORT_REFUSAL,
  limits: Partial<Readonly<Record<ProviderId, ClientLimits>>> = {},
): Session => {
  const counters: Counters = { requests: 0, retries: 0 }
  const hooks: ClientHooks = {
    onRequest: () => {
      counters.requests += 1
    },
    onRetry: () => {
      counters.retries += 1
    },
  }
  const started = new Map<ProviderId, Promise<PaymentProvider>>()
  const sandboxes: Promise<Sandbox | null>[] = []

  const connect = async (id: ProviderId): Promise<PaymentProvider> => {
    const entry = PROVIDERS[id]
    const apiKey = io.env[`${entry.env}_API_KEY`]
    const baseUrl = io.env[`${entry.env}_BASE_URL`]
    if (apiKey === '' || (apiKey !== undefined && apiKey.trim() === '')) {
      // `WOOSHPAY_API_KEY=$SECRET` with the secret missing: a sandbox would hide it.
      throw new CliError(
        'config',
        `${entry.env}_API_KEY is set but empty`,
        `set it to a ${entry.label} secret key (${keyShapes(entry)}), or unset it to use the built-in sandbox`,
      )
    }
    if (apiKey !== undefined) {
      try {
        return await entry.make({ apiKey, hooks, ...(baseUrl ? { baseUrl } : {}), ...limits[id] })
      } catch (e) {
        if (!isPaymuxError(e) || e.kind !== 'config') throw e
        throw new CliError(
          'config',
          cliMessage(e),
          `check ${entry.env}_API_KEY (${entry.label} secret keys start with ${keyShapes(entry)}) and ${entry.env}_BASE_URL`,
          e,
        )
      }
    }
    if (baseUrl) {
      // A URL without a key is most likely a half-done setup; a sandbox would hide it.
      throw new CliError(
        'config',
        `${entry.env}_BASE_URL is set but ${entry.env}_API_KEY is not`,
        `set ${entry.env}_API_KEY, or unset ${entry.env}_BASE_URL to use the built-in sandbox`,
      )
    }
    if (sandbox === 'refuse') {
      throw new CliError(
        'config',
        `no ${entry.env}_API_KEY: ${refusal.what} the built-in sandbox unless asked`,
        `set ${entry.env}_API_KEY, or add --sandbox to ${refusal.instead}`,
      )
    }
    const pending = entry.startSandbox({ port: 0 })
    sandboxes.push(pending.catch(() => null))
    const sb = await pending
    io.stderr.write(`paymux: no ${entry.env}_API_KEY, using the built-in ${entry.label} sandbox at ${sb.baseUrl}\n`)
    return entry.make({ apiKey: sb.apiKey, baseUrl: sb.baseUrl, hooks, ...limits[id] })
  }

  return {
    counters,
    provider: (id) => {
      let p = started.get(id)
      if (!p) {
        p = connect(id)
        started.set(id, p)
      }
      return p
    },
    close: async () => {
      const all = await Promise.all(sandboxes)
      await Promise.allSettled(all.flatMap((sb) => (sb ? [sb.close()] : [])))
    },
  }
}

/** The entry of a provider a connected client names (its `id` is a plain string in core). */
export const entryOf = (id: string): ProviderEntry => {
  const entry = (PROVIDERS as Readonly<Record<string, ProviderEntry | undefined>>)[id]
  if (!entry) throw new Error(`paymux CLI has no provider ${id}`)
  return entry
}

/**
 * The credentials of the environment, removed from every line paymux prints. A value that is
 * only a documented key prefix (`WOOSHPAY_API_KEY=sk_test_`) holds no secret: removing it would
 * mangle every message naming the prefix (`expected sk_test_… or sk_live_…`).
 */
export const secretsOf = (env: Io['env']): string[] =>
  Object.values(PROVIDERS).flatMap((entry) => {
    const key = env[`${entry.env}_API_KEY`]
    return typeof key === 'string' && key !== '' && !entry.keyPrefixes.includes(key) ? [key] : []
  })
