/**
 * Migration plans: what moving a resource from one provider to another would carry, drop and
 * leave behind, from the field declarations in the adapters' capability manifests. Read-only.
 */
export { planMigration } from './plan-migration.ts'
export { formatMigrationPlan } from './format.ts'
export {
  ASSIGNED_BY_TARGET,
  MIGRATION_FIELDS,
  readField,
  type FieldReading,
  type MigrationField,
} from '../model/fields.ts'
export type { FieldTally, MigrationEntry, MigrationPlan, MigrationTotals, PlanOptions } from './types.ts'
export type { FieldSupport } from '../provider.ts'
export { applyMigration } from './apply-migration.ts'
export { verifyMigration } from './verify-migration.ts'
export { revertMigration } from './revert-migration.ts'
export { fileJournal, memoryJournal } from './journal-store.ts'
export type {
  ApplyObjectResult,
  ApplyOptions,
  ApplyOutcome,
  ApplyResult,
  ApplyTotals,
  JournalEntry,
  JournalHeader,
  JournalRecord,
  JournalStep,
  JournalStore,
  JournalSubject,
  MigrationClock,
  MigrationProgress,
  RevertObjectResult,
  RevertOptions,
  RevertResult,
  VerifyObjectResult,
  VerifyOptions,
  VerifyResult,
} from './apply-types.ts'
export { findMarked, MARKER_CLOCK_SKEW_MS } from './find-marked.ts'
export { MARKER_METADATA_KEY } from './migration-ids.ts'
