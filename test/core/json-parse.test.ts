/**
 * Parsing a large body in parts (packages/core/src/http/json-parse.ts): whatever the text, the
 * result must be exactly `JSON.parse` of the whole text, the same value or a SyntaxError for both.
 * The parts are made small here (a few dozen bytes) so that small texts are cut many times.
 */
import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { findCuts, parseJsonBytes } from '../../packages/core/src/http/json-parse.ts'
import { JsonTextDecoder } from '../../packages/core/src/http/json-text.ts'

const test = suite('json parse in parts')

const SMALL = { splitAbove: 0, groupBytes: 40 }

type Outcome = { ok: true; value: unknown } | { ok: false; error: string }
const outcome = (parse: () => unknown): Outcome => {
  try {
    return { ok: true, value: parse() }
  } catch (error) {
    return { ok: false, error: (error as Error).name }
  }
}
const inParts = (text: string, options = SMALL) => {
  const bytes = Buffer.from(text, 'latin1')
  return outcome(() => parseJsonBytes(bytes, bytes.length, options))
}
const whole = (text: string) => outcome(() => JSON.parse(text))
const wasCut = (text: string) => findCuts(Buffer.from(text, 'latin1'), SMALL.groupBytes) !== null

// Elements shaped like a list page's: objects that begin alike (`{"id":"pl_...`), some holding
// objects that begin alike too (a nested list), with strings that hold the bytes that matter.
const latinString = fc.string({
  unit: fc.constantFrom('a', 'Z', '0', '"', '\\', ',', '[', ']', '{', '}', ':', ' ', 'é'),
})
const element = fc.record({
  id: fc.stringMatching(/^[a-z0-9]{0,8}$/).map((s) => `pl_${s}`),
  value: fc.jsonValue({ maxDepth: 2 }),
  nested: fc.option(fc.array(fc.record({ id: latinString.map((s) => `pl_${s}`) }), { maxLength: 3 })),
})
const listPage = fc.record({
  before: fc.dictionary(latinString, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  data: fc.array(element, { maxLength: 12 }),
  after: fc.dictionary(latinString, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  indent: fc.constantFrom(0, 0, 2),
})
const textOf = (page: { before: object; data: unknown[]; after: object; indent: number }): string =>
  JSON.stringify({ ...page.before, data: page.data, ...page.after }, null, page.indent || undefined)

test('any list page: the value JSON.parse gives, and pages of 3 elements or more are cut', () => {
  let long = 0
  let cut = 0
  fc.assert(
    fc.property(listPage, (page) => {
      const text = textOf(page)
      if (page.data.length >= 3 && !('data' in page.after)) {
        long += 1
        if (wasCut(text)) cut += 1
      }
      assert.equal(inParts(text), whole(text))
    }),
    { numRuns: 1500 },
  )
  assert.ok(long > 300 && cut === long, `cut ${cut} of ${long} pages`)
})

// One byte inserted, removed or replaced with a byte that moves structure: either both fail
// with a SyntaxError or both give the same value.
const structural = fc.constantFrom('"', '\\', ',', ':', '[', ']', '{', '}', '0', 'e', ' ', 'u')
test('any list page with one byte changed: the same outcome as JSON.parse', () => {
  fc.assert(
    fc.property(
      listPage,
      fc.nat(),
      fc.constantFrom('insert', 'remove', 'replace'),
      structural,
      (page, at, how, byte) => {
        const text = textOf(page)
        const i = at % (text.length + 1)
        const changed =
          how === 'insert'
            ? text.slice(0, i) + byte + text.slice(i)
            : text.slice(0, i) + (how === 'replace' ? byte : '') + text.slice(i + 1)
        assert.equal(inParts(changed), whole(changed), changed)
      },
    ),
    { numRuns: 4000 },
  )
})

const elements = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `pl_${i}`, name: `link ${i}` }))

test('a key given twice keeps its last value, as JSON.parse does', () => {
  const list = JSON.stringify(elements(20))
  for (const text of [`{"data":${list},"data":0}`, `{"data":${list},"x":1,"data":[1]}`, `{"data":0,"data":${list}}`]) {
    assert.equal(inParts(text), whole(text), text.slice(0, 40))
  }
})

test('a __proto__ member is an own property, never the prototype', () => {
  const text = `{"__proto__":${JSON.stringify(elements(20))}}`
  const result = inParts(text)
  assert.equal(result, whole(text))
  assert.ok(result.ok && Object.getPrototypeOf(result.value) === Object.prototype)
})

test('a suffix that would turn the placeholder into another number fails as the whole does', () => {
  const list = JSON.stringify(elements(20))
  for (const text of [`{"data":${list}e5}`, `{"data":${list}.5}`, `{"data":-${list}}`, `{"data":${list}0}`]) {
    assert.equal(inParts(text), { ok: false, error: 'SyntaxError' }, text.slice(-20))
    assert.equal(whole(text), { ok: false, error: 'SyntaxError' })
  }
})

test('a string or nested object that begins like an element is no cut', () => {
  // Every element holds text and an object beginning `{"id":"pl_`, the bytes cuts are sought by.
  const data = Array.from({ length: 30 }, (_, i) => ({
    id: `pl_${i}`,
    note: `,{"id":"pl_x"}, ],{"id":"pl_`,
    inner: [{ id: `pl_in${i}` }, { id: `pl_in${i}b` }],
  }))
  const text = JSON.stringify({ object: 'list', data, has_more: true })
  assert.equal(inParts(text), whole(text))
})

test('texts that are not a list page are parsed whole', () => {
  for (const text of [
    '[1,2,3]',
    '"a"',
    '{"a":1}',
    '{"a":[1]}',
    '',
    '   ',
    '{"data":[]}',
    '{"a":{"b":[1,2,3,4,5,6,7,8,9]}}',
  ]) {
    assert.equal(inParts(text), whole(text), JSON.stringify(text))
    assert.not.ok(wasCut(text), JSON.stringify(text))
  }
})

test('a page of 200 KB with the default sizes is cut, through the body decoder, to the same value', () => {
  const data = Array.from({ length: 100 }, (_, i) => ({
    id: `pl_${(1_779_711_011_297_597n - BigInt(i * 7919)).toString()}`,
    note: 'Жжé 🎉',
    pad: 'x'.repeat(2000),
  }))
  const text = JSON.stringify({ object: 'list', url: '/v1/payment_links', has_more: true, data })
  const decoder = new JsonTextDecoder()
  decoder.write(Buffer.from(text, 'utf8'))
  const oneByteText = Buffer.from(decoder.text(), 'latin1')
  assert.ok(oneByteText.length > 200_000)
  assert.ok(findCuts(oneByteText, 96 * 1024) !== null, 'cut')
  assert.equal(decoder.parse(), JSON.parse(text))
})

test('bytes past the given length are not read', () => {
  const text = `{"data":${JSON.stringify(elements(20))}}`
  const bytes = Buffer.from(`${text}]]]garbage`, 'latin1')
  assert.equal(parseJsonBytes(bytes, text.length, SMALL), JSON.parse(text))
})

test.run()
