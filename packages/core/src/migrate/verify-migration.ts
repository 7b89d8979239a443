/**
 * `verifyMigration(from, to, resource, { journal })`: re-reads every object the journal says was
 * created and compares what the migration carried.
 */
import type { PaymentProvider, ResourceName } from '../provider.ts'
import type { VerifyOptions, VerifyResult } from './apply-types.ts'

/** Re-reads every created target object and compares the carried fields with the source's. */
export const verifyMigration = async (
  from: PaymentProvider,
  to: PaymentProvider,
  resource: ResourceName,
  _options: VerifyOptions,
): Promise<VerifyResult> => {
  await Promise.resolve()
  throw new Error(`not implemented: ${from.id} -> ${to.id} ${resource}`)
}
