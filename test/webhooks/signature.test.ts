import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  isPaymuxError,
  signTimestampedHmac,
  verifyTimestampedHmac,
  type TimestampedHmacInput,
} from '@paymux/core/adapter'
import { vector, vectors } from './vectors.ts'

const test = suite('webhooks/signature: the timestamped HMAC primitive')
const H = ['Test-Signature']
const at = (sec: number): Date => new Date(sec * 1000)

const verify = (over: Partial<TimestampedHmacInput>): number =>
  verifyTimestampedHmac({
    provider: 'test',
    rawBody: vector('A').body,
    headers: { 'test-signature': `t=1700000000,v1=${vector('A').v1}` },
    headerNames: H,
    secrets: [vector('A').secret],
    now: at(1700000000),
    ...over,
  })

const refusal = (fn: () => unknown): { code: string | null; message: string } => {
  try {
    fn()
  } catch (e) {
    if (isPaymuxError(e) && e.kind === 'invalid_signature') return { code: e.code, message: e.message }
    throw e
  }
  throw new Error('expected an invalid_signature refusal')
}

test('sign reproduces every vector digest', () => {
  for (const v of vectors.timestamped)
    assert.is(signTimestampedHmac({ payload: v.body, secret: v.secret, timestamp: v.t }), `t=${v.t},v1=${v.v1}`, v.name)
  assert.is(Buffer.byteLength(vector('W').body), 211)
  assert.is.not(vector('W').v1, vector('W2').v1)
})

test('valid vectors verify; re-serialised bodies and the stripped prefix do not', () => {
  for (const v of vectors.timestamped) {
    const against = v.against ? vector(v.against) : v
    const run = (): number =>
      verify({
        rawBody: v.body,
        headers: { 'Test-Signature': `t=${against.t},v1=${against.v1}` },
        secrets: [v.secret],
        now: at(v.t),
      })
    if (v.valid) assert.is(run(), v.t, v.name)
    else assert.is(refusal(run).code, 'no_matching_signature', v.name)
  }
})

test('A4 rotation: any v1 matches any secret', () => {
  const a4 = vector('A4')
  const header = a4.rotationHeader as string
  assert.is(verify({ headers: { 'test-signature': header }, secrets: ['whsec_test_secret'] }), 1700000000)
  assert.is(verify({ headers: { 'test-signature': header }, secrets: ['whsec_old_secret'] }), 1700000000)
  // Several secrets configured, the header signed by only one of them.
  assert.is(verify({ secrets: ['whsec_unrelated', 'whsec_test_secret'] }), 1700000000)
})

test('timing cases at the tolerance edge, both directions', () => {
  for (const c of vectors.timing) {
    const run = (): number => verify({ toleranceSec: c.toleranceSec, now: at(c.now) })
    if (c.valid) assert.is(run(), 1700000000, c.why)
    else assert.is(refusal(run).code, 'timestamp_out_of_tolerance', c.why)
  }
  // The default is 300, not "no check".
  assert.is(refusal(() => verify({ now: at(1700000301) })).code, 'timestamp_out_of_tolerance')
  assert.is(verify({ now: at(1700000300) }), 1700000000)
  // 0 is the explicit opt-out.
  assert.is(verify({ toleranceSec: 0, now: at(1900000000) }), 1700000000)
})

test('refusal codes', () => {
  assert.is(refusal(() => verify({ headers: {} })).code, 'missing_header')
  assert.is(refusal(() => verify({ headers: { 'test-signature': '' } })).code, 'missing_header')
  assert.is(refusal(() => verify({ headers: { 'test-signature': 'v1=abc' } })).code, 'malformed_header')
  assert.is(refusal(() => verify({ headers: { 'test-signature': 't=1700000000' } })).code, 'malformed_header')
  assert.is(refusal(() => verify({ headers: { 'test-signature': 't=abc,v1=00' } })).code, 'malformed_header')
  assert.is(refusal(() => verify({ headers: { 'test-signature': 't=1700000000,v0=00' } })).code, 'malformed_header')
  assert.is(refusal(() => verify({ secrets: ['whsec_wrong'] })).code, 'no_matching_signature')
  // A truncated signature (length mismatch) is a plain mismatch, not a crash of timingSafeEqual.
  assert.is(
    refusal(() => verify({ headers: { 'test-signature': 't=1700000000,v1=d95c' } })).code,
    'no_matching_signature',
  )
  assert.is(refusal(() => verify({ secrets: [] })).code, 'no_secret')
  assert.is(refusal(() => verify({ secrets: [''] })).code, 'no_secret')
  assert.is(refusal(() => verify({ secrets: undefined })).code, 'no_secret')
  // Two signature headers folded into an array by Node: ambiguous, refused.
  assert.is(refusal(() => verify({ headers: { 'test-signature': ['t=1,v1=a', 't=2,v1=b'] } })).code, 'missing_header')
})

test('a parsed object is refused with "pass the raw body"', () => {
  const r = refusal(() => verify({ rawBody: JSON.parse(vector('A').body) as unknown }))
  assert.is(r.code, 'payload_not_raw')
  assert.match(r.message, /raw request body/)
  assert.match(r.message, /parsed object/)
  assert.is(refusal(() => verify({ rawBody: null })).code, 'payload_not_raw')
  assert.is(refusal(() => verify({ rawBody: 42 })).code, 'payload_not_raw')
})

test('Uint8Array and Buffer bodies, including a view into a larger buffer', () => {
  const bytes = new TextEncoder().encode(vector('A').body)
  assert.is(verify({ rawBody: bytes }), 1700000000)
  assert.is(verify({ rawBody: Buffer.from(vector('A').body) }), 1700000000)
  const padded = new Uint8Array(bytes.length + 8)
  padded.set(bytes, 4)
  assert.is(verify({ rawBody: padded.subarray(4, 4 + bytes.length) }), 1700000000)
  assert.is(refusal(() => verify({ rawBody: padded })).code, 'no_matching_signature')
})

test('header names in any case, over Headers and plain records', () => {
  const value = `t=1700000000,v1=${vector('A').v1}`
  for (const name of ['test-signature', 'TEST-SIGNATURE', 'Test-Signature', 'tEsT-sIgNaTuRe'])
    assert.is(verify({ headers: { [name]: value } }), 1700000000, name)
  assert.is(verify({ headers: new Headers({ 'TEST-SIGNATURE': value }) }), 1700000000)
  assert.is(refusal(() => verify({ headers: new Headers() })).code, 'missing_header')
})

test('a secret with whitespace gets a hint; no secret appears in any message or JSON', () => {
  const secret = 'whsec_test_secret\n'
  const r = refusal(() => verify({ secrets: [secret] }))
  assert.match(r.message, /contains whitespace/)
  const both = ['whsec_test_secret', 'whsec_other_one']
  const all: unknown[] = []
  for (const over of [
    { secrets: [secret, 'whsec_other_one'], headers: { 'test-signature': 't=1700000000,v1=00' } },
    { secrets: both, headers: {} },
    { secrets: both, rawBody: {} },
    { secrets: both, now: at(1800000000) },
    { secrets: both, headers: { 'test-signature': 'garbage' } },
  ])
    try {
      verify(over)
    } catch (e) {
      all.push(e)
    }
  assert.is(all.length, 5)
  for (const e of all) {
    const text = `${String(e)} ${JSON.stringify(e)} ${(e as Error).stack ?? ''}`
    assert.not.match(text, 'test_secret')
    assert.not.match(text, 'other_one')
  }
})

test('the Standard Webhooks vector is a different scheme: refused as malformed, not half-accepted', () => {
  const sw = vectors.standardWebhooks
  const r = refusal(() =>
    verify({
      rawBody: sw.payload,
      headers: { 'test-signature': sw.signature },
      secrets: [sw.secret],
      now: at(sw.timestamp),
    }),
  )
  assert.is(r.code, 'malformed_header')
})

test('a negative tolerance is a config error, not a silent skip', () => {
  try {
    verify({ toleranceSec: -1 })
    assert.unreachable()
  } catch (e) {
    assert.ok(isPaymuxError(e) && e.kind === 'config')
  }
})

test.run()
