// The poll engine (core's createEventPoll) over an in-memory PollSource: the engine is pure
// logic over the source it is given; the adapters' polls are tested over real HTTP elsewhere
// (test/priceblocs/events*.test.ts, test/wooshpay/events*.test.ts).
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  PaymuxError,
  createEventPoll,
  isPaymuxError,
  type EventType,
  type PaymuxEvent,
  type PollCandidate,
  type PollSource,
} from '@paymux/core/adapter'
import { drain, steppedClock } from './poll-support.ts'

const T0 = Date.UTC(2026, 0, 1)
const MIN = 60_000

interface Fake {
  readonly source: PollSource
  /** Candidates the provider shows; `at` is the window position. */
  readonly items: { id: string; at: number; type?: EventType }[]
  /** The `since` of every snapshot. */
  readonly windows: number[]
  /** Fail the next snapshot after yielding this many candidates. */
  failAfter: number | null
  /** Yield every candidate twice (a provider repeating itself). */
  repeat: boolean
  /** The provider's filter in whole units of this many ms (WooshPay filters `created` in seconds). */
  granularityMs: number
}

const event = (id: string, at: number, type: EventType = 'checkout_session.created'): PaymuxEvent => ({
  provider: 'fake',
  id,
  type,
  rawType: `fake:${type}`,
  createdAt: new Date(at),
  livemode: false,
  data: null,
  objectRef: { resource: 'checkoutSessions', id },
  idempotencyKey: null,
  raw: { id },
})

const fake = (lookbackMs = 10 * MIN): Fake => {
  const f: Fake = {
    items: [],
    windows: [],
    failAfter: null,
    repeat: false,
    granularityMs: 1,
    source: {
      provider: 'fake',
      source: 'fake:things',
      lookbackMs,
      async *snapshot({ since }): AsyncIterable<PollCandidate> {
        f.windows.push(since)
        let n = 0
        // Newest first, as the providers list.
        for (const it of [...f.items].sort((a, b) => b.at - a.at)) {
          if (it.at < Math.floor(since / f.granularityMs) * f.granularityMs) continue
          if (f.failAfter !== null && n === f.failAfter) {
            f.failAfter = null
            throw new PaymuxError({ kind: 'server', provider: 'fake', message: 'listing failed mid-poll' })
          }
          n += 1
          const c = { event: event(it.id, it.at, it.type), at: it.at }
          yield c
          if (f.repeat) yield c
        }
      },
    },
  }
  return f
}

const ids = (events: readonly PaymuxEvent[]): string[] => events.map((e) => e.id)

const test = suite('webhooks/poll: the engine')

test('each id once, oldest first within a poll, new ones on the next poll', async () => {
  const f = fake()
  f.items.push({ id: 'b', at: T0 - 2 * MIN }, { id: 'a', at: T0 - 3 * MIN })
  f.repeat = true
  const clock = steppedClock(T0)
  const ctl = new AbortController()
  const poll = createEventPoll(f.source, { clock, intervalMs: MIN, signal: ctl.signal })
  const d = drain(poll)
  await clock.sleeping()
  assert.equal(ids(d.events), ['a', 'b'], 'repeats dropped, oldest first')
  f.items.push({ id: 'c', at: T0 + 30_000 })
  clock.tick(MIN)
  await clock.sleeping()
  assert.equal(ids(d.events), ['a', 'b', 'c'])
  assert.equal(clock.sleeps, [MIN, MIN], 'the interval is the one asked for')
  ctl.abort()
  await d.done
  assert.is(poll.stats().polls, 2)
})

test('the window: lookback on the first poll, then the lower of the horizon and now - lookback', async () => {
  const f = fake(10 * MIN)
  const clock = steppedClock(T0)
  const ctl = new AbortController()
  const d = drain(createEventPoll(f.source, { clock, intervalMs: MIN, signal: ctl.signal }))
  await clock.sleeping()
  clock.tick(MIN)
  await clock.sleeping()
  assert.equal(f.windows, [T0 - 10 * MIN, T0 - 10 * MIN], 'the second poll starts at the first one’s horizon')
  ctl.abort()
  await d.done
})

test('resume from a checkpoint: no duplicate, no gap, even after a pause longer than the lookback', async () => {
  const f = fake(10 * MIN)
  for (let i = 0; i < 5; i++) f.items.push({ id: `e${i}`, at: T0 - (5 - i) * MIN })
  const clock = steppedClock(T0)
  const first = createEventPoll(f.source, { clock, intervalMs: MIN })
  const got: string[] = []
  let saved: unknown = null
  for await (const e of first) {
    got.push(e.id)
    // Taken while handling an event: it covers that event.
    saved = JSON.parse(JSON.stringify(first.checkpoint()))
    if (got.length === 2) break
  }
  // An hour later (six lookbacks): events created during the pause are still covered.
  clock.advance(60 * MIN)
  f.items.push({ id: 'late', at: T0 + 20 * MIN })
  const second = createEventPoll(f.source, { clock, intervalMs: MIN, resumeFrom: saved as never, polls: 1 })
  for await (const e of second) got.push(e.id)
  assert.equal(got, ['e0', 'e1', 'e2', 'e3', 'e4', 'late'])
  assert.is(f.windows[1], T0 - 10 * MIN, 'the resumed window starts where the first run could vouch for')
})

test('a failing snapshot hands out nothing of that poll, is reported, and the next poll has it all', async () => {
  const f = fake()
  f.items.push({ id: 'x', at: T0 - MIN }, { id: 'y', at: T0 - 2 * MIN }, { id: 'z', at: T0 - 3 * MIN })
  f.failAfter = 2
  const errors: PaymuxError[] = []
  const clock = steppedClock(T0)
  const ctl = new AbortController()
  const poll = createEventPoll(f.source, {
    clock,
    intervalMs: MIN,
    signal: ctl.signal,
    onError: (e) => errors.push(e),
  })
  const d = drain(poll)
  await clock.sleeping()
  assert.is(errors.length, 1)
  assert.is(errors[0]?.kind, 'server')
  assert.is(errors[0]?.provider, 'fake')
  assert.equal(d.events, [], 'the two candidates read before the failure were not handed out')
  const before = f.windows[0]
  clock.tick(MIN)
  await clock.sleeping()
  assert.equal(ids(d.events), ['z', 'y', 'x'])
  assert.is(f.windows[1], before, 'the retry rescans the same window: nothing skipped')
  assert.equal(poll.stats(), { polls: 1, errors: 1, emitted: 3, seen: 3 })
  ctl.abort()
  await d.done
})

test('without onError a failed poll ends the iteration with the typed error; the checkpoint still resumes', async () => {
  const f = fake()
  f.items.push({ id: 'x', at: T0 - MIN })
  const clock = steppedClock(T0)
  const poll = createEventPoll(f.source, { clock, intervalMs: MIN })
  const d = drain(poll)
  await clock.sleeping()
  f.items.push({ id: 'w', at: T0 + 10_000 })
  f.failAfter = 0
  clock.tick(MIN)
  const error = await d.done.then(
    () => null,
    (e: unknown) => e,
  )
  assert.ok(isPaymuxError(error) && error.kind === 'server')
  const again = createEventPoll(f.source, { clock, resumeFrom: poll.checkpoint(), polls: 1 })
  const rest: string[] = []
  for await (const e of again) rest.push(e.id)
  assert.equal(rest, ['w'])
})

test("from: 'now' takes the first poll as the baseline", async () => {
  const f = fake()
  f.items.push({ id: 'old', at: T0 - MIN })
  const clock = steppedClock(T0)
  const ctl = new AbortController()
  const d = drain(createEventPoll(f.source, { clock, from: 'now', intervalMs: MIN, signal: ctl.signal }))
  await clock.sleeping()
  assert.equal(d.events, [])
  f.items.push({ id: 'new', at: T0 + 1000 })
  clock.tick(MIN)
  await clock.sleeping()
  assert.equal(ids(d.events), ['new'])
  ctl.abort()
  await d.done
})

test('memory is bounded: ids older than the horizon are forgotten; a window beyond maxSeen is a typed error', async () => {
  const f = fake(5 * MIN)
  for (let i = 0; i < 10; i++) f.items.push({ id: `o${i}`, at: T0 - i * MIN })
  const clock = steppedClock(T0)
  const ctl = new AbortController()
  const poll = createEventPoll(f.source, { clock, intervalMs: MIN, signal: ctl.signal })
  const d = drain(poll)
  await clock.sleeping()
  assert.is(d.events.length, 6, 'o0..o5 are inside the window')
  assert.is(poll.stats().seen, 6)
  clock.tick(3 * MIN)
  await clock.sleeping()
  // Horizon T0 - 2 min: o3..o5 cannot come back, so they are dropped from memory and the checkpoint.
  assert.is(poll.stats().seen, 3)
  assert.equal(
    poll
      .checkpoint()
      .seen.map(([id]) => id)
      .sort(),
    ['o0', 'o1', 'o2'],
  )
  ctl.abort()
  await d.done

  const errors: PaymuxError[] = []
  const small = createEventPoll(f.source, {
    clock,
    lookbackMs: 20 * MIN,
    maxSeen: 4,
    polls: 1,
    onError: (e) => errors.push(e),
  })
  for await (const _ of small) assert.unreachable('nothing handed out')
  assert.is(errors[0]?.code, 'poll_window_too_large')
})

test('types filter, checkpointWithout and lastEventId', async () => {
  const f = fake()
  f.items.push({ id: 'c1', at: T0 - 2 * MIN }, { id: 'p1', at: T0 - MIN, type: 'checkout_session.completed' })
  const clock = steppedClock(T0)
  const poll = createEventPoll(f.source, { clock, types: ['checkout_session.completed'], polls: 1 })
  for await (const e of poll) {
    assert.is(e.id, 'p1')
    assert.is(poll.lastEventId(), 'p1')
    assert.equal(
      poll.checkpointWithout('p1').seen.map(([id]) => id),
      [],
    )
    assert.equal(
      poll.checkpointWithout('other').seen.map(([id]) => id),
      ['p1'],
    )
  }
})

test('a provider filtering in whole seconds sends back a forgotten event: it is not handed out again (regression)', async () => {
  const f = fake(10 * MIN)
  f.granularityMs = 1000
  f.items.push({ id: 'edge', at: T0 - 10 * MIN + 1200 })
  const clock = steppedClock(T0)
  const ctl = new AbortController()
  const poll = createEventPoll(f.source, { clock, intervalMs: 1000, signal: ctl.signal })
  const d = drain(poll)
  await clock.sleeping()
  clock.tick(1700)
  await clock.sleeping()
  assert.is(poll.stats().seen, 0, 'forgotten: older than the horizon')
  clock.tick(1000)
  await clock.sleeping()
  assert.equal(ids(d.events), ['edge'], 'the coarse filter sent it again; handed out once')
  ctl.abort()
  await d.done
})

test('options and checkpoints are checked before any request', async () => {
  const f = fake()
  const refused = (o: object): string | null => {
    try {
      createEventPoll(f.source, o)
      return null
    } catch (e) {
      return isPaymuxError(e) ? e.kind : 'other'
    }
  }
  assert.is(refused({ intervalMs: -1 }), 'config')
  assert.is(refused({ lookbackMs: 1.5 }), 'config')
  assert.is(refused({ polls: 0 }), 'config')
  assert.is(refused({ from: 'yesterday' }), 'config')
  assert.is(refused({ types: ['payment.done'] }), 'config')
  assert.is(refused({ resumeFrom: { v: 1, source: 'other:things', horizon: null, seen: [] } }), 'checkpoint_mismatch')
  assert.is(refused({ resumeFrom: { v: 1, source: 'fake:things', horizon: 'x', seen: [] } }), 'checkpoint_mismatch')
  assert.is(refused({ resumeFrom: { v: 1, source: 'fake:things', horizon: 1, seen: [['a']] } }), 'checkpoint_mismatch')
  assert.is(refused({ resumeFrom: 'a string' }), 'checkpoint_mismatch')
  assert.equal(f.windows, [])
})

test('abort during the wait ends the iteration without an error', async () => {
  const f = fake()
  const clock = steppedClock(T0)
  const ctl = new AbortController()
  const d = drain(createEventPoll(f.source, { clock, signal: ctl.signal }))
  await clock.sleeping()
  ctl.abort()
  await d.done
  assert.is(f.windows.length, 1)
})

test.run()
