/**
 * From the environment to providers. A provider with a key (`WOOSHPAY_API_KEY`,
 * `PRICEBLOCS_API_KEY`) talks to its base URL (`*_BASE_URL`, else the adapter's default host);
 * a provider without one gets its sandbox started in-process, announced in one stderr line, so
 * `paymux list payment-links` works on a fresh clone. Adapters and sandboxes are imported
 * lazily: a command pays only for the providers it uses.
 */
import type { ProviderId } from './args.ts'
import type { ClientHooks, PaymentProvider, Sandbox, SandboxOptions } from '@paymux/core'
import { CliError } from './cli-error.ts'
import type { Io } from './io.ts'

interface ProviderEntry {
  /** `WooshPay`, for messages. */
  readonly label: string
  /** Prefix of the environment variables. */
  readonly env: string
  /** Largest page the provider accepts, used to make exports and long lists cheap. */
  readonly maxPageSize: number
  readonly make: (o: { apiKey: string; baseUrl?: string; hooks: ClientHooks }) => Promise<PaymentProvider>
  readonly startSandbox: (o: SandboxOptions) => Promise<Sandbox>
}

export const PROVIDERS: Readonly<Record<ProviderId, ProviderEntry>> = {
  wooshpay: {
    label: 'WooshPay',
    env: 'WOOSHPAY',
    maxPageSize: 100,
    make: async (o) => (await import('@paymux/wooshpay')).wooshpay(o),
    startSandbox: async (o) => (await import('@paymux/wooshpay/sandbox')).startSandbox(o),
  },
  priceblocs: {
    label: 'PriceBlocs',
    env: 'PRICEBLOCS',
    maxPageSize: 20,
    make: async (o) => (await import('@paymux/priceblocs')).priceblocs(o),
    startSandbox: async (o) => (await import('@paymux/priceblocs/sandbox')).startSandbox(o),
  },
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

export const openSession = (io: Io): Session => {
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
    if (apiKey) return entry.make({ apiKey, hooks, ...(baseUrl ? { baseUrl } : {}) })
    if (baseUrl) {
      // A URL without a key is most likely a half-done setup; a sandbox would hide it.
      throw new CliError(
        'config',
        `${entry.env}_BASE_URL is set but ${entry.env}_API_KEY is not`,
        `set ${entry.env}_API_KEY, or unset ${entry.env}_BASE_URL to use the built-in sandbox`,
      )
    }
    const pending = entry.startSandbox({ port: 0 })
    sandboxes.push(pending.catch(() => null))
    const sb = await pending
    io.stderr.write(`paymux: no ${entry.env}_API_KEY, using the built-in ${entry.label} sandbox at ${sb.baseUrl}\n`)
    return entry.make({ apiKey: sb.apiKey, baseUrl: sb.baseUrl, hooks })
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
