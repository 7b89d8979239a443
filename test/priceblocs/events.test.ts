// pb.events.poll() over real HTTP against the PriceBlocs sandbox: checkouts that appear and
// complete become the neutral events, once each, across restarts (checkpoint, and ids an
// EventStore dedupes), and a listing that fails or repeats a page is a typed error the poll
// reports before trying again, never a skipped event.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { memoryEventStore, type CheckoutSession, type PaymuxError, type PaymuxEvent } from '@paymux/core'
import { startSandbox, type PriceblocsSandbox } from '@paymux/priceblocs/sandbox'
import { drain, steppedClock, type SteppedClock } from '../webhooks/poll-support.ts'
import { completeCheckout, startBendingProxy, startCheckout } from './events-support.ts'
import { client } from './support.ts'

const T0 = Date.UTC(2026, 5, 1, 12)
const MIN = 60_000
const HOUR = 60 * MIN

interface World {
  readonly sb: PriceblocsSandbox
  readonly clock: SteppedClock
}

/** A sandbox whose clock is the poll's: checkouts made by the helpers are inside the window. */
const world = async (): Promise<World> => {
  const clock = steppedClock(T0)
  const sb = await startSandbox({ count: 30, seed: 16, now: () => clock.now() })
  return { sb, clock }
}

const summary = (events: readonly PaymuxEvent[]): string[] => events.map((e) => `${e.type} ${e.objectRef.id ?? ''}`)

const test = suite('priceblocs/events: poll over the sandbox')

test('a checkout that appears, then completes: the neutral events, normalized, with an honest rawType', async () => {
  const { sb, clock } = await world()
  try {
    const pb = client(sb)
    assert.is(pb.capabilities.events?.poll, 'supported')
    const ctl = new AbortController()
    const poll = pb.events.poll({ clock, intervalMs: MIN, lookbackMs: HOUR, signal: ctl.signal })
    const d = drain(poll)
    await clock.sleeping()
    assert.equal(d.events, [], 'the seeded checkouts are older than the lookback window')

    const a = await startCheckout(sb)
    clock.tick(MIN)
    await clock.sleeping()
    assert.equal(summary(d.events), [`checkout_session.created ${a}`])
    const created = d.events[0] as PaymuxEvent<CheckoutSession>
    assert.is(created.id, `poll:checkout.created:${a}`)
    assert.is(created.rawType, 'poll:checkout.created')
    assert.is(created.provider, 'priceblocs')
    assert.equal(created.objectRef, { resource: 'checkoutSessions', id: a })
    assert.is(created.data?.status, 'open', 'normalized by the adapter: started -> open')
    assert.is((created.raw as { status: string }).status, 'started', 'raw is the listed object')
    assert.is(created.createdAt.getTime(), T0, "the session's own `created`")

    clock.advance(30_000)
    await completeCheckout(sb, a)
    const b = await startCheckout(sb)
    clock.tick(MIN)
    await clock.sleeping()
    assert.equal(summary(d.events).slice(1).sort(), [
      `checkout_session.completed ${a}`,
      `checkout_session.created ${b}`,
    ])
    const done = d.events.find((e) => e.type === 'checkout_session.completed') as PaymuxEvent<CheckoutSession>
    assert.is(done.id, `poll:checkout.completed:${a}`)
    assert.is(done.data?.status, 'complete')
    assert.is(done.data?.paymentStatus, 'paid')
    assert.is(done.createdAt.getTime(), Math.floor((T0 + MIN + 30_000) / 1000) * 1000, 'dated by `updated`')

    clock.tick(MIN)
    await clock.sleeping()
    assert.is(d.events.length, 3, 'nothing new: nothing handed out twice')
    assert.is(sb.stats().byRoute['GET /v1/checkouts'], 4, 'one page a poll: the listing stops at the window')
    ctl.abort()
    await d.done
  } finally {
    await sb.close()
  }
})

test('resume from a checkpoint mid-poll: no duplicate, no gap; a fresh poll repeats only ids an EventStore refuses', async () => {
  const { sb, clock } = await world()
  try {
    const pb = client(sb)
    const made: string[] = []
    // 25 checkouts: more than one page of 20.
    for (let i = 0; i < 25; i++) {
      made.push(await startCheckout(sb))
      clock.advance(1000)
    }
    for (const id of made.slice(0, 5)) await completeCheckout(sb, id)
    const expected = new Set([
      ...made.map((id) => `poll:checkout.created:${id}`),
      ...made.slice(0, 5).map((id) => `poll:checkout.completed:${id}`),
    ])

    const store = memoryEventStore()
    const handled: string[] = []
    const handle = async (e: PaymuxEvent) => {
      if (await store.claim(e.id)) handled.push(e.id)
    }
    const first = pb.events.poll({ clock, lookbackMs: HOUR, polls: 1 })
    let saved = ''
    for await (const e of first) {
      await handle(e)
      saved = JSON.stringify(first.checkpoint())
      if (handled.length === 12) break // the process stops mid-poll
    }
    const second = pb.events.poll({ clock, lookbackMs: HOUR, polls: 1, resumeFrom: JSON.parse(saved) as never })
    const resumed: string[] = []
    for await (const e of second) {
      resumed.push(e.id)
      await handle(e)
    }
    assert.is(resumed.length, expected.size - 12, 'the resumed run hands out only the rest')
    assert.equal(new Set(handled), expected)
    assert.is(handled.length, expected.size, 'each event handled once')

    // Without a checkpoint the same changes come with the same ids: the store refuses every one.
    const fresh = pb.events.poll({ clock, lookbackMs: HOUR, polls: 1 })
    let again = 0
    for await (const e of fresh) {
      again += 1
      assert.not.ok(await store.claim(e.id), `${e.id} is a duplicate the store catches`)
    }
    assert.is(again, expected.size)
  } finally {
    await sb.close()
  }
})

test('what polling cannot see: a change to a session older than the lookback', async () => {
  const { sb, clock } = await world()
  try {
    const pb = client(sb)
    const old = await startCheckout(sb)
    clock.advance(2 * HOUR)
    await completeCheckout(sb, old)
    const events: PaymuxEvent[] = []
    for await (const e of pb.events.poll({ clock, lookbackMs: HOUR, polls: 1 })) events.push(e)
    assert.equal(events, [], 'the completion of a session created two hours ago is outside a one-hour lookback')
    // A longer lookback sees it (the trade-off: each poll relists more).
    const wide: string[] = []
    for await (const e of pb.events.poll({ clock, lookbackMs: 3 * HOUR, polls: 1 })) wide.push(e.type)
    assert.equal(wide, ['checkout_session.created', 'checkout_session.completed'])
  } finally {
    await sb.close()
  }
})

test('a listing that fails mid-poll, then one that repeats a page: typed errors, reported, then everything', async () => {
  const { sb, clock } = await world()
  const proxy = await startBendingProxy(sb.baseUrl)
  try {
    const pb = client(sb, { baseUrl: proxy.url, retry: { retries: 0 } })
    const made: string[] = []
    for (let i = 0; i < 22; i++) {
      made.push(await startCheckout(sb))
      clock.advance(1000)
    }
    const errors: PaymuxError[] = []
    const ctl = new AbortController()
    // Page 2 fails on the first poll; on the second, page 2 answers page 1 again; the third is clean.
    let poll = 1
    proxy.bend = (page) => (page !== 2 ? 'pass' : poll === 1 ? 'fail' : poll === 2 ? { servePage: 1 } : 'pass')
    const d = drain(
      pb.events.poll({
        clock,
        intervalMs: MIN,
        lookbackMs: HOUR,
        signal: ctl.signal,
        onError: (e) => errors.push(e),
      }),
    )
    await clock.sleeping()
    assert.is(errors.length, 1)
    assert.is(errors[0]?.provider, 'priceblocs')
    assert.is(errors[0]?.kind, 'server')
    assert.equal(d.events, [], 'page 1 was read, but nothing of a failed poll is handed out')
    assert.equal(proxy.pages, [1, 2], 'the failure came on the second page')
    poll = 2
    clock.tick(MIN)
    await clock.sleeping()
    assert.is(errors.length, 2)
    assert.is(errors[1]?.kind, 'pagination', errors[1]?.message)
    assert.equal(d.events, [])
    poll = 3
    clock.tick(MIN)
    await clock.sleeping()
    assert.is(errors.length, 2)
    assert.equal(new Set(d.events.map((e) => e.objectRef.id)), new Set(made), 'all 22, none skipped')
    assert.is(d.events.length, 22)
    ctl.abort()
    await d.done
  } finally {
    await proxy.close()
    await sb.close()
  }
})

test('a checkout created and completed in the same second: created first (regression: ties were ordered by id)', async () => {
  const { sb, clock } = await world()
  try {
    const id = await startCheckout(sb)
    await completeCheckout(sb, id)
    const types: string[] = []
    for await (const e of client(sb).events.poll({ clock, lookbackMs: HOUR, polls: 1 })) types.push(e.type)
    assert.equal(types, ['checkout_session.created', 'checkout_session.completed'])
  } finally {
    await sb.close()
  }
})

test('the sandbox helpers refuse what they cannot do', async () => {
  const { sb } = await world()
  try {
    const id = await startCheckout(sb)
    await completeCheckout(sb, id)
    const again = await completeCheckout(sb, id).then(
      () => 'completed twice',
      (e: Error) => e.message,
    )
    assert.match(again, /answered 400/)
    const missing = await completeCheckout(sb, 'no-such-checkout').then(
      () => 'found',
      (e: Error) => e.message,
    )
    assert.match(missing, /answered 404/)
  } finally {
    await sb.close()
  }
})

test.run()
