/**
 * `applyMigration(from, to, resource, options)`: copies every migratable source object to the
 * target exactly once, resumably. See packages/core/README.md#migrations.
 */
import type { PaymentProvider, ResourceName } from '../provider.ts'
import type { ApplyOptions, ApplyResult } from './apply-types.ts'
import { runApply } from './apply-run.ts'

/**
 * Migrates `resource` from `from` to `to`, journaling every step (claim before create, target id
 * right after the answer). Run it again with the same journal after a crash: what was created is
 * not created again, and interrupted creates are settled before anything else is sent.
 * Rejects with a `PaymuxError`: `checkpoint_mismatch` (code `journal_mismatch`) for a journal of
 * another migration, `invalid_request` for bad options, the listing's error if the source fails.
 */
export const applyMigration = (
  from: PaymentProvider,
  to: PaymentProvider,
  resource: ResourceName,
  options: ApplyOptions,
): Promise<ApplyResult> => runApply(from, to, resource, options)
