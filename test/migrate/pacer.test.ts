/** The migration's pacer and pool, on an injected clock: no real waiting, no wall-clock assertion. */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { createPacer } from '../../packages/core/src/migrate/pacer.ts'
import { runPool } from '../../packages/core/src/migrate/pool.ts'

const s = suite('migrate/pacer and pool')

const fakeClock = () => {
  let t = 1_000
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => t,
    sleep: (ms: number) => {
      sleeps.push(ms)
      t += ms
      return Promise.resolve()
    },
  }
}

s('requestsPerSecond spaces slots evenly on the injected clock', async () => {
  const clock = fakeClock()
  const pace = createPacer(4, clock)
  const at: number[] = []
  for (let i = 0; i < 5; i += 1) {
    await pace()
    at.push(clock.now())
  }
  assert.equal(at, [1000, 1250, 1500, 1750, 2000])
  assert.equal(clock.sleeps, [250, 250, 250, 250])
})

s('slots are never saved up: after a pause (a Retry-After of the client) the pace goes on, no burst', async () => {
  const clock = fakeClock()
  const pace = createPacer(4, clock)
  await pace()
  await clock.sleep(5000) // the client waited out a pause: 20 slots passed untaken
  clock.sleeps.length = 0
  const at: number[] = []
  for (let i = 0; i < 3; i += 1) {
    await pace()
    at.push(clock.now())
  }
  assert.equal(at, [6000, 6250, 6500])
  assert.equal(clock.sleeps, [250, 250])
})

s('no rate: never sleeps', async () => {
  const clock = fakeClock()
  const pace = createPacer(undefined, clock)
  for (let i = 0; i < 3; i += 1) await pace()
  assert.equal(clock.sleeps, [])
})

s('the pool keeps at most `concurrency` items in work and stops taking items when told', async () => {
  let inWork = 0
  let most = 0
  const done: number[] = []
  async function* items() {
    for (let i = 0; i < 20; i += 1) yield i
  }
  await runPool(
    items(),
    3,
    async (i) => {
      inWork += 1
      most = Math.max(most, inWork)
      await new Promise((r) => setImmediate(r))
      inWork -= 1
      done.push(i)
    },
    () => done.length >= 10,
  )
  assert.is(most, 3)
  assert.ok(done.length >= 10 && done.length <= 12, String(done.length))
})

s('a failing item rejects the pool after the items in work end', async () => {
  async function* items() {
    for (let i = 0; i < 5; i += 1) yield i
  }
  try {
    await runPool(
      items(),
      2,
      async (i) => {
        if (i === 1) throw new Error('boom')
        await Promise.resolve()
      },
      () => false,
    )
    assert.unreachable()
  } catch (e) {
    assert.is((e as Error).message, 'boom')
  }
})

s.run()
