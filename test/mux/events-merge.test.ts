// The multi-provider event stream's merge, over in-process providers whose polls have their
// events ready at once (the HTTP path is test/mux/events.test.ts): providers take turns, and
// the composite checkpoint leaves out an event a provider handed out that the stream still
// holds, so a resume delivers it instead of skipping it.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { paymux, type PaymentProvider, type PaymuxEvent } from '@paymux/core'
import { createEventPoll, type PollCandidate, type PollSource } from '@paymux/core/adapter'
import { memoryProvider } from '../helpers/memory-provider.ts'
import { steppedClock } from '../webhooks/poll-support.ts'

const T0 = Date.UTC(2026, 0, 1)

const source = (provider: string, n: number): PollSource => ({
  provider,
  source: `${provider}:things`,
  lookbackMs: 60 * 60_000,
  async *snapshot(): AsyncIterable<PollCandidate> {
    for (let i = 0; i < n; i++) {
      const at = T0 - (n - i) * 1000
      const event: PaymuxEvent = {
        provider,
        id: `${provider}_e${i}`,
        type: 'checkout_session.created',
        rawType: 'test',
        createdAt: new Date(at),
        livemode: false,
        data: null,
        objectRef: { resource: 'checkoutSessions', id: `${provider}_o${i}` },
        idempotencyKey: null,
        raw: null,
      }
      yield { event, at }
    }
  },
})

const polling = (id: string, n: number): PaymentProvider => {
  const base = memoryProvider(id, [], 10)
  return {
    ...base,
    capabilities: { ...base.capabilities, events: { poll: 'supported' } },
    events: { poll: (o) => createEventPoll(source(id, n), o) },
  }
}

const test = suite('mux/events: the merge')

test('providers take turns; a held event is left out of the checkpoint and delivered on resume', async () => {
  const mux = paymux([polling('alpha', 6), polling('beta', 6)])
  const clock = steppedClock(T0)
  const first = mux.events.poll({ clock, polls: 1 })
  const got: string[] = []
  let saved = ''
  for await (const e of first) {
    got.push(e.globalId)
    saved = JSON.stringify(first.checkpoint())
    if (got.length === 5) break
  }
  assert.equal(got, ['alpha:alpha_e0', 'beta:beta_e0', 'alpha:alpha_e1', 'beta:beta_e1', 'alpha:alpha_e2'])
  const cp = JSON.parse(saved) as { providers: Record<string, { seen: [string, number][] }> }
  // beta had handed out beta_e2 (held by the stream when the consumer stopped): not covered.
  assert.equal(
    cp.providers['beta']?.seen.map(([id]) => id),
    ['beta_e0', 'beta_e1'],
  )
  assert.equal(
    cp.providers['alpha']?.seen.map(([id]) => id),
    ['alpha_e0', 'alpha_e1', 'alpha_e2'],
  )
  for await (const e of mux.events.poll({ clock, polls: 1, resumeFrom: cp as never })) got.push(e.globalId)
  assert.is(got.length, 12)
  assert.is(new Set(got).size, 12)
  assert.ok(got.includes('beta:beta_e2'))
})

test('a busy provider does not starve a quiet one', async () => {
  const mux = paymux([polling('busy', 50), polling('quiet', 2)])
  const got: string[] = []
  for await (const e of mux.events.poll({ clock: steppedClock(T0), polls: 1 })) got.push(e.provider)
  // Both have their events ready: they alternate, so the quiet one's two come among the first four.
  assert.is(got.slice(0, 4).filter((p) => p === 'quiet').length, 2, got.slice(0, 4).join(' '))
  assert.is(got.length, 52)
})

test.run()
