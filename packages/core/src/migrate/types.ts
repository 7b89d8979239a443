/**
 * The shape of a migration plan: plain JSON (strings, numbers, booleans, arrays, records), so a
 * plan can be printed with `JSON.stringify`, stored, and compared between runs.
 */
import type { FieldSupport, ProviderId, ResourceName } from '../provider.ts'

/** What would happen to one source object. */
export interface MigrationEntry {
  readonly id: string
  /** False when the target cannot hold the object at all; `reasons` says why. */
  readonly migratable: boolean
  /** Fields holding a value that the target can store. */
  readonly carried: readonly string[]
  /** Fields holding a value that the target cannot store: migrating loses them. */
  readonly dropped: readonly string[]
  /** Why the object cannot be migrated; empty when it can. */
  readonly reasons: readonly string[]
}

/** One neutral field over the whole listing. */
export interface FieldTally {
  /** As the target declares it; a field it does not declare counts as unsupported. */
  readonly support: FieldSupport
  /** Objects holding a value in this field. */
  readonly present: number
  /** Of those, objects whose value the target can store (`present` when supported, else 0). */
  readonly carried: number
  /** Of those, objects whose value would be lost. */
  readonly dropped: number
}

/** Counts over every object a migration plan read. */
export interface MigrationTotals {
  /** Objects read from the source. */
  readonly objects: number
  readonly migratable: number
  /** Migratable with no field dropped. */
  readonly lossless: number
  readonly notMigratable: number
}

/** The result of `planMigration`: plain JSON, nothing written. */
export interface MigrationPlan {
  readonly from: ProviderId
  readonly to: ProviderId
  readonly resource: ResourceName
  /** False when `max` stopped the reading before the end of the source's listing. */
  readonly complete: boolean
  /** Why no object at all can go to the target (it has no such resource), else null. */
  readonly blocked: string | null
  /** Fields the target sets itself on creation (id, URL, mode, creation time): never carried. */
  readonly assignedByTarget: readonly string[]
  readonly totals: MigrationTotals
  /** Every reported neutral field, in a fixed order. */
  readonly fields: Readonly<Record<string, FieldTally>>
  /** Reason -> number of objects it stops. */
  readonly reasons: Readonly<Record<string, number>>
  /** Per-object detail, in listing order, for the first `detail` objects (see `PlanOptions`). */
  readonly objects: readonly MigrationEntry[]
  /** Objects read but left out of `objects` by the cap (they are in every total). */
  readonly objectsOmitted: number
  /** Payment links whose line items the listing did not include, listed separately to check them. */
  readonly lineItemsFetched: number
}

/** Options of `planMigration`. */
export interface PlanOptions {
  readonly signal?: AbortSignal
  /** Read at most this many objects (the plan then says `complete: false`). */
  readonly max?: number
  /**
   * How many per-object entries the plan keeps in `objects` (default 1000), so a plan over a
   * huge listing stays small. Totals, field counts and reasons always cover every object.
   */
  readonly detail?: number
  /** Called with every object's entry as it is planned: for per-object output beyond `detail`. */
  readonly onObject?: (entry: MigrationEntry) => void
}
