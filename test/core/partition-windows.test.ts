/**
 * The pure parts of partitioned listing: window splitting (coverage and disjointness under any
 * sequence of splits), the part of a page a window still owns, the user's `created` range in
 * whole seconds, and the option checks every adapter runs.
 */
import * as fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { MAX_PARTITIONS, checkPartitionOptions, isPaymuxError, refusePartitions } from '@paymux/core/adapter'
import {
  byRangeDescending,
  largestSplittable,
  newWindow,
  ownedPart,
  span,
  splitWindow,
  type PartitionWindow,
} from '../../packages/core/src/paging/partition/windows.ts'
import { isEmptyRange, secondsRange } from '../../packages/core/src/paging/partition/created-range.ts'
import { checkBufferPages } from '../../packages/core/src/paging/partition/options.ts'

const s = suite('core/partition: windows')

s('a window is split only once it has shown data, at the middle of its unlisted span', () => {
  const w = newWindow(0, null)
  assert.is(span(w), 0)
  assert.is(largestSplittable([w]), null, 'nothing fetched yet: may be empty, not split')
  w.seen = 1000
  assert.is(largestSplittable([w]), w)
  const lower = splitWindow(w, 0)
  assert.equal(lower, { gte: 0, lt: 500, floor: 0, seen: null })
  assert.is(w.floor, 500)
  const again = { ...w, seen: 900 }
  assert.equal(
    splitWindow(again, 0),
    { gte: 499, lt: 700, floor: 500, seen: null },
    'above the range start a window asks for one second below its floor (the overlap second)',
  )
  assert.is(w.gte, 0, 'the filter bound stays: the cursor of the window is bound to it')
  assert.is(span(w), 500)
})

s('spans under 2 s are never split (both halves must keep a second)', () => {
  const w = newWindow(10, 20)
  w.seen = 11
  assert.is(largestSplittable([w]), null)
  w.seen = 12
  assert.is(largestSplittable([w]), w)
})

s('the largest span wins', () => {
  const a = { ...newWindow(0, 100), seen: 50 }
  const b = { ...newWindow(100, 1000), seen: 900 }
  assert.is(largestSplittable([a, b]), b)
})

s('any sequence of splits keeps the windows disjoint and covering the range', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 1_000_000 }),
      fc.integer({ min: 1, max: 1_000_000 }),
      fc.array(fc.tuple(fc.nat(), fc.double({ min: 0, max: 1, noNaN: true })), { maxLength: 40 }),
      (from, length, steps) => {
        const to = from + length
        const windows: PartitionWindow[] = [newWindow(from, to)]
        for (const [pick, depth] of steps) {
          // A window fetches down to some point of its own range, then the largest is split.
          const w = windows[pick % windows.length] as PartitionWindow
          const top = w.seen ?? (w.lt as number) - 1
          if (top >= w.floor) w.seen = w.floor + Math.floor((top - w.floor) * depth)
          const parent = largestSplittable(windows)
          if (parent) windows.push(splitWindow(parent))
        }
        const sorted = [...windows].sort(byRangeDescending)
        // Owned ranges are [floor, lt): they chain from `to` down to `from` with no gap.
        let upper = to
        for (const w of sorted) {
          assert.is(w.lt, upper)
          assert.ok(w.floor < (w.lt as number), 'non-empty')
          assert.ok(w.gte <= w.floor)
          upper = w.floor
        }
        assert.is(upper, from)
      },
    ),
  )
})

s('a page keeps what is at or above the floor; the first object below ends the window', () => {
  const created = (x: number) => x
  assert.equal(ownedPart([9, 8, 7], 5, created), { items: [9, 8, 7], ended: false })
  assert.equal(ownedPart([9, 5, 4, 3], 5, created), { items: [9, 5], ended: true })
  assert.equal(ownedPart([4, 3], 5, created), { items: [], ended: true })
  assert.equal(ownedPart([], 5, created), { items: [], ended: false })
})

// ---

const r = suite('core/partition: created range')

r('no filter is everything from the epoch, open above', () => {
  assert.equal(secondsRange(null, undefined), { from: 0, to: null })
  assert.equal(secondsRange(null, {}), { from: 0, to: null })
})

r('gt/lte become gte/lt on whole seconds; Dates and seconds mix; the tightest bound wins', () => {
  assert.equal(secondsRange(null, { gt: 100, lte: 200 }), { from: 101, to: 201 })
  assert.equal(secondsRange(null, { gte: new Date(100_500), gt: 99, lt: 300, lte: 250 }), { from: 100, to: 251 })
  // toUnixSeconds floors, as the adapters send it.
  assert.equal(secondsRange(null, { gte: 10.9, lt: 20.2 }), { from: 10, to: 20 })
})

r('an empty range is detected', () => {
  assert.ok(isEmptyRange({ from: 10, to: 10 }))
  assert.ok(isEmptyRange({ from: 11, to: 10 }))
  assert.not.ok(isEmptyRange({ from: 10, to: 11 }))
  assert.not.ok(isEmptyRange({ from: 10, to: null }))
})

r('bad bounds are invalid_request errors', () => {
  for (const range of [{ gte: Number.NaN }, { lt: new Date('nope') }, { gt: '5' as unknown as number }, 'x']) {
    const e = secondsRange('testpay', range as never)
    assert.ok(isPaymuxError(e), JSON.stringify(range))
    assert.is(e.kind, 'invalid_request')
    assert.is(e.provider, 'testpay')
  }
})

// ---

const o = suite('core/partition: options')

o('partitions 1..64 and the two orders are accepted; defaults are 1 and newest_first', () => {
  assert.equal(checkPartitionOptions(null, {}), { partitions: 1, order: 'newest_first' })
  assert.equal(checkPartitionOptions(null, { partitions: MAX_PARTITIONS, order: 'any' }), {
    partitions: 64,
    order: 'any',
  })
})

o('0, 65, 2.5, NaN and strings are invalid_request; so is an unknown order', () => {
  for (const partitions of [0, 65, 2.5, Number.NaN, '4', -1]) {
    const e = checkPartitionOptions('testpay', { partitions })
    assert.ok(isPaymuxError(e) && e.kind === 'invalid_request', String(partitions))
    assert.match(e.message, /partitions must be an integer from 1 to 64/)
  }
  const e = checkPartitionOptions('testpay', { order: 'oldest_first' })
  assert.ok(isPaymuxError(e) && e.kind === 'invalid_request')
  assert.match(e.message, /order must be newest_first or any/)
})

o('bufferPages is an integer from 1 to 1024', () => {
  assert.is(checkBufferPages(null, undefined), null)
  assert.is(checkBufferPages(null, 1), null)
  for (const b of [0, 1025, 1.5]) assert.is(checkBufferPages('x', b)?.kind, 'invalid_request')
})

o(
  'refusePartitions: above 1 is unsupported (with what to use instead), 1 and any order pass, bad values are invalid',
  () => {
    assert.is(refusePartitions('pb', 'paymentLinks', {}), null)
    assert.is(refusePartitions('pb', 'paymentLinks', { partitions: 1, order: 'any' }), null)
    const e = refusePartitions('pb', 'paymentLinks', { partitions: 2 }, 'use concurrency')
    assert.is(e?.kind, 'unsupported')
    assert.match(e?.message ?? '', /pb does not support partitions for paymentLinks .*; use concurrency/)
    assert.is(refusePartitions('pb', 'paymentLinks', { partitions: 0 })?.kind, 'invalid_request')
  },
)

s.run()
r.run()
o.run()
