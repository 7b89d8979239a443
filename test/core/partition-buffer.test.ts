/**
 * The merge buffer of partitioned listing: the permit bound (pages in flight plus waiting never
 * exceed it), delivery orders, the slot kept for the newest window, failure and close.
 */
import * as fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { MergeBuffer } from '../../packages/core/src/paging/partition/merge-buffer.ts'

/** Lets every pending promise callback run. */
const settle = () => new Promise<void>((r) => setImmediate(r))

const s = suite('core/partition: merge buffer')

s('any: pages in arrival order across lanes; null once every lane is finished and drained', async () => {
  const b = new MergeBuffer<string, number>('any', 4)
  b.add('a')
  b.add('b')
  for (const [lane, page] of [
    ['b', 1],
    ['a', 2],
    ['b', 3],
  ] as const) {
    assert.ok(await b.acquire(lane))
    b.put(lane, page)
  }
  b.finish('a')
  b.finish('b')
  const got: string[] = []
  for (let d = await b.take(); d !== null; d = await b.take()) got.push(`${d.key}${d.page}`)
  assert.equal(got, ['b1', 'a2', 'b3'])
  assert.not.ok(b.has('a'))
})

s('newest_first: the first lane is drained before any later lane is delivered', async () => {
  const b = new MergeBuffer<string, number>('newest_first', 4)
  b.add('new')
  b.add('old')
  b.add('mid', 'new') // a split window goes right after its parent
  const order: string[] = []
  const consumer = (async () => {
    for (let d = await b.take(); d !== null; d = await b.take()) order.push(`${d.key}${d.page}`)
  })()
  for (const [lane, page] of [
    ['old', 1],
    ['mid', 2],
    ['new', 3],
  ] as const) {
    assert.ok(await b.acquire(lane))
    b.put(lane, page)
  }
  await settle()
  assert.equal(order, ['new3'], 'only the newest lane is deliverable')
  b.finish('new')
  await settle()
  assert.equal(order, ['new3', 'mid2'])
  b.finish('mid')
  b.finish('old')
  await consumer
  assert.equal(order, ['new3', 'mid2', 'old1'])
})

s('newest_first keeps one permit for the first lane: later lanes never starve it', async () => {
  const b = new MergeBuffer<string, number>('newest_first', 3)
  b.add('head')
  b.add('x')
  b.add('y')
  assert.ok(await b.acquire('x'))
  assert.ok(await b.acquire('y'))
  let third = false
  void b.acquire('x').then(() => (third = true))
  await settle()
  assert.not.ok(third, 'later lanes stop at bound - 1')
  assert.ok(await b.acquire('head'), 'the head still gets its permit')
  assert.is(b.peakHeld, 3)
  b.put('head', 1)
  const d = await b.take()
  assert.is(d?.key, 'head')
  await settle()
  assert.not.ok(third, 'the freed permit is the head slot: x still waits')
  b.finish('head') // the head is done: x is now first and may take the free permit
  await settle()
  assert.ok(third)
})

s('permits out never exceed the bound, whatever producers and the consumer do', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('any' as const, 'newest_first' as const),
      fc.integer({ min: 1, max: 5 }),
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 60 }),
      async (order, bound, script) => {
        const b = new MergeBuffer<number, number>(order, bound)
        const lanes = [0, 1, 2, 3]
        for (const l of lanes) b.add(l)
        // Counted from outside: permits granted, minus pages taken and permits released.
        let out = 0
        const holding: number[] = []
        const ask = (l: number) =>
          void b.acquire(l).then((ok) => {
            if (!ok) return
            out += 1
            holding.push(l)
          })
        const consumer: { taking: Promise<void> | null } = { taking: null }
        const takeOne = () => {
          consumer.taking ??= b.take().then((d) => {
            if (d !== null) out -= 1
            consumer.taking = null
          })
        }
        for (const l of lanes) ask(l)
        for (const step of script) {
          await settle()
          assert.ok(out <= bound, `${out} permits out, bound ${bound}`)
          const l = step === 2 ? undefined : holding.shift()
          if (step === 2) takeOne()
          else if (l === undefined) continue
          else if (step === 0) {
            b.release()
            out -= 1
            ask(l)
          } else if (step === 1) {
            b.put(l, 1)
            ask(l)
          } else {
            // The window's last fetch brought nothing: it returns the permit and ends.
            b.release()
            out -= 1
            b.finish(l)
          }
        }
        await settle()
        assert.ok(out <= bound)
        assert.ok(b.peakHeld <= bound, `peak ${b.peakHeld}`)
        b.close()
        await consumer.taking
      },
    ),
    { numRuns: 80 },
  )
})

s('fail: the waiting consumer and every later take get the error; permits are refused', async () => {
  const b = new MergeBuffer<string, number>('any', 2)
  b.add('a')
  const pending = b.take()
  const error = new Error('window failed')
  b.fail(error)
  await pending.then(
    () => assert.unreachable('should reject'),
    (e: unknown) => assert.is(e, error),
  )
  await b.take().then(
    () => assert.unreachable('should reject'),
    (e: unknown) => assert.is(e, error),
  )
  assert.is(await b.acquire('a'), false)
  b.fail(new Error('second')) // ignored
  b.put('a', 1) // dropped
  b.finish('nope') // unknown lanes are ignored
})

s('close: a waiting producer gets false, a waiting consumer null', async () => {
  const b = new MergeBuffer<string, number>('any', 1)
  b.add('a')
  assert.ok(await b.acquire('a'))
  const producer = b.acquire('a')
  const consumer = b.take()
  b.close()
  assert.is(await producer, false)
  assert.is(await consumer, null)
  assert.is(await b.acquire('unknown'), false)
})

s.run()
