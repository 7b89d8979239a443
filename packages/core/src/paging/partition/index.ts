/**
 * Parallel listing by `created` windows (`partitions`, `order`): the factory adapters call, the
 * option checks every adapter runs, and the checkpoint helpers for unpartitioned listings.
 */
export { createPartitionedPaginator, type PartitionedPaginatorSpec } from './create-partitioned-paginator.ts'
export { createdRangeError, type CreatedWindow } from './created-range.ts'
export {
  MAX_PARTITIONS,
  checkPartitionOptions,
  refusePartitions,
  type ListingOrder,
  type PartitionOptions,
} from './options.ts'
export { isPartitionedCheckpoint, refusePartitionedCheckpoint } from './composite-checkpoint.ts'
export type { PartitionStats, PartitionedListingSummary } from './partitioned-run.ts'
