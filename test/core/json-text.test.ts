/**
 * The body text the transport parses (packages/core/src/http/json-text.ts): whatever the bytes
 * and however they are cut into chunks, `JSON.parse` of it must give exactly what it gives for
 * the UTF-8 decoding of the whole body (the same value, or a SyntaxError for both), and the text
 * must stay one-byte (every character <= U+00FF) wherever no backslash precedes non-ASCII.
 */
import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { JsonTextDecoder, jsonText } from '../../packages/core/src/http/json-text.ts'

const test = suite('json text')

type Parsed = { ok: true; value: unknown } | { ok: false; error: string }
const parse = (text: string): Parsed => {
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch (error) {
    return { ok: false, error: (error as Error).name }
  }
}

/** The body cut at the given offsets, through one decoder. */
const decodeInChunks = (body: Buffer, cuts: readonly number[]): string => {
  const decoder = new JsonTextDecoder()
  let at = 0
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    decoder.write(body.subarray(at, Math.max(at, cut)))
    at = Math.max(at, cut)
  }
  decoder.write(body.subarray(at))
  assert.is(decoder.bytes, body.length)
  return decoder.text()
}

const oneByte = (text: string): boolean => [...text].every((c) => (c.codePointAt(0) as number) <= 0xff)

const cutsOf = (length: number) => fc.array(fc.integer({ min: 0, max: Math.max(0, length) }), { maxLength: 6 })

test('any JSON value, any chunking: the same value, in one-byte text', () => {
  fc.assert(
    fc.property(
      fc.jsonValue({ maxDepth: 3 }).chain((value) => {
        const body = Buffer.from(JSON.stringify(value), 'utf8')
        return fc.tuple(fc.constant(value), fc.constant(body), cutsOf(body.length))
      }),
      ([value, body, cuts]) => {
        const text = decodeInChunks(body, cuts)
        assert.equal(JSON.parse(text), JSON.parse(JSON.stringify(value)))
        // JSON.stringify escapes a backslash as `\\`, so non-ASCII never follows an escaping one here.
        assert.ok(oneByte(text), 'characters above U+00FF are escaped')
      },
    ),
    { numRuns: 400 },
  )
})

// Bytes drawn from what makes the decoder's cases: quotes, backslashes, `u`, hex digits, lead
// and continuation bytes of every length, bytes never valid in UTF-8.
const trickyByte = fc.constantFrom(
  0x22,
  0x5c,
  0x75,
  0x30,
  0x41,
  0x7b,
  0x7d,
  0x5b,
  0x5d,
  0x3a,
  0x2c,
  0x20,
  0xc3,
  0xa9,
  0xd0,
  0x95,
  0xe2,
  0x82,
  0xac,
  0xf0,
  0x9f,
  0x92,
  0xb3,
  0x80,
  0xbf,
  0xc0,
  0xff,
  0xed,
  0xa0,
  0xe0,
  0xef,
  0xf4,
  0xf5,
  0x90,
  0x8f,
  0xc2,
  0xdf,
)

test('any bytes, any chunking: JSON.parse agrees with the UTF-8 decoding', () => {
  fc.assert(
    fc.property(
      fc.array(trickyByte, { maxLength: 40 }).chain((inner) => {
        // Inside a string most of the time, so the bytes reach the escape rules.
        const body = Buffer.from([0x22, ...inner, 0x22])
        return fc.tuple(fc.constant(body), cutsOf(body.length))
      }),
      ([body, cuts]) => {
        assert.equal(parse(decodeInChunks(body, cuts)), parse(body.toString('utf8')))
      },
    ),
    { numRuns: 3000 },
  )
})

test('every lead byte with boundary continuation bytes: the same characters as the UTF-8 decoding', () => {
  // The range edges of well-formed sequences (RFC 3629 §4): overlong forms, surrogates, points
  // above U+10FFFF, and sequences cut short by ASCII, each inside a string.
  const edges = [0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0]
  for (let lead = 0x80; lead <= 0xff; lead++)
    for (const b1 of edges)
      for (const b2 of [0x80, 0xbf, 0x41])
        for (const b3 of [0x80, 0xbf, 0x41]) {
          const body = Buffer.from([0x22, 0x78, lead, b1, b2, b3, 0x79, 0x22])
          assert.equal(parse(jsonText(body)), parse(body.toString('utf8')), body.toString('hex'))
        }
})

test('a backslash before a wide character stays an invalid escape, in any chunking', () => {
  const body = Buffer.from('{"a":"\\Е"}', 'utf8')
  for (let cut = 0; cut <= body.length; cut++) {
    const parsed = parse(decodeInChunks(body, [cut]))
    assert.equal(parsed, { ok: false, error: 'SyntaxError' }, `cut at ${cut}`)
  }
})

test('an escaped backslash before a wide character keeps both', () => {
  const body = Buffer.from('{"a":"\\\\Е€"}', 'utf8')
  for (let cut = 0; cut <= body.length; cut++) assert.equal(JSON.parse(decodeInChunks(body, [cut])), { a: '\\Е€' })
})

test('a character cut across chunks, and a chunk that is all continuation bytes', () => {
  const body = Buffer.from('{"id":"💳💳💳 東京"}', 'utf8')
  const cuts = Array.from({ length: body.length }, (_, i) => i)
  assert.equal(JSON.parse(decodeInChunks(body, cuts)), { id: '💳💳💳 東京' })
})

test("a run of non-ASCII text longer than a chunk, in the socket's 64 KiB chunks", () => {
  // 240 KB of three-byte characters in one string: every chunk is all run, and each cut falls
  // inside a character somewhere. Only the cut character is carried to the next chunk.
  const value = { note: `${'東京'.repeat(40_000)} – ${'é'.repeat(70_000)}💳` }
  const body = Buffer.from(JSON.stringify(value), 'utf8')
  const cuts = Array.from({ length: Math.floor(body.length / 65_536) }, (_, i) => (i + 1) * 65_536)
  const text = decodeInChunks(body, cuts)
  assert.equal(JSON.parse(text), value)
  assert.ok(oneByte(text))
})

test('a declared length that is not a number sizes nothing and breaks nothing', () => {
  for (const declared of [Number.NaN, -5, Number.POSITIVE_INFINITY, 0]) {
    const decoder = new JsonTextDecoder(declared)
    decoder.write(Buffer.from('{"a":"Е"}', 'utf8'))
    assert.equal(JSON.parse(decoder.text()), { a: 'Е' })
  }
})

test('broken UTF-8 reads as U+FFFD, as the UTF-8 decoder reads it', () => {
  // "a", a cut three-byte sequence, "x", a byte never valid, "b", a lead byte at the end.
  const body = Buffer.from([0x22, 0x61, 0xe2, 0x82, 0x78, 0xff, 0x62, 0xc3, 0x22])
  assert.is(JSON.parse(jsonText(body)), JSON.parse(body.toString('utf8')))
  assert.is(JSON.parse(jsonText(body)), 'a\ufffdx\ufffdb\ufffd')
})

test('ASCII and Latin-1-range text is the decoded text itself, with no escapes', () => {
  const latin = '{"note":"Grüße, café"}'
  assert.is(jsonText(Buffer.from(latin, 'utf8')), latin)
  assert.is(jsonText(Buffer.from('{"a":1}')), '{"a":1}')
  assert.is(jsonText(new Uint8Array(0)), '')
})

test('raw non-ASCII outside a string is invalid in both texts', () => {
  for (const text of ['{"a":1}Е', '[1,Е]', 'Е']) {
    assert.equal(parse(jsonText(Buffer.from(text, 'utf8'))), { ok: false, error: 'SyntaxError' })
  }
})

test('a Uint8Array that is a view into a larger buffer is read at its offset', () => {
  const whole = Buffer.from('xx{"a":"Е"}yy', 'utf8')
  const view = new Uint8Array(whole.buffer, whole.byteOffset + 2, whole.length - 4)
  assert.equal(JSON.parse(jsonText(view)), { a: 'Е' })
})

test.run()
