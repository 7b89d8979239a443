/**
 * The run's bounded memory of page positions: exact for recent pages, Brent's marker for cycles
 * longer than that, and never more than its capacity however long the listing.
 */
import * as E from 'fp-ts/lib/Either.js'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { createPaginator } from '@paymux/core/adapter'
import { SeenPositions } from '../../packages/core/src/paging/seen-positions.ts'
import { rejectsWith } from '../helpers/either.ts'

const scope = { provider: 'testpay', resource: 'things', filters: {} }

test('holds at most its capacity however many positions it sees', () => {
  const seen = new SeenPositions(64)
  for (let i = 0; i < 100_000; i++) seen.add(`p${i}`)
  assert.is(seen.size, 64)
  assert.ok(seen.has('p99999') && seen.has('p99936'), 'the last 64 are held exactly')
  assert.not.ok(seen.has('p99935'), 'older ones are forgotten (but the marker)')
})

test('a position added twice is held once', () => {
  const seen = new SeenPositions(4)
  for (const k of ['a', 'b', 'a', 'c', 'a']) seen.add(k)
  assert.is(seen.size, 3)
})

/** A cursor list of single-item pages whose cursor wraps back to `back` after page `length - 1`. */
const cycling = (length: number, back: number) => {
  let fetched = 0
  const paginator = createPaginator<number>({
    scope,
    fetchPage:
      ({ at }) =>
      async () => {
        fetched += 1
        const page = typeof at === 'number' ? at : 0
        return E.right({ items: [page], next: page + 1 < length ? page + 1 : back, total: null })
      },
  })
  return { paginator, fetched: () => fetched }
}

test('a cycle within the recent pages is stopped before any duplicate is delivered', async () => {
  const { paginator } = cycling(500, 10)
  const got: number[] = []
  const err = await rejectsWith(
    (async () => {
      for await (const n of paginator) got.push(n)
    })(),
    'pagination',
  )
  assert.is(new Set(got).size, got.length, 'no item delivered twice')
  assert.match(err.message, /does not advance/)
})

test('a cycle longer than the recent window is still stopped (Brent), within about twice its length (asserted: under 3x)', async () => {
  const { paginator, fetched } = cycling(5000, 1)
  await rejectsWith(
    (async () => {
      for await (const _ of paginator) {
        // consume
      }
    })(),
    'pagination',
  )
  assert.ok(fetched() > 5000, 'the wrap back to page 1 is not in the recent window')
  assert.ok(fetched() < 3 * 5000, `stopped after ${fetched()} pages`)
})

test.run()
