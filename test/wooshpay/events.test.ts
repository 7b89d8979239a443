// wp.events.poll() over real HTTP against a small Stripe-shaped event list on 127.0.0.1
// (`GET /v1/events`: newest first, `starting_after`, `created[gte]`, `types[]`), decoded by the
// adapter's webhook decoder: the same event as a delivery, once each, through repeated events
// across pages, a page that fails mid-poll and a cursor that does not advance.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { PaymentIntent, PaymuxError, PaymuxEvent } from '@paymux/core'
import { wooshpay } from '@paymux/wooshpay'
import { T0, eventBody, startEventList, type EventList } from './events-support.ts'
import { drain, steppedClock } from '../webhooks/poll-support.ts'

const MIN = 60_000
const HOUR = 60 * MIN

const client = (sv: EventList) => wooshpay({ apiKey: 'sk_test_events1', baseUrl: sv.url, retry: { retries: 0 } })

const test = suite('wooshpay/events: poll over a Stripe-shaped event list')

test('a polled event is the delivery of that event, with the same id', async () => {
  const sv = await startEventList()
  try {
    const wp = client(sv)
    assert.equal(wp.capabilities.events, { poll: 'supported', inferred: ['poll'] })
    sv.events.push(eventBody(3, T0 - MIN), eventBody(4, T0 - 2 * MIN, 'checkout.session.expired_later'))
    const got: PaymuxEvent[] = []
    for await (const e of wp.events.poll({ clock: steppedClock(T0), lookbackMs: HOUR, polls: 1 })) got.push(e)
    assert.equal(
      got.map((e) => [e.id, e.type]),
      [
        ['evt_00004', 'unknown'],
        ['evt_00003', 'payment_intent.succeeded'],
      ],
    )
    const secret = 'whsec_events_test'
    const raw = JSON.stringify(eventBody(3, T0 - MIN))
    const delivered = wp.webhooks.verify({
      rawBody: raw,
      headers: { 'wooshpay-signature': wp.webhooks.sign({ payload: raw, secret }) },
      secrets: secret,
    })
    const polled = got[1] as PaymuxEvent<PaymentIntent>
    assert.equal({ ...polled, raw: null }, { ...delivered, raw: null })
    assert.is(polled.idempotencyKey, 'key_3')
    assert.is(polled.createdAt.getTime(), T0 - MIN, 'milliseconds read as such (quirk 7)')
    assert.is(polled.data?.amount.amount, 1003)
    assert.ok(sv.requests[0]?.includes(`created%5Bgte%5D=${Math.floor((T0 - HOUR) / 1000)}`), sv.requests[0])
  } finally {
    await sv.close()
  }
})

test('pages newest first, new events on the next poll, types[] sent for the types wanted', async () => {
  const sv = await startEventList()
  try {
    const wp = client(sv)
    for (let i = 0; i < 250; i++) sv.events.push(eventBody(i, T0 - 30 * MIN + i * 1000))
    const clock = steppedClock(T0)
    const ctl = new AbortController()
    const d = drain(wp.events.poll({ clock, intervalMs: MIN, lookbackMs: HOUR, signal: ctl.signal }))
    await clock.sleeping()
    assert.is(d.events.length, 250)
    assert.is(sv.requests.length, 3, 'three pages of 100')
    assert.equal(
      d.events.map((e) => e.id),
      sv.events.map((e) => e['id']),
      'oldest first',
    )
    sv.events.push(eventBody(900, T0 + 10_000))
    clock.tick(MIN)
    await clock.sleeping()
    assert.equal(
      d.events.slice(250).map((e) => e.id),
      ['evt_00900'],
    )
    ctl.abort()
    await d.done

    const typed = wp.events.poll({ clock, lookbackMs: HOUR, polls: 1, types: ['checkout_session.completed'] })
    for await (const _ of typed) assert.unreachable('no checkout event is held')
    const last = sv.requests.at(-1) ?? ''
    assert.ok(last.includes('types%5B%5D=checkout.session.completed'), last)
  } finally {
    await sv.close()
  }
})

test('an event repeated across pages is handed out once', async () => {
  const sv = await startEventList()
  try {
    sv.misbehaviour = 'repeat_last'
    for (let i = 0; i < 200; i++) sv.events.push(eventBody(i, T0 - 30 * MIN + i * 1000))
    const ids: string[] = []
    for await (const e of client(sv).events.poll({ clock: steppedClock(T0), lookbackMs: HOUR, polls: 1 }))
      ids.push(e.id)
    assert.is(ids.length, 200)
    assert.is(new Set(ids).size, 200)
    // 200 events fit two pages of 100; the repeat on page 2 pushed one event onto a third.
    assert.is(sv.requests.length, 3, 'the repeat was served')
  } finally {
    await sv.close()
  }
})

test('a page that fails mid-poll, then a cursor that does not advance: typed errors, then every event', async () => {
  const sv = await startEventList()
  try {
    for (let i = 0; i < 150; i++) sv.events.push(eventBody(i, T0 - 30 * MIN + i * 1000))
    sv.failWhen = (n) => n === 2
    const errors: PaymuxError[] = []
    const clock = steppedClock(T0)
    const ctl = new AbortController()
    const poll = client(sv).events.poll({
      clock,
      intervalMs: MIN,
      lookbackMs: HOUR,
      signal: ctl.signal,
      onError: (e) => errors.push(e),
    })
    const d = drain(poll)
    await clock.sleeping()
    assert.is(errors[0]?.kind, 'server')
    assert.is(errors[0]?.provider, 'wooshpay')
    assert.equal(d.events, [], 'page 1 was read, nothing of the failed poll handed out')
    sv.misbehaviour = 'stuck'
    clock.tick(MIN)
    await clock.sleeping()
    assert.is(errors[1]?.kind, 'pagination', errors[1]?.message)
    assert.equal(d.events, [])
    sv.misbehaviour = 'none'
    clock.tick(MIN)
    await clock.sleeping()
    assert.is(errors.length, 2)
    assert.is(d.events.length, 150)
    assert.equal(poll.stats(), { polls: 1, errors: 2, emitted: 150, seen: 150 })
    ctl.abort()
    await d.done
  } finally {
    await sv.close()
  }
})

test('resume from the checkpoint: no duplicate, no gap', async () => {
  const sv = await startEventList()
  try {
    const wp = client(sv)
    for (let i = 0; i < 120; i++) sv.events.push(eventBody(i, T0 - 30 * MIN + i * 1000))
    const clock = steppedClock(T0)
    const seen: string[] = []
    const first = wp.events.poll({ clock, lookbackMs: HOUR, polls: 1 })
    let saved = ''
    for await (const e of first) {
      seen.push(e.id)
      saved = JSON.stringify(first.checkpoint())
      if (seen.length === 70) break
    }
    assert.not.match(saved, /sk_test/, 'no key in a checkpoint')
    clock.advance(2 * HOUR)
    sv.events.push(eventBody(500, T0 + HOUR))
    for await (const e of wp.events.poll({ clock, lookbackMs: HOUR, polls: 1, resumeFrom: JSON.parse(saved) as never }))
      seen.push(e.id)
    assert.is(seen.length, 121)
    assert.is(new Set(seen).size, 121)
  } finally {
    await sv.close()
  }
})

test.run()
