/**
 * The body buffer pool (packages/core/src/http/buffer-pool.ts) and the decoder's use of it: a
 * parsed body's buffer serves the next body, a body is read once, and the pool stays bounded.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { giveBack, pooledBytes, takeBuffer } from '../../packages/core/src/http/buffer-pool.ts'
import { JsonTextDecoder } from '../../packages/core/src/http/json-text.ts'

const test = suite('buffer pool')

const drain = () => {
  while (pooledBytes() > 0) takeBuffer(1)
}

test('a buffer given back is the one the next body of that size gets', () => {
  drain()
  const first = takeBuffer(120_000)
  assert.ok(first.length >= 120_000)
  giveBack(first)
  assert.is(pooledBytes(), first.length)
  assert.is(takeBuffer(100_000), first)
  assert.is(pooledBytes(), 0)
})

test('a buffer too small for the body is not taken', () => {
  drain()
  const small = takeBuffer(1000)
  giveBack(small)
  const large = takeBuffer(small.length + 1)
  assert.is.not(large, small)
  assert.ok(large.length > small.length)
  assert.is(takeBuffer(10), small)
})

test('the pool keeps at most 4 MiB, and no buffer above 1 MiB', () => {
  drain()
  giveBack(Buffer.allocUnsafe(2 * 1024 * 1024))
  assert.is(pooledBytes(), 0)
  for (let i = 0; i < 100; i++) giveBack(Buffer.allocUnsafe(256 * 1024))
  assert.is(pooledBytes(), 4 * 1024 * 1024)
  drain()
})

test("a parsed body's buffer goes back, and the next decoder writes over it correctly", () => {
  drain()
  const first = new JsonTextDecoder(200)
  first.write(Buffer.from(JSON.stringify({ a: 'é'.repeat(50), b: [1, 2, 3] }), 'utf8'))
  assert.equal(first.parse(), { a: 'é'.repeat(50), b: [1, 2, 3] })
  assert.ok(pooledBytes() > 0, 'given back')
  const second = new JsonTextDecoder(20)
  second.write(Buffer.from('{"x":"Ж"}', 'utf8'))
  assert.is(pooledBytes(), 0, 'taken again')
  assert.equal(second.parse(), { x: 'Ж' })
})

test('a parsed body is read once; a body that is not JSON keeps its text for the message', () => {
  const parsed = new JsonTextDecoder()
  parsed.write(Buffer.from('{"a":1}'))
  parsed.parse()
  assert.throws(() => parsed.parse(), /read once/)
  assert.throws(() => parsed.text(), /read once/)
  assert.throws(() => parsed.write(Buffer.from('x')), /read once/)

  const html = new JsonTextDecoder()
  html.write(Buffer.from('<html>502 Bad Gateway</html>'))
  assert.throws(() => html.parse(), SyntaxError)
  assert.is(html.text(), '<html>502 Bad Gateway</html>')
})

test.run()
