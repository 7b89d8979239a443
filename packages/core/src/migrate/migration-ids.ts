/**
 * The names a migration gives what it creates, derived from the source object alone, so that a
 * rerun in another process sends the same key and looks for the same marker:
 * - the idempotency key of each step: (source provider, target provider, resource, source id, step);
 * - the marker on the created object: the source's reference, readable at the target.
 */
import type { ProviderId, ResourceName } from '../provider.ts'
import { stepKey } from '../write/idempotency.ts'
import type { JournalSubject } from './apply-types.ts'

/** Which migration a key or marker belongs to. */
export interface MigrationScope {
  readonly from: ProviderId
  readonly to: ProviderId
  readonly resource: ResourceName
}

/** The key of `step` (`create`, `update`) of one source object: the same inputs always give the same key. */
export const migrationKey = (scope: MigrationScope, subject: JournalSubject, source: string, step: string): string =>
  stepKey(JSON.stringify(['paymux-migration', scope.from, scope.to, scope.resource, subject, source]), step)

/** The marker a created object carries: `<source provider>:<resource>:<source id>`. */
export const migrationMarker = (scope: MigrationScope, source: string): string =>
  `${scope.from}:${scope.resource}:${source}`

/** The metadata key under which a marker is stored where the target keeps metadata. */
export const MARKER_METADATA_KEY = 'paymux_source'
