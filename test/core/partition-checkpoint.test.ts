/**
 * The composite checkpoint codec: round trip, and the refusals (plain for partitioned and the
 * other way round, other filters, other provider, malformed windows) as `checkpoint_mismatch`.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  decodeCheckpoint,
  encodeCheckpoint,
  isPartitionedCheckpoint,
  refusePartitionedCheckpoint,
} from '@paymux/core/adapter'
import {
  decodeComposite,
  encodeComposite,
  partitionedScope,
  type WindowCheckpoint,
} from '../../packages/core/src/paging/partition/composite-checkpoint.ts'

const scope = { provider: 'testpay', resource: 'things', filters: { path: '/v1/things', 'created[gte]': '100' } }
const range = { from: 100, to: null }

const s = suite('core/partition: composite checkpoint')

const windows: WindowCheckpoint[] = [
  { gte: 100, lt: null, floor: 5000, at: { after: 'x_9' } },
  { gte: 100, lt: 5000, floor: 2000, at: null },
  { gte: 100, lt: 2000, floor: 100, at: null },
]

const leftMessage = (r: E.Either<{ kind: string; message: string }, unknown>): string => {
  assert.ok(E.isLeft(r), 'refused')
  assert.is(r.left.kind, 'checkpoint_mismatch')
  return r.left.message
}

s('round trip, newest window first, in any input order', () => {
  const cp = encodeComposite(scope, [...windows].reverse())
  assert.ok(isPartitionedCheckpoint(cp))
  assert.equal(decodeComposite(scope, range, cp), E.right(windows))
})

s('no window (everything delivered) is a valid state', () => {
  assert.equal(decodeComposite(scope, range, encodeComposite(scope, [])), E.right([]))
})

s('a plain checkpoint of the same listing is refused with what to do', () => {
  const plain = encodeCheckpoint(scope, { after: 'x_1' })
  assert.not.ok(isPartitionedCheckpoint(plain))
  assert.match(leftMessage(decodeComposite(scope, range, plain)), /unpartitioned things listing: resume it without/)
})

s('a composite checkpoint given to a plain listing is refused with what to do', () => {
  const cp = encodeComposite(scope, windows)
  const e = refusePartitionedCheckpoint(scope, cp)
  assert.is(e?.kind, 'checkpoint_mismatch')
  assert.match(e?.message ?? '', /partitioned things listing: pass partitions/)
  assert.is(refusePartitionedCheckpoint(scope, undefined), null)
  assert.is(refusePartitionedCheckpoint(scope, encodeCheckpoint(scope, null)), null)
})

s('other filters, resources and providers are refused', () => {
  const cp = encodeComposite(scope, windows)
  const other = { ...scope, filters: { ...scope.filters, 'created[gte]': '200' } }
  assert.match(leftMessage(decodeComposite(other, range, cp)), /other filters/)
  assert.match(leftMessage(decodeComposite({ ...scope, resource: 'others' }, range, cp)), /belongs to things/)
  assert.match(leftMessage(decodeComposite({ ...scope, provider: 'otherpay' }, range, cp)), /provider testpay/)
  assert.match(leftMessage(decodeComposite(scope, range, 'garbage')), /not a paymux checkpoint/)
  assert.not.ok(isPartitionedCheckpoint('garbage'))
  assert.not.ok(isPartitionedCheckpoint('pmx1.%%%'))
  assert.not.ok(isPartitionedCheckpoint(`pmx1.${Buffer.from('null').toString('base64url')}`))
})

s('a pmx1 checkpoint (which nested window checkpoints) is refused, saying to restart the listing', () => {
  const old = (a: unknown) =>
    `pmx1.${Buffer.from(JSON.stringify({ p: 'testpay', r: 'things', f: 'x', a })).toString('base64url')}`
  const nested = old({ v: 1, windows: [{ gte: 100, lt: null, floor: 100, cursor: old({ after: 'x_9' }) }] })
  assert.match(
    leftMessage(decodeComposite(scope, range, nested)),
    /earlier paymux version \(pmx1\.\).*restart the listing/,
  )
  assert.match(leftMessage(decodeCheckpoint(scope, old({ after: 'x_9' }))), /restart the listing/)
  assert.not.ok(isPartitionedCheckpoint(nested))
})

s('malformed windows are corrupted: overlap, outside the range, floor outside the window, bad types, version', () => {
  const bad: unknown[] = [
    { v: 2, windows: [windows[0], { gte: 100, lt: 6000, floor: 2000, at: null }] }, // overlaps
    { v: 2, windows: [{ gte: 50, lt: null, floor: 50, at: null }] }, // below the range
    { v: 2, windows: [{ gte: 100, lt: null, floor: 99, at: null }] }, // floor under gte
    { v: 2, windows: [{ gte: 100, lt: 200, floor: 200, at: null }] }, // floor at lt
    { v: 2, windows: [{ gte: 100, lt: null, floor: 100 }] }, // no position
    { v: 2, windows: [{ gte: '100', lt: null, floor: 100, at: null }] },
    { v: 2, windows: [null] },
    { v: 2, windows: [windows[1], windows[2], { gte: 100, lt: null, floor: 100, at: null }] }, // two open
    { v: 1, windows: [] }, // the version that nested checkpoint strings
    { v: 2 },
    [1, 2],
    'text',
  ]
  for (const position of bad) {
    const cp = encodeCheckpoint(partitionedScope(scope), position as never)
    assert.match(leftMessage(decodeComposite(scope, range, cp)), /corrupted/, JSON.stringify(position))
  }
  // With an upper bound, an open window is outside the range.
  const open = encodeComposite(scope, [{ gte: 100, lt: null, floor: 100, at: null }])
  assert.match(leftMessage(decodeComposite(scope, { from: 100, to: 900 }, open)), /corrupted/)
  const above = encodeComposite(scope, [{ gte: 100, lt: 901, floor: 100, at: null }])
  assert.match(leftMessage(decodeComposite(scope, { from: 100, to: 900 }, above)), /corrupted/)
})

s('any set of disjoint windows inside the range round-trips', () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.integer({ min: 101, max: 1_000_000 }), { maxLength: 20 }), (cuts) => {
      const bounds = [...cuts].sort((a, b) => b - a)
      const ws: WindowCheckpoint[] = []
      let upper: number | null = null
      for (const b of [...bounds, 100]) {
        ws.push({ gte: 100, lt: upper, floor: b, at: upper === null ? null : `c${b}` })
        upper = b
      }
      assert.equal(decodeComposite(scope, range, encodeComposite(scope, ws)), E.right(ws))
    }),
  )
})

s.run()
