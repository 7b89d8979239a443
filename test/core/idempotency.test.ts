import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { fitKey, newIdempotencyKey, stepKey } from '@paymux/core'

const k = suite('core/idempotency keys')

k('a fresh key per call, never the same twice', () => {
  const keys = new Set(Array.from({ length: 1000 }, newIdempotencyKey))
  assert.is(keys.size, 1000)
})

k('a key that fits is used as is; a longer one is hashed to the limit, stably and without prefix collisions', () => {
  assert.is(fitKey('order-42', 255), 'order-42')
  const a = fitKey(`${'x'.repeat(300)}a`, 64)
  const b = fitKey(`${'x'.repeat(300)}b`, 64)
  assert.ok(a.length <= 64 && b.length <= 64)
  assert.is.not(a, b)
  assert.is(a, fitKey(`${'x'.repeat(300)}a`, 64))
})

k('step keys: deterministic per (call key, step), distinct across steps and across ambiguous joins', () => {
  assert.is(stepKey('order-42', 'product:0'), stepKey('order-42', 'product:0'))
  assert.is.not(stepKey('order-42', 'product:0'), stepKey('order-42', 'price:0'))
  assert.is.not(stepKey('a/b', 'c'), stepKey('a', 'b/c'))
  assert.ok(stepKey('k', 's', 40).length <= 40)
})

k.run()
