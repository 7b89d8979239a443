/**
 * Buffers for response bodies, reused from one body to the next.
 *
 * Why: writing a 120 KB page into a fresh buffer cost 357-381 µs of CPU per page (median) on
 * this project's machines, against 27-30 µs for the same writes into a buffer already in use
 * (bench/RESULTS.md, "Reusing the body buffer"). So the cost is the new memory, not the copying
 * (probably its first touch and the collections external memory sets off; not traced). A listing reads one page after
 * another, or a few at once, so a few buffers cover it.
 *
 * A buffer is given back only once nothing reads it any more (json-text.ts, after the parse);
 * one never given back is collected as usual. The pool holds at most POOL_BYTES.
 */

/** Sizes are powers of two from this up, so a buffer fits the next body of about the same size. */
const MIN_BYTES = 64 * 1024
/** A larger buffer is not kept: a body that size is rare, and its memory better returned. */
const MAX_KEPT_BYTES = 1024 * 1024
/** What the pool keeps in all: two pages for each of eight windows of a partitioned listing. */
const POOL_BYTES = 4 * 1024 * 1024

const free: Buffer[] = []
let freeBytes = 0

/** A buffer of at least `bytes`, from the pool when one fits. Its contents are arbitrary. */
export const takeBuffer = (bytes: number): Buffer => {
  for (let i = free.length - 1; i >= 0; i--) {
    const buffer = free[i] as Buffer
    if (buffer.length < bytes) continue
    free.splice(i, 1)
    freeBytes -= buffer.length
    return buffer
  }
  let size = MIN_BYTES
  while (size < bytes) size *= 2
  return Buffer.allocUnsafe(size)
}

/** Gives a buffer back: the caller reads and writes it no more. */
export const giveBack = (buffer: Buffer): void => {
  if (buffer.length > MAX_KEPT_BYTES || freeBytes + buffer.length > POOL_BYTES) return
  free.push(buffer)
  freeBytes += buffer.length
}

/** For tests: what the pool holds. */
export const pooledBytes = (): number => freeBytes
