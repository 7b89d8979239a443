/**
 * `revertMigration(to, { journal })`: deletes (or, where the target cannot delete, deactivates)
 * what the journal created, and nothing else.
 */
import type { PaymentProvider } from '../provider.ts'
import type { RevertOptions, RevertResult } from './apply-types.ts'

/** Deactivates or deletes every object the journal created at `to`; records each in the journal. */
export const revertMigration = async (to: PaymentProvider, _options: RevertOptions): Promise<RevertResult> => {
  await Promise.resolve()
  throw new Error(`not implemented: ${to.id}`)
}
