/**
 * Merged checkpoints across versions and sources: checkpoints the previous merged listing wrote
 * (which merged providers' public paginators) resume exactly with the one-run merge over
 * `FetchPage`s; a checkpoint taken through a provider's public paginator resumes through its
 * listing source and the other way round (both record the same plain-JSON part); and a part that
 * belongs to another listing is refused before any request, saying which provider and why.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { paymux, type PaymentProvider, type Sandbox } from '@paymux/core/adapter'
import { rejectsWith } from '../helpers/either.ts'
import { TARGETS } from '../reliability/targets.ts'

const s = suite<{ sandboxes: Sandbox[]; providers: () => PaymentProvider[]; expected: string[] }>(
  'mux/merge-checkpoints',
)

const key = (o: { provider: string; id: string }) => `${o.provider}:${o.id}`
const PAGE = 40

/**
 * Written by the previous merged listing (before it ran providers' `FetchPage`s) over these two
 * sandboxes (150 links each, seed 31), `pageSize: 40`, after pages 1 to 6. The last ones hold a
 * raw position for both providers (`{ after: id }`, a page number).
 */
const OLD = [
  'pmx2.eyJwIjoicGF5bXV4IiwiciI6InBheW1lbnRMaW5rcyIsImYiOiJoazVwem1qMnB4ODIiLCJhIjp7InByb3ZpZGVycyI6eyJ3b29zaHBheSI6eyJza2lwIjoyMH0sInByaWNlYmxvY3MiOnsiciI6InBheW1lbnRMaW5rcyIsImYiOiIyb3o2N2xpYmxrMm45IiwiYXQiOjIsInNraXAiOjB9fX19',
  'pmx2.eyJwIjoicGF5bXV4IiwiciI6InBheW1lbnRMaW5rcyIsImYiOiJoazVwem1qMnB4ODIiLCJhIjp7InByb3ZpZGVycyI6eyJ3b29zaHBheSI6eyJza2lwIjo0MH0sInByaWNlYmxvY3MiOnsiciI6InBheW1lbnRMaW5rcyIsImYiOiIyb3o2N2xpYmxrMm45IiwiYXQiOjMsInNraXAiOjB9fX19',
  'pmx2.eyJwIjoicGF5bXV4IiwiciI6InBheW1lbnRMaW5rcyIsImYiOiJoazVwem1qMnB4ODIiLCJhIjp7InByb3ZpZGVycyI6eyJ3b29zaHBheSI6eyJza2lwIjo2MH0sInByaWNlYmxvY3MiOnsiciI6InBheW1lbnRMaW5rcyIsImYiOiIyb3o2N2xpYmxrMm45IiwiYXQiOjQsInNraXAiOjB9fX19',
  'pmx2.eyJwIjoicGF5bXV4IiwiciI6InBheW1lbnRMaW5rcyIsImYiOiJoazVwem1qMnB4ODIiLCJhIjp7InByb3ZpZGVycyI6eyJ3b29zaHBheSI6eyJza2lwIjo4MH0sInByaWNlYmxvY3MiOnsiciI6InBheW1lbnRMaW5rcyIsImYiOiIyb3o2N2xpYmxrMm45IiwiYXQiOjUsInNraXAiOjB9fX19',
  'pmx2.eyJwIjoicGF5bXV4IiwiciI6InBheW1lbnRMaW5rcyIsImYiOiJoazVwem1qMnB4ODIiLCJhIjp7InByb3ZpZGVycyI6eyJ3b29zaHBheSI6eyJyIjoicGF5bWVudExpbmtzIiwiZiI6ImczY3VucDVoZzc4aSIsImF0Ijp7ImFmdGVyIjoicGxfMTYwNDgwODk4Njc0ODg5MjkzMiJ9LCJza2lwIjowfSwicHJpY2VibG9jcyI6eyJyIjoicGF5bWVudExpbmtzIiwiZiI6IjJvejY3bGlibGsybjkiLCJhdCI6Niwic2tpcCI6MH19fX0',
  'pmx2.eyJwIjoicGF5bXV4IiwiciI6InBheW1lbnRMaW5rcyIsImYiOiJoazVwem1qMnB4ODIiLCJhIjp7InByb3ZpZGVycyI6eyJ3b29zaHBheSI6eyJyIjoicGF5bWVudExpbmtzIiwiZiI6ImczY3VucDVoZzc4aSIsImF0Ijp7ImFmdGVyIjoicGxfMTYwNDgwODk4Njc0ODg5MjkzMiJ9LCJza2lwIjoyMH0sInByaWNlYmxvY3MiOnsiciI6InBheW1lbnRMaW5rcyIsImYiOiIyb3o2N2xpYmxrMm45IiwiYXQiOjcsInNraXAiOjB9fX19',
]

const envelope = (checkpoint: string): { a: { providers: Record<string, Record<string, unknown>> } } =>
  JSON.parse(Buffer.from(checkpoint.slice(5), 'base64url').toString('utf8'))
const reencode = (e: unknown): string => `pmx2.${Buffer.from(JSON.stringify(e)).toString('base64url')}`

s.before(async (ctx) => {
  ctx.sandboxes = await Promise.all(TARGETS.map((t) => t.start({ count: 150, seed: 31 })))
  ctx.providers = () => TARGETS.map((t, i) => t.make(ctx.sandboxes[i] as Sandbox, {}))
  const all = (await Promise.all(ctx.providers().map((p) => p.paymentLinks.list().toArray({ max: 10_000 })))).flat()
  all.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.provider < b.provider ? -1 : 1))
  ctx.expected = all.map(key)
})
s.after(async (ctx) => {
  await Promise.all(ctx.sandboxes.map((sb) => sb.close()))
})

s('checkpoints of the previous merged listing resume exactly the rest', async (ctx) => {
  assert.is(ctx.expected.length, 300)
  for (const [i, checkpoint] of OLD.entries()) {
    const rest = await paymux(ctx.providers())
      .paymentLinks.list({ pageSize: PAGE, resumeFrom: checkpoint })
      .toArray({ max: 10_000 })
    assert.equal(rest.map(key), ctx.expected.slice((i + 1) * PAGE), `after page ${i + 1}`)
  }
  // The last ones resume both providers from a raw position, not from their start.
  assert.ok(envelope(OLD[5] as string).a.providers['wooshpay']?.['at'])
  assert.ok(envelope(OLD[5] as string).a.providers['priceblocs']?.['at'])
})

s('a checkpoint of the public-paginator path resumes through listing sources, and back', async (ctx) => {
  const publicOnly = () =>
    ctx.providers().map((p) => {
      const { listingSource: _source, ...rest } = p
      return rest
    })
  for (const [write, read] of [
    [publicOnly, ctx.providers],
    [ctx.providers, publicOnly],
  ] as const) {
    const seen: string[] = []
    let checkpoint: string | null = null
    for await (const page of paymux(write()).paymentLinks.list({ pageSize: 23, maxPages: 7 }).pages()) {
      seen.push(...page.items.map(key))
      checkpoint = page.checkpoint
    }
    const rest = await paymux(read())
      .paymentLinks.list({ pageSize: 23, resumeFrom: checkpoint as string })
      .toArray({ max: 10_000 })
    assert.equal([...seen, ...rest.map(key)], ctx.expected)
  }
})

s('a part of another listing, a corrupted part and old formats are refused before any request', async (ctx) => {
  const requests = () => ctx.sandboxes.reduce((n, sb) => n + sb.stats().requests, 0)
  const before = requests()
  const last = envelope(OLD[5] as string)
  const refuse = async (checkpoint: string, pattern: RegExp) => {
    const e = await rejectsWith(
      paymux(ctx.providers()).paymentLinks.list({ resumeFrom: checkpoint }).toArray({ max: 10 }),
      'checkpoint_mismatch',
    )
    assert.match(e.message, pattern)
  }
  const edit = (provider: string, change: Record<string, unknown>) =>
    reencode({
      ...last,
      a: { providers: { ...last.a.providers, [provider]: { ...last.a.providers[provider], ...change } } },
    })
  await refuse(edit('wooshpay', { f: 'other' }), /its wooshpay part was taken with other filters/)
  await refuse(edit('priceblocs', { r: 'checkoutSessions' }), /its priceblocs part belongs to checkoutSessions/)
  await refuse(edit('priceblocs', { skip: -1 }), /merged checkpoint is corrupted/)
  await refuse(edit('wooshpay', { last: 7 }), /merged checkpoint is corrupted/)
  await refuse(reencode({ ...last, a: { providers: { wooshpay: 'done' } } }), /merged checkpoint is corrupted/)
  await refuse(`pmx1.${(OLD[0] as string).slice(5)}`, /earlier paymux version.*restart the listing/)
  // A provider's own checkpoint is not a merged one.
  const own = (await ctx.providers()[0]?.paymentLinks.list({ pageSize: 5 }).firstPage())?.checkpoint as string
  const afterOwn = requests()
  await refuse(own, /belongs to provider wooshpay, not paymux/)
  // A merged checkpoint of payment links does not resume checkout sessions.
  await rejectsWith(
    paymux(ctx.providers())
      .checkoutSessions.list({ resumeFrom: OLD[0] as string })
      .toArray({ max: 10 }),
    'checkpoint_mismatch',
  )
  assert.is(requests() - afterOwn, 0)
  assert.is(afterOwn - before, 1, 'only the provider checkpoint taken for the test')
})

s.run()
