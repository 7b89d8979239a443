/**
 * The public shapes of a real migration: `applyMigration`, `verifyMigration`,
 * `revertMigration`, their journal and their results. Plain JSON where it is stored or printed
 * (journal lines, per-object results), so the CLI can write them as NDJSON or CSV unchanged.
 */
import type { ProviderId, ResourceName } from '../provider.ts'

/** What a journal line is about: the migrated object itself, or a catalogue entry it needs. */
export type JournalSubject = 'object' | 'product' | 'price'

/**
 * The first line of every journal: which migration it records. A journal whose header names
 * another source, target, resource or filters is refused (`checkpoint_mismatch`, code
 * `journal_mismatch`) unless `force` is given.
 */
export interface JournalHeader {
  readonly type: 'header'
  /** Journal format version: 1. */
  readonly version: 1
  readonly from: ProviderId
  readonly to: ProviderId
  readonly resource: ResourceName
  /** The source listing's filters (JSON), as given in `ApplyOptions.filters`. */
  readonly filters: Readonly<Record<string, unknown>>
  /** ISO time the journal was started. */
  readonly startedAt: string
}

/**
 * One step of one source object (or of a product or price it needs), in order:
 * `planned -> claimed -> created -> verified | failed`, plus `updated` (a created link set
 * inactive like its source: targets create links active), `outcome_unknown` (a create that
 * may have happened and could not be settled), `not_migratable` (the plan's refusal, with its
 * reasons) and `reverted`. A later line for the same (subject, source) supersedes an earlier one.
 */
export type JournalStep =
  | 'planned'
  | 'not_migratable'
  | 'claimed'
  | 'created'
  | 'updated'
  | 'verified'
  | 'mismatch'
  | 'failed'
  | 'outcome_unknown'
  | 'reverted'

/** One journal line after the header. Never holds a secret: ids, keys, markers, error kinds and texts. */
export interface JournalRecord {
  readonly type: JournalStep
  readonly subject: JournalSubject
  /** The source object's id (a product's or price's id at the source for those subjects). */
  readonly source: string
  /** ISO time the line was written. */
  readonly at: string
  /** `claimed`: the deterministic idempotency key the create is sent with. */
  readonly key?: string
  /** `claimed`: the marker the created object carries, when the target can store one. */
  readonly marker?: string
  /** `created`, `verified`, `mismatch`, `reverted`: the target object's id. */
  readonly target?: string
  /** `not_migratable`: why. `mismatch`: the fields that differ. */
  readonly reasons?: readonly string[]
  /** `failed` / `outcome_unknown`: the error's kind and (redacted) message. */
  readonly error?: { readonly kind: string; readonly message: string }
}

/** Any journal line. */
export type JournalEntry = JournalHeader | JournalRecord

/**
 * Where a migration's journal lives. The default (a path) is an append-only NDJSON file,
 * fsynced after every line. A store of your own must make `append` durable before it resolves:
 * the claim of a create is appended before the create is sent, and that order is the guarantee.
 */
export interface JournalStore {
  /** Every entry appended so far, in order. A torn last entry (a crash mid-write) is left out. */
  read(): Promise<readonly JournalEntry[]>
  /** Appends one entry durably; rejects if it could not. */
  append(entry: JournalEntry): Promise<void>
  /** Releases the store (closes the file). Optional. */
  close?(): Promise<void>
}

/** Counts over one `applyMigration` run. */
export interface ApplyTotals {
  /** Source objects read. */
  readonly read: number
  /** Created at the target by this run (including creates of an earlier run settled now). */
  readonly created: number
  /** Already created by an earlier run, per the journal: nothing sent. */
  readonly alreadyDone: number
  /** Refused by the plan (the target cannot hold them): nothing sent. */
  readonly notMigratable: number
  /** The create was refused or failed without any doubt that nothing was made. */
  readonly failed: number
  /** A create may have happened and could not be settled: run again or settle by hand. */
  readonly outcomeUnknown: number
}

/** What happened to one source object in one run. */
export type ApplyOutcome = 'created' | 'already_done' | 'not_migratable' | 'failed' | 'outcome_unknown'

/** One source object's result (plain JSON). */
export interface ApplyObjectResult {
  readonly source: string
  readonly outcome: ApplyOutcome
  /** The target object's id, when there is one. */
  readonly target?: string
  /** Why not migratable, or what failed. */
  readonly reasons?: readonly string[]
  /** The error kind of a `failed` / `outcome_unknown`. */
  readonly errorKind?: string
}

/** Reported after every source object. */
export interface MigrationProgress {
  readonly totals: ApplyTotals
  /** The object just done. */
  readonly last: ApplyObjectResult
}

/** An injectable clock for the pacer (`requestsPerSecond`) and journal times. */
export interface MigrationClock {
  /** ms since the epoch. */
  now(): number
  /** Resolves after `ms` (rejects when `signal` aborts). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

/** Options of `applyMigration`. */
export interface ApplyOptions {
  /** A journal file path (NDJSON, created if absent) or your own `JournalStore`. Required. */
  readonly journal: string | JournalStore
  /** Source objects migrated at once (a bounded pool). @default 1 */
  readonly concurrency?: number
  /**
   * At most this many target writes per second, this run's only (a pacer of the migration).
   * Without it the migration still rides the target's rate limit: the target client learns it
   * from its 429s (which it sends again, keys or not: a 429 did nothing) and slows every
   * request. To cap every request of the target client, build it with `maxRequestsPerSecond`.
   * The lower of the caps and the learned rate holds. @default unlimited
   */
  readonly requestsPerSecond?: number
  readonly onProgress?: (progress: MigrationProgress) => void
  /** Stops cleanly: nothing new is claimed, the journal stays consistent, the result says `aborted`. */
  readonly signal?: AbortSignal
  /** Use a journal written for another source, target, resource or filters. */
  readonly force?: boolean
  /** Filters of the source listing (recorded in the journal header). */
  readonly filters?: Readonly<Record<string, unknown>>
  /**
   * Where buyers of created links go after paying (the neutral link carries no success URL).
   * Some targets keep the migration's marker in it: without one, their creates carry no marker
   * and a create interrupted before its journal line ends as `outcome_unknown`, never a duplicate.
   */
  readonly successUrl?: string
  /** Per-object results kept in the result (totals count all). @default 1000 */
  readonly detail?: number
  /** @default the system clock */
  readonly clock?: MigrationClock
}

/** The result of `applyMigration`. */
export interface ApplyResult {
  readonly from: ProviderId
  readonly to: ProviderId
  readonly resource: ResourceName
  readonly totals: ApplyTotals
  /** Per-object results, in completion order, for the first `detail` objects. */
  readonly results: readonly ApplyObjectResult[]
  /** True when `signal` stopped the run before the end of the source's listing. */
  readonly aborted: boolean
  /** True when every migratable object is created (nothing failed, unknown or left by an abort). */
  readonly done: boolean
}

/** Options of `verifyMigration`. */
export interface VerifyOptions {
  readonly journal: string | JournalStore
  readonly signal?: AbortSignal
  /** Accept a journal whose header names another source or target. */
  readonly force?: boolean
}

/** One created object, re-read. */
export interface VerifyObjectResult {
  readonly source: string
  readonly target: string
  /** `ok`: every carried field matches; `mismatch`: `fields` differ; `missing`: the target has no such object. */
  readonly status: 'ok' | 'mismatch' | 'missing' | 'error'
  /** The carried fields that differ. */
  readonly fields?: readonly string[]
  readonly errorKind?: string
}

/** The result of `verifyMigration`. */
export interface VerifyResult {
  readonly ok: boolean
  readonly results: readonly VerifyObjectResult[]
  readonly totals: {
    readonly checked: number
    readonly ok: number
    readonly mismatch: number
    readonly missing: number
    readonly error: number
  }
}

/** Options of `revertMigration`. */
export interface RevertOptions {
  readonly journal: string | JournalStore
  readonly signal?: AbortSignal
}

/** One created object, reverted. */
export interface RevertObjectResult {
  readonly source: string
  readonly target: string
  readonly subject: JournalSubject
  /**
   * `deleted` / `deactivated`; `already` when the journal says it was reverted (or it is gone);
   * `kept`: a product or price, which the neutral API can neither delete nor deactivate; `failed`.
   */
  readonly status: 'deleted' | 'deactivated' | 'already' | 'kept' | 'failed'
  readonly errorKind?: string
}

/** The result of `revertMigration`. */
export interface RevertResult {
  readonly ok: boolean
  readonly results: readonly RevertObjectResult[]
  readonly totals: {
    readonly deleted: number
    readonly deactivated: number
    readonly already: number
    readonly kept: number
    readonly failed: number
  }
}
