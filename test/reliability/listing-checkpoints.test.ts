/**
 * Composite positions are plain JSON (issue 12, "the design step"): the checkpoint of a
 * partitioned or merged listing holds each part's raw position, never a checkpoint string of its
 * parts. Checked on every page against the real sandboxes, with a resume from every page giving
 * exactly the rest; a merged checkpoint's provider part is still checked against that provider's
 * scope, and a checkpoint of the earlier format (`pmx1.`, which nested them) says to restart.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { paymux, type Page, type Paginator, type PaymentProvider, type Sandbox } from '@paymux/core/adapter'
import { rejectsWith } from '../helpers/either.ts'
import { TARGETS } from './targets.ts'

interface Envelope {
  readonly p: string
  readonly r: string
  readonly f: string
  readonly a: unknown
}

const decode = (checkpoint: string): Envelope => {
  assert.ok(checkpoint.startsWith('pmx2.'), checkpoint.slice(0, 8))
  return JSON.parse(Buffer.from(checkpoint.slice(5), 'base64url').toString('utf8')) as Envelope
}

const encode = (prefix: string, envelope: Envelope): string =>
  prefix + Buffer.from(JSON.stringify(envelope)).toString('base64url')

/** Every string (keys included) anywhere in a decoded JSON value. */
const strings = (value: unknown): string[] => {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(strings)
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)])
  }
  return []
}

/** Asserts the decoded checkpoint holds no checkpoint string (no `pmx` value) and returns it. */
const plainJson = (checkpoint: string, what: string): Envelope => {
  const envelope = decode(checkpoint)
  const nested = strings(envelope.a).filter((t) => /^pmx/i.test(t) || /^[A-Za-z0-9_-]{40,}$/.test(t))
  assert.equal(nested, [], `${what}: no checkpoint inside the checkpoint`)
  return envelope
}

const sandboxes = async (count: number): Promise<{ sbs: Sandbox[]; providers: () => PaymentProvider[] }> => {
  const sbs = await Promise.all(TARGETS.map((t) => t.start({ count, seed: 33 })))
  return { sbs, providers: () => TARGETS.map((t, i) => t.make(sbs[i] as Sandbox, {})) }
}

/** Every page of a listing, then a resume from each page's checkpoint: what was seen plus the rest. */
const resumeFromEveryPage = async <T>(
  list: (resumeFrom?: string) => Paginator<T>,
  keyOf: (item: T) => string,
  check: (page: Page<T>) => void,
): Promise<{ full: string[]; resumed: string[][] }> => {
  const full: string[] = []
  const resumed: string[][] = []
  for await (const page of list().pages()) {
    full.push(...page.items.map(keyOf))
    check(page)
    if (page.checkpoint === null) continue
    const rest = await list(page.checkpoint).toArray({ max: 100_000 })
    resumed.push([...full, ...rest.map(keyOf)])
  }
  return { full, resumed }
}

const s = suite('reliability/listing: composite checkpoints are plain JSON')

s('partitioned: every page holds windows with raw positions, and resumes exactly the rest', async () => {
  const { sbs, providers } = await sandboxes(400)
  try {
    const wp = providers()[0] as PaymentProvider
    const expected = (await wp.paymentIntents.list({ pageSize: 20 }).toArray({ max: 10_000 })).map((o) => o.id)
    assert.is(expected.length, 400)
    for (const order of ['newest_first', 'any'] as const) {
      let positions = 0
      const { full, resumed } = await resumeFromEveryPage(
        (resumeFrom) =>
          wp.paymentIntents.list({ partitions: 4, order, pageSize: 20, ...(resumeFrom ? { resumeFrom } : {}) }),
        (o) => o.id,
        (page) => {
          if (page.checkpoint === null) return
          const { a } = plainJson(page.checkpoint, `${order} page`)
          const position = a as { v: number; windows: { gte: number; lt: number | null; floor: number; at: unknown }[] }
          assert.is(position.v, 2)
          assert.ok(position.windows.length > 0)
          for (const w of position.windows) assert.equal(Object.keys(w).sort(), ['at', 'floor', 'gte', 'lt'])
          positions += position.windows.filter((w) => w.at !== null).length
        },
      )
      assert.ok(resumed.length >= 10, `${order}: ${resumed.length} pages resumed`)
      assert.ok(positions > 0, `${order}: windows recorded raw positions`)
      const sorted = (xs: string[]) => [...xs].sort()
      for (const [i, got] of [full, ...resumed].entries()) {
        if (order === 'newest_first') assert.equal(got, expected, `resume after page ${i}`)
        else assert.equal(sorted(got), sorted(expected), `resume after page ${i}: every id once`)
      }
    }
  } finally {
    await Promise.all(sbs.map((sb) => sb.close()))
  }
})

s('merged: every page holds one plain part per provider, and resumes exactly the rest', async () => {
  const { sbs, providers } = await sandboxes(120)
  try {
    const key = (o: { provider: string; id: string }) => `${o.provider}:${o.id}`
    const mux = () => paymux(providers())
    const expected = (await mux().checkoutSessions.list({ pageSize: 17 }).toArray({ max: 10_000 })).map(key)
    assert.is(expected.length, 240)
    let started = 0
    const { full, resumed } = await resumeFromEveryPage(
      (resumeFrom) => mux().checkoutSessions.list({ pageSize: 17, ...(resumeFrom ? { resumeFrom } : {}) }),
      key,
      (page) => {
        if (page.checkpoint === null) return
        const { a } = plainJson(page.checkpoint, 'merged page')
        const parts = (a as { providers: Record<string, unknown> }).providers
        assert.equal(Object.keys(parts).sort(), ['priceblocs', 'wooshpay'])
        for (const part of Object.values(parts)) {
          if (part === 'done') continue
          const p = part as { r?: string; f?: string; at?: unknown; skip: number }
          assert.ok(Number.isSafeInteger(p.skip))
          if (p.at === undefined) continue
          started += 1
          assert.is(typeof p.r, 'string')
          assert.is(typeof p.f, 'string')
        }
      },
    )
    assert.ok(resumed.length >= 10, `${resumed.length} pages resumed`)
    assert.ok(started > 0, 'provider parts recorded raw positions')
    for (const [i, got] of [full, ...resumed].entries()) assert.equal(got, expected, `resume after page ${i}`)
  } finally {
    await Promise.all(sbs.map((sb) => sb.close()))
  }
})

s("merged: a provider's part is checked against that provider's scope on resume", async () => {
  const { sbs, providers } = await sandboxes(60)
  try {
    const mux = () => paymux(providers())
    type Parts = Record<string, Record<string, unknown>>
    const started = (parts: Parts) => Object.keys(parts).find((p) => parts[p]?.['at'] !== undefined)
    // The first page at which a provider has moved past its own first page.
    let envelope: Envelope | undefined
    for await (const page of mux().checkoutSessions.list({ pageSize: 10 }).pages()) {
      const e = decode(page.checkpoint as string)
      if (started((e.a as { providers: Parts }).providers)) {
        envelope = e
        break
      }
    }
    assert.ok(envelope, 'a provider has moved past its first page')
    const parts = (envelope.a as { providers: Parts }).providers
    const provider = started(parts) as string
    const tamper = (part: Record<string, unknown>) =>
      encode('pmx2.', { ...envelope, a: { providers: { ...parts, [provider]: { ...parts[provider], ...part } } } })
    const before = sbs.map((sb) => sb.stats().requests)
    const asked = (resumeFrom: string) => mux().checkoutSessions.list({ pageSize: 10, resumeFrom }).firstPage()
    const otherFilters = await rejectsWith(asked(tamper({ f: 'x0' })), 'checkpoint_mismatch')
    assert.is(otherFilters.provider, provider)
    assert.match(otherFilters.message, /other filters/)
    const otherResource = await rejectsWith(asked(tamper({ r: 'refunds' })), 'checkpoint_mismatch')
    assert.match(otherResource.message, /belongs to refunds/)
    // A part that is not one this version writes is refused by the merge itself.
    for (const part of [{ skip: -1 }, { at: null }, { r: 1 }]) {
      const e = await rejectsWith(asked(tamper(part)), 'checkpoint_mismatch')
      assert.match(e.message, /merged checkpoint is corrupted/)
    }
    const unknown = encode('pmx2.', { ...envelope, a: { providers: { ...parts, stripe: 'done' } } })
    assert.match((await rejectsWith(asked(unknown), 'checkpoint_mismatch')).message, /corrupted/)
    assert.equal(
      sbs.map((sb) => sb.stats().requests),
      before,
      'refused before any request',
    )
  } finally {
    await Promise.all(sbs.map((sb) => sb.close()))
  }
})

s('a pmx1 checkpoint (the format that nested checkpoints) is refused in every mode: restart the listing', async () => {
  const { sbs, providers } = await sandboxes(30)
  try {
    const [wp] = providers() as [PaymentProvider]
    const page = await wp.paymentIntents.list({ pageSize: 10 }).firstPage()
    const old = encode('pmx1.', decode(page.checkpoint as string))
    const listings = [
      wp.paymentIntents.list({ resumeFrom: old }),
      wp.paymentIntents.list({ partitions: 4, resumeFrom: old }),
      paymux(providers()).paymentIntents.list({ resumeFrom: old }),
    ]
    for (const listing of listings) {
      const e = await rejectsWith(listing.firstPage(), 'checkpoint_mismatch')
      assert.match(e.message, /earlier paymux version \(pmx1\.\).*restart the listing/)
    }
  } finally {
    await Promise.all(sbs.map((sb) => sb.close()))
  }
})

s.run()
