import type { PaymentProvider, ResourceName } from '../provider.ts'
import type { ApplyOptions, ApplyResult } from './apply-types.ts'

export const runApply = async (
  from: PaymentProvider,
  to: PaymentProvider,
  resource: ResourceName,
  _options: ApplyOptions,
): Promise<ApplyResult> => {
  await Promise.resolve()
  throw new Error(`not implemented: ${from.id} -> ${to.id} ${resource}`)
}
