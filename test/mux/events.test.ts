// paymux([wp, pb]).events.poll(): one stream over real HTTP (the PriceBlocs sandbox and a
// Stripe-shaped event list on 127.0.0.1 for WooshPay), global references on every event, one
// composite checkpoint that resumes with no duplicate and no gap, one named error per failing
// provider, and stop.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { isPaymuxError, paymux, type MuxEvent, type PaymentProvider, type PaymuxError } from '@paymux/core'
import { priceblocs } from '@paymux/priceblocs'
import { startSandbox, type PriceblocsSandbox } from '@paymux/priceblocs/sandbox'
import { wooshpay } from '@paymux/wooshpay'
import { completeCheckout, startCheckout } from '../priceblocs/events-support.ts'
import { drain, steppedClock, type SteppedClock } from '../webhooks/poll-support.ts'
import { T0, eventBody, startEventList, type EventList } from '../wooshpay/events-support.ts'

const MIN = 60_000
const HOUR = 60 * MIN

interface World {
  readonly sb: PriceblocsSandbox
  readonly list: EventList
  readonly clock: SteppedClock
  readonly wp: PaymentProvider
  readonly pb: PaymentProvider
  close(): Promise<void>
}

const world = async (): Promise<World> => {
  const clock = steppedClock(T0)
  const sb = await startSandbox({ count: 20, seed: 17, now: () => clock.now() })
  const list = await startEventList()
  const retry = { retries: 0 }
  return {
    sb,
    list,
    clock,
    wp: wooshpay({ apiKey: 'sk_test_muxevents1', baseUrl: list.url, retry }),
    pb: priceblocs({ apiKey: sb.apiKey, baseUrl: sb.baseUrl, retry }),
    close: async () => {
      await list.close()
      await sb.close()
    },
  }
}

const test = suite('mux/events: one stream over both providers')

test('events of both providers in one stream, with global references', async () => {
  const w = await world()
  try {
    const mux = paymux([w.wp, w.pb])
    const checkout = await startCheckout(w.sb)
    w.list.events.push(eventBody(1, T0 - MIN), eventBody(2, T0 - 2 * MIN))
    const ctl = new AbortController()
    const poll = mux.events.poll({ clock: w.clock, intervalMs: MIN, lookbackMs: HOUR, signal: ctl.signal })
    assert.equal(poll.polling, ['wooshpay', 'priceblocs'])
    const d = drain(poll)
    await w.clock.sleeping(2)
    assert.equal(d.events.map((e) => e.globalId).sort(), [
      `priceblocs:poll:checkout.created:${checkout}`,
      'wooshpay:evt_00001',
      'wooshpay:evt_00002',
    ])
    const pbEvent = d.events.find((e) => e.provider === 'priceblocs') as MuxEvent
    assert.is(pbEvent.objectRef.globalId, `priceblocs:${checkout}`)
    const again = await mux.retrieve(pbEvent.objectRef.globalId as string)
    assert.is(again.id, checkout, 'the global reference retrieves the object')
    assert.is(
      (d.events.find((e) => e.provider === 'wooshpay') as MuxEvent).objectRef.globalId?.startsWith('wooshpay:pi_'),
      true,
    )

    await completeCheckout(w.sb, checkout)
    w.list.events.push(eventBody(3, T0 + 10_000))
    w.clock.tick(MIN)
    await w.clock.sleeping(2)
    assert.equal(
      d.events
        .slice(3)
        .map((e) => e.globalId)
        .sort(),
      [`priceblocs:poll:checkout.completed:${checkout}`, 'wooshpay:evt_00003'],
    )
    ctl.abort()
    await d.done
  } finally {
    await w.close()
  }
})

test('the composite checkpoint resumes with no duplicate and no gap', async () => {
  const w = await world()
  try {
    const mux = paymux([w.wp, w.pb])
    for (let i = 0; i < 30; i++) w.list.events.push(eventBody(i, T0 - 40 * MIN + i * 1000))
    const made: string[] = []
    for (let i = 0; i < 25; i++) {
      made.push(await startCheckout(w.sb))
      w.clock.advance(1000)
    }
    const expected = new Set([
      ...w.list.events.map((e) => `wooshpay:${String(e['id'])}`),
      ...made.map((id) => `priceblocs:poll:checkout.created:${id}`),
    ])
    const got: string[] = []
    const first = mux.events.poll({ clock: w.clock, lookbackMs: HOUR, polls: 1 })
    let saved = ''
    for await (const e of first) {
      got.push(e.globalId)
      saved = JSON.stringify(first.checkpoint())
      // Stop once both providers have delivered (the held-event case is test/mux/events-merge.test.ts).
      const providers = new Set(got.map((g) => g.split(':')[0]))
      if (providers.size === 2 && got.length >= 4) break
    }
    const parsed = JSON.parse(saved) as { providers: Record<string, { seen: [string, number][] }> }
    for (const provider of ['priceblocs', 'wooshpay']) {
      const delivered = got.filter((g) => g.startsWith(`${provider}:`)).map((g) => g.slice(provider.length + 1))
      assert.equal(
        parsed.providers[provider]?.seen.map(([id]) => id).sort(),
        delivered.sort(),
        `${provider}: the checkpoint covers exactly what was delivered`,
      )
    }
    for await (const e of mux.events.poll({ clock: w.clock, lookbackMs: HOUR, polls: 1, resumeFrom: parsed as never }))
      got.push(e.globalId)
    assert.is(got.length, expected.size, 'no duplicate')
    assert.equal(new Set(got), expected, 'no gap')
  } finally {
    await w.close()
  }
})

test('a failing provider is reported under its name while the other keeps delivering', async () => {
  const w = await world()
  try {
    const mux = paymux([w.wp, w.pb])
    w.list.events.push(eventBody(1, T0 - MIN))
    w.list.failWhen = (n) => n === 1
    const checkout = await startCheckout(w.sb)
    const errors: PaymuxError[] = []
    const ctl = new AbortController()
    const d = drain(
      mux.events.poll({
        clock: w.clock,
        intervalMs: MIN,
        lookbackMs: HOUR,
        signal: ctl.signal,
        onError: (e) => errors.push(e),
      }),
    )
    await w.clock.sleeping(2)
    assert.is(errors.length, 1)
    assert.is(errors[0]?.provider, 'wooshpay')
    assert.is(errors[0]?.kind, 'server')
    assert.match(errors[0]?.message ?? '', /^events\.poll of wooshpay: /)
    assert.equal(
      d.events.map((e) => e.globalId),
      [`priceblocs:poll:checkout.created:${checkout}`],
    )
    w.clock.tick(MIN)
    await w.clock.sleeping(2)
    assert.equal(
      d.events.map((e) => e.globalId),
      [`priceblocs:poll:checkout.created:${checkout}`, 'wooshpay:evt_00001'],
      'the failed provider catches up at its next poll',
    )
    ctl.abort()
    await d.done

    // Without onError, the first failure ends the stream with that provider's named error.
    w.list.failWhen = () => true
    const failing = drain(mux.events.poll({ clock: w.clock, lookbackMs: HOUR }))
    const error = await failing.done.then(
      () => null,
      (e: unknown) => e,
    )
    assert.ok(isPaymuxError(error))
    assert.is(error.provider, 'wooshpay')
  } finally {
    await w.close()
  }
})

test('providers that cannot poll are skipped and named; stop, selection and checkpoints are checked', async () => {
  const w = await world()
  try {
    const quiet: PaymentProvider = {
      ...w.pb,
      id: 'quiet',
      capabilities: { ...w.pb.capabilities, events: { poll: 'unsupported' } },
    }
    const mux = paymux([w.wp, quiet])
    const ctl = new AbortController()
    const poll = mux.events.poll({ clock: w.clock, lookbackMs: HOUR, signal: ctl.signal })
    assert.equal(poll.polling, ['wooshpay'])
    assert.equal(poll.skipped, ['quiet'])
    const d = drain(poll)
    await w.clock.sleeping()
    ctl.abort()
    await d.done
    assert.equal(d.events, [])

    const kind = (f: () => unknown): string | null => {
      try {
        f()
        return null
      } catch (e) {
        return isPaymuxError(e) ? e.kind : 'other'
      }
    }
    assert.is(
      kind(() => paymux([quiet]).events.poll()),
      'unsupported',
    )
    assert.is(
      kind(() => mux.events.poll({ providers: ['nobody'] })),
      'config',
    )
    const foreign = {
      v: 1,
      providers: { priceblocs: { v: 1, source: 'priceblocs:checkouts', horizon: null, seen: [] } },
    }
    assert.is(
      kind(() => mux.events.poll({ resumeFrom: foreign as never })),
      'checkpoint_mismatch',
    )
    assert.is(
      kind(() => mux.events.poll({ resumeFrom: { v: 2 } as never })),
      'checkpoint_mismatch',
    )
  } finally {
    await w.close()
  }
})

test.run()
