/**
 * Messages between the three kinds of process in a bench run: the orchestrator (`run.ts`), the
 * sandbox server (`server.ts`) and one measured client (`client.ts`, a fresh process per
 * measurement). Everything here crosses `process.send`, so it is plain JSON.
 */

export type Provider = 'wooshpay' | 'priceblocs'
export type Resource = 'paymentLinks' | 'paymentIntents' | 'checkoutSessions'
/** `migrate`: paymux's `applyMigration` from the job's sandbox to its `target` (objects = copies made). */
export type Peer = 'raw' | 'stripe' | 'paymux' | 'migrate'

/** One sandbox the server process starts. */
export interface SandboxSpec {
  readonly name: string
  readonly provider: Provider
  readonly count: number
  readonly latencyMs: number
  readonly seed: number
  /**
   * Serve unfiltered list pages from a replay cache filled at start-up (see replay.ts), so that
   * the sandbox's own page building (~3 ms a page) does not dilute the clients' differences.
   * Requests with a `created` filter always reach the sandbox.
   */
  readonly replay: boolean
  /**
   * Started anew before every run (the `restart` request): a migration's target must not hold
   * the copies of the run before, which its deterministic idempotency keys and source markers
   * would find, turning the next run into replays instead of copies.
   */
  readonly fresh?: boolean
  /** A requests-per-second limit (issue 18, target 2): enforced at the replay front (rate-limit-gate.ts). */
  readonly rateLimit?: { readonly requestsPerSecond: number; readonly retryAfter: boolean }
}

export interface SandboxAddress {
  readonly baseUrl: string
  readonly apiKey: string
}

export type ServerRequest =
  | { readonly id: number; readonly op: 'stats'; readonly sandbox: string }
  | { readonly id: number; readonly op: 'restart'; readonly sandbox: string }
  | {
      readonly id: number
      readonly op: 'expectedIds'
      readonly sandbox: string
      readonly resource: Resource
      /** The first `limit` ids of a full listing; null: all. */
      readonly limit: number | null
    }

export type ServerMessage =
  | { readonly type: 'ready'; readonly sandboxes: Readonly<Record<string, SandboxAddress>> }
  | { readonly type: 'reply'; readonly id: number; readonly result: unknown }
  | { readonly type: 'failed'; readonly id: number; readonly message: string }

/** What one client process measures. */
export interface Job {
  readonly peer: Peer
  readonly provider: Provider
  readonly resource: Resource
  readonly baseUrl: string
  readonly apiKey: string
  /** Objects per request (WooshPay: `limit`; PriceBlocs serves a fixed 20 and ignores this). */
  readonly pageSize: number
  /** Stop after this many objects (whole pages); null: the whole listing. */
  readonly maxObjects: number | null
  /** paymux: pages fetched ahead of the consumer. */
  readonly prefetch: number
  /** paymux: requests in flight for page-number providers. */
  readonly concurrency: number
  /** paymux: created-range partitions listed in parallel (0: a plain listing). */
  readonly partitions: number
  /** Simulated consumer work per page (an awaited timer, like a database write). */
  readonly consumerMsPerPage: number
  /** Collect every id to check the set against the sandbox and the peers. */
  readonly collectIds: boolean
  /** Objects listed before the measurement (JIT warm-up), not measured. */
  readonly warmupObjects: number
  /**
   * paymux: count the 429s answered into the notes (`429s`, `429 %`), for the rate-limited rows;
   * migrate: the target's, and its answers (`target requests`).
   */
  readonly countThrottled?: boolean
  /** Write a V8 CPU profile of the measured listing here (`--profile`); it slows the client. */
  readonly profileFile?: string
  /** Peer `migrate`: the target sandbox and its provider (run.ts fills it in after a restart). */
  readonly target?: SandboxAddress & { readonly provider: Provider }
}

export interface Measurement {
  readonly objects: number
  readonly wallMs: number
  readonly cpuUserMs: number
  readonly cpuSystemMs: number
  /** Peak resident set size of the client process over its whole life (getrusage). */
  readonly maxRssBytes: number
  /** RSS once the peer's code is loaded, before any request. */
  readonly startRssBytes: number
  /** sha256 of the sorted ids, when collected. */
  readonly idsHash: string | null
  readonly uniqueIds: number | null
  /** Peer-specific notes, e.g. how many created windows a partitioned listing used. */
  readonly notes: Readonly<Record<string, number>>
}

export type ClientMessage =
  | { readonly type: 'warm' }
  | { readonly type: 'done'; readonly measurement: Measurement }
  | { readonly type: 'failed'; readonly message: string }

export type ParentToClient = { readonly type: 'go' }
