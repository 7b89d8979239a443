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
