import * as TE from 'fp-ts/lib/TaskEither.js'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { createPaginator, type FetchPage } from '@paymux/core'

const pagesOf =
  (n: number, size: number): FetchPage<number> =>
  ({ at }) => {
    const i = at === null ? 0 : (at as number)
    const items = Array.from({ length: size }, (_, k) => i * size + k)
    return TE.right({ items, next: i + 1 < n ? i + 1 : null, total: n * size })
  }

test('iterates every item of every page in order', async () => {
  const p = createPaginator({ scope: { provider: 'x', resource: 'r', filters: {} }, fetchPage: pagesOf(3, 2) })
  const out: number[] = []
  for await (const n of p) out.push(n)
  assert.equal(out, [0, 1, 2, 3, 4, 5])
  assert.equal(await p.toArray({ max: 3 }), [0, 1, 2])
})

test.run()
