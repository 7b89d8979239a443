// examples/webhooks-sandbox.ts does what it says: a paid order's event, delivered twice by the
// sandbox over real HTTP, is verified and handled once by the node:http example server.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { paidOrderRoundTrip } from '../../examples/webhooks-sandbox.ts'

const test = suite('webhooks/delivery: the sandbox round-trip example')

test('one payment_intent.succeeded, delivered twice, handled once, with the order key', async () => {
  const { handled, log } = await paidOrderRoundTrip()
  assert.equal(
    handled.map((e) => [e.type, e.idempotencyKey]),
    [['payment_intent.succeeded', 'order-1001']],
  )
  assert.equal(
    log.map((l) => l.split(' ').slice(0, 2).join(' ')),
    ['200 handled', '200 duplicate'],
  )
})

test.run()
