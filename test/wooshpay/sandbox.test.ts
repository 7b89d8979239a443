import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { startSandbox, type WooshpaySandbox } from '@paymux/wooshpay/sandbox'
import { basic, get, ids } from './support.ts'

const s = suite<{ sb: WooshpaySandbox }>('wooshpay/sandbox')
s.before(async (ctx) => {
  ctx.sb = await startSandbox({ count: 60, seed: 3 })
})
s.after(async ({ sb }) => sb.close())

s('lists newest first, 10 by default, with cursor windows both ways', async ({ sb }) => {
  const all = sb.ids('paymentIntents')
  assert.is(all.length, 60)
  const first = await get(sb, '/v1/payment_intents')
  assert.is(first.status, 200)
  assert.equal(ids(first.json), all.slice(0, 10))
  assert.is(first.json['has_more'], true)
  const next = await get(sb, `/v1/payment_intents?limit=7&starting_after=${all[9]}`)
  assert.equal(ids(next.json), all.slice(10, 17))
  const back = await get(sb, `/v1/payment_intents?limit=5&ending_before=${all[20]}`)
  assert.equal(ids(back.json), all.slice(15, 20))
  assert.is(back.json['has_more'], true)
  const top = await get(sb, `/v1/payment_intents?limit=5&ending_before=${all[3]}`)
  assert.equal(ids(top.json), all.slice(0, 3))
  assert.is(top.json['has_more'], false)
  const last = await get(sb, `/v1/payment_intents?limit=100&starting_after=${all[50]}`)
  assert.equal(ids(last.json), all.slice(51))
  assert.is(last.json['has_more'], false)
})

s('created seconds strictly decrease along the listing, ms and s alike', async ({ sb }) => {
  const page = await get(sb, '/v1/payment_intents?limit=100')
  const secs = (page.json['data'] as { created: number }[]).map((o) =>
    o.created > 1e12 ? o.created / 1000 : o.created,
  )
  for (let i = 1; i < secs.length; i++) assert.ok((secs[i] as number) < (secs[i - 1] as number), `at ${i}`)
  assert.ok(
    secs.some((x, i) => x !== (page.json['data'] as { created: number }[])[i]?.created),
    'some in ms',
  )
})

s('400 for a bad limit, both cursors, an unknown parameter, a bad created bound or active flag', async ({ sb }) => {
  for (const q of [
    'limit=0',
    'limit=101',
    'limit=abc',
    'limit=2.5',
    'starting_after=x&ending_before=y',
    'foo=1',
    'created[gte]=yesterday',
    'customer=cus_1',
  ]) {
    const r = await get(sb, `/v1/payment_intents?${q}`)
    assert.is(r.status, 400, q)
    assert.is((r.json['error'] as { type: string }).type, 'invalid_request_error', q)
  }
  const r = await get(sb, '/v1/payment_links?active=yes')
  assert.is(r.status, 400)
  assert.is((r.json['error'] as { param: string }).param, 'active')
  const cursor = await get(sb, '/v1/payment_intents?starting_after=pi_123')
  assert.is(cursor.status, 400)
  assert.is((cursor.json['error'] as { code: string }).code, 'resource_missing')
})

s('404 for unknown ids and unknown routes, with request ids', async ({ sb }) => {
  for (const path of [
    '/v1/payment_intents/pi_1',
    '/v1/payment_links/pl_1/line_items',
    '/v1/checkout/sessions/cs_x',
    '/v1/nope',
    '/v1/checkout/sessions',
  ]) {
    const r = await get(sb, path)
    assert.is(r.status, 404, path)
    assert.ok(r.headers.get('request-id')?.startsWith('req_'), path)
  }
  // A well-formed snowflake of the right prefix that was never seeded is unknown too.
  const real = sb.ids('paymentIntents')[0] as string
  const forged = `${real.slice(0, -1)}${real.endsWith('0') ? '1' : '0'}`
  assert.is((await get(sb, `/v1/payment_intents/${forged}`)).status, 404)
})

s(
  '401 without a key, with a wrong key, with Bearer unless acceptBearer; the key is never echoed whole',
  async ({ sb }) => {
    assert.is((await get(sb, '/v1/payment_links', null)).status, 401)
    const wrong = `${sb.apiKey.slice(0, -4)}ZZZZ`
    const r = await get(sb, '/v1/payment_links', basic(wrong))
    assert.is(r.status, 401)
    assert.not.ok(r.text.includes(wrong))
    assert.is((await get(sb, '/v1/payment_links', `Bearer ${sb.apiKey}`)).status, 401)
    const bench = await startSandbox({ count: 5, seed: 3, acceptBearer: true })
    try {
      assert.is((await get(bench, '/v1/payment_links', `Bearer ${bench.apiKey}`)).status, 200)
      const stripePath = await get(bench, '/v1/checkout/sessions?limit=2', `Bearer ${bench.apiKey}`)
      assert.equal(ids(stripePath.json), bench.ids('checkoutSessions').slice(0, 2))
    } finally {
      await bench.close()
    }
  },
)

s('filters: active, created range, customer, customer email, payment intent', async ({ sb }) => {
  const links = (await get(sb, '/v1/payment_links?limit=100')).json['data'] as { id: string; active: boolean }[]
  const active = await get(sb, '/v1/payment_links?limit=100&active=true')
  assert.equal(
    ids(active.json),
    links.filter((l) => l.active).map((l) => l.id),
  )
  assert.ok(ids(active.json).length < links.length, 'some links are inactive')

  const sessions = (await get(sb, '/v1/checkout/sessions/list?limit=100')).json['data'] as Record<string, unknown>[]
  const sec = (v: unknown) => ((v as number) > 1e12 ? (v as number) / 1000 : (v as number))
  const pivot = sec(sessions[20]?.['created'])
  const gte = await get(sb, `/v1/checkout/sessions/list?limit=100&created[gte]=${pivot}`)
  assert.equal(
    ids(gte.json),
    sessions.slice(0, 21).map((o) => o['id']),
  )
  const gt = await get(sb, `/v1/checkout/sessions/list?limit=100&created[gt]=${pivot}`)
  assert.equal(
    ids(gt.json),
    sessions.slice(0, 20).map((o) => o['id']),
  )
  const lt = await get(
    sb,
    `/v1/checkout/sessions/list?limit=100&created[lt]=${pivot}&created[gte]=${sec(sessions[30]?.['created'])}`,
  )
  assert.equal(
    ids(lt.json),
    sessions.slice(21, 31).map((o) => o['id']),
  )
  const exact = await get(sb, `/v1/checkout/sessions/list?created=${pivot}`)
  assert.equal(ids(exact.json), [sessions[20]?.['id']])

  const withCustomer = sessions.find((o) => typeof o['customer'] === 'string' && o['customer'] !== '') as Record<
    string,
    unknown
  >
  const customer = withCustomer['customer'] as string
  const byCustomer = await get(sb, `/v1/checkout/sessions/list?limit=100&customer=${customer}`)
  assert.equal(
    ids(byCustomer.json),
    sessions.filter((o) => o['customer'] === customer).map((o) => o['id']),
  )
  const email = (withCustomer['customer_details'] as { email: string }).email
  const byEmail = await get(
    sb,
    `/v1/checkout/sessions/list?limit=100&customer_details[email]=${encodeURIComponent(email)}`,
  )
  assert.ok(ids(byEmail.json).includes(withCustomer['id'] as string))
  const pi = sessions[5]?.['payment_intent'] as string
  const byPi = await get(sb, `/v1/checkout/sessions/list?payment_intent=${pi}`)
  assert.equal(ids(byPi.json), [sessions[5]?.['id']])
  assert.equal(ids((await get(sb, '/v1/checkout/sessions/list?payment_intent=pi_0')).json), [])
})

s('line items of links and sessions page like any list', async ({ sb }) => {
  for (const [resource, path] of [
    ['paymentLinks', 'payment_links'],
    ['checkoutSessions', 'checkout/sessions'],
  ] as const) {
    for (const parent of sb.ids(resource).slice(0, 12)) {
      const all = await get(sb, `/v1/${path}/${parent}/line_items?limit=100`)
      assert.is(all.status, 200)
      const items = ids(all.json)
      assert.ok(items.length >= 1 && items.length <= 5)
      assert.ok(items.every((id) => id.startsWith('li_')))
      if (items.length < 2) continue
      const second = await get(sb, `/v1/${path}/${parent}/line_items?limit=1&starting_after=${items[0]}`)
      assert.equal(ids(second.json), [items[1]])
    }
  }
})

s('same seed, same bytes; another seed, other data; quirks off is clean Stripe style', async ({ sb }) => {
  const twin = await startSandbox({ count: 60, seed: 3, quirks: false })
  const other = await startSandbox({ count: 60, seed: 4 })
  try {
    assert.equal(twin.ids('paymentLinks'), sb.ids('paymentLinks'))
    assert.not.equal(other.ids('paymentLinks'), sb.ids('paymentLinks'))
    const a = await get(sb, '/v1/payment_links/' + (sb.ids('paymentLinks')[4] as string))
    const b = await get(sb, '/v1/payment_links/' + (sb.ids('paymentLinks')[4] as string))
    assert.is(a.text, b.text)
    const quirky = await get(sb, '/v1/payment_intents?limit=100')
    const clean = await get(twin, '/v1/payment_intents?limit=100')
    assert.is(quirky.json['object'], '"list"')
    assert.is(clean.json['object'], 'list')
    const cleanData = clean.json['data'] as Record<string, unknown>[]
    assert.ok(cleanData.every((o) => /^[a-z]{3}$/.test(o['currency'] as string) && (o['created'] as number) < 1e12))
    assert.ok(cleanData.every((o) => Array.isArray(o['payment_method_types'])))
    const quirkyData = quirky.json['data'] as Record<string, unknown>[]
    assert.ok(quirkyData.every((o) => /^[A-Z]{3}$/.test(o['currency'] as string)))
    assert.ok(
      quirkyData.some((o) => typeof o['payment_method_types'] === 'string'),
      'quirk 9 present',
    )
    assert.ok(
      quirkyData.some((o) => o['customer'] === ''),
      'quirk 10 present',
    )
    const li = await get(sb, `/v1/payment_links/${sb.ids('paymentLinks')[0] as string}/line_items`)
    assert.is(typeof (li.json['data'] as Record<string, unknown>[])[0]?.['quantity'], 'string', 'quirk 4 present')
  } finally {
    await Promise.all([twin.close(), other.close()])
  }
})

s('seeds every intent and session status, JPY and KWD, non-ASCII metadata', async ({ sb }) => {
  const intents = (await get(sb, '/v1/payment_intents?limit=100')).json['data'] as Record<string, unknown>[]
  const statuses = new Set(intents.map((o) => o['status']))
  for (const st of [
    'requires_payment_method',
    'requires_confirmation',
    'requires_action',
    'processing',
    'requires_capture',
    'canceled',
    'succeeded',
  ]) {
    assert.ok(statuses.has(st), st)
  }
  const sessions = (await get(sb, '/v1/checkout/sessions/list?limit=100')).json['data'] as Record<string, unknown>[]
  for (const st of ['open', 'complete', 'expired'])
    assert.ok(
      sessions.some((o) => o['status'] === st),
      st,
    )
  const currencies = new Set(intents.map((o) => o['currency']))
  assert.ok(currencies.has('JPY') && currencies.has('KWD'))
  assert.ok(intents.some((o) => /[\u0080-\uffff]/.test(JSON.stringify(o['metadata']))))
})

s('stats count requests per route and reset', async ({ sb }) => {
  sb.resetStats()
  await get(sb, '/v1/payment_links')
  await get(sb, `/v1/payment_links/${sb.ids('paymentLinks')[0] as string}`)
  await get(sb, `/v1/payment_links/${sb.ids('paymentLinks')[1] as string}`)
  await get(sb, `/v1/checkout/sessions/${sb.ids('checkoutSessions')[0] as string}/line_items`)
  const st = sb.stats()
  assert.is(st.requests, 4)
  assert.equal(st.byRoute, {
    'GET /v1/payment_links': 1,
    'GET /v1/payment_links/:id': 2,
    'GET /v1/checkout/sessions/:id/line_items': 1,
  })
  assert.is(st.faults, 0)
  sb.resetStats()
  assert.is(sb.stats().requests, 0)
})

s('every fault kind is served as documented, and counted', async () => {
  const expectations: Record<string, (r: Awaited<ReturnType<typeof get>> | Error) => void> = {
    '429': (r) => {
      assert.ok(!(r instanceof Error) && r.status === 429 && r.headers.get('retry-after') === '1')
    },
    '500': (r) => assert.ok(!(r instanceof Error) && r.status === 500 && 'error' in r.json),
    '502': (r) => assert.ok(!(r instanceof Error) && r.status === 502 && r.json['type'] === 'api_error'),
    '503': (r) => assert.ok(!(r instanceof Error) && r.status === 503 && r.json['code'] === 'service_unavailable'),
    html: (r) => assert.ok(!(r instanceof Error) && r.status === 502 && r.text.startsWith('<!DOCTYPE html>')),
    reset: (r) => assert.instance(r, Error),
    truncate: (r) => assert.instance(r, Error),
  }
  for (const [kind, check] of Object.entries(expectations)) {
    const sb = await startSandbox({ count: 5, faults: { rate: 1, kinds: [kind as never] } })
    try {
      const r = await get(sb, '/v1/payment_links').catch((e: unknown) => e as Error)
      check(r)
      assert.equal(sb.stats().faultsByKind, { [kind]: 1 }, kind)
    } finally {
      await sb.close()
    }
  }
})

s('faults hit a deterministic share of requests', async () => {
  const run = async () => {
    const sb = await startSandbox({ count: 5, seed: 9, faults: { rate: 0.5, kinds: ['500', '503'] } })
    const out: number[] = []
    for (let i = 0; i < 20; i++) out.push((await get(sb, '/v1/payment_links')).status)
    await sb.close()
    return out
  }
  const a = await run()
  assert.equal(a, await run())
  const failed = a.filter((x) => x !== 200).length
  assert.ok(failed > 3 && failed < 17, `${failed} of 20`)
})

s('latency holds every answer back: a request the server counted stays unanswered until then', async () => {
  const sb = await startSandbox({ count: 1, latencyMs: 600_000 })
  let answered = false
  const pending = get(sb, '/v1/payment_links').then(
    () => (answered = true),
    (e: unknown) => e,
  )
  // Wait for the event (the server counted the request), not for a time.
  while (sb.stats().requests === 0) await new Promise((r) => setImmediate(r))
  assert.is(answered, false)
  await sb.close()
  assert.instance(await pending, Error, 'closing drops the held answer')
  assert.is(answered, false)
})

s('a million objects: lookups and deep cursors cost one page, not the whole set', async () => {
  const sb = await startSandbox({ count: 1_000_000, seed: 1 })
  try {
    const first = await get(sb, '/v1/payment_intents?limit=100')
    const lastOfFirst = ids(first.json).at(-1) as string
    const second = await get(sb, `/v1/payment_intents?limit=100&starting_after=${lastOfFirst}`)
    assert.is(ids(second.json).length, 100)
    const sessions = await get(sb, '/v1/checkout/sessions/list?limit=3&created[lte]=1660000000')
    assert.is(ids(sessions.json).length, 3)
    const deep = ids(sessions.json)[2] as string
    assert.is((await get(sb, `/v1/checkout/sessions/${deep}`)).status, 200)
    const near = await get(sb, `/v1/checkout/sessions/list?limit=2&ending_before=${deep}`)
    assert.equal(ids(near.json), ids(sessions.json).slice(0, 2))
  } finally {
    await sb.close()
  }
})

s('close() ends idle keep-alive connections and requests in flight', async () => {
  const idle = await startSandbox({ count: 5 })
  assert.is((await get(idle, '/v1/payment_links')).status, 200) // leaves a keep-alive socket open
  await idle.close() // would hang on the idle socket otherwise (the file's timeout fails it)
  assert.instance(await get(idle, '/v1/payment_links').catch((e: unknown) => e), Error, 'closed means closed')

  const slow = await startSandbox({ count: 5, latencyMs: 600_000 })
  const pending = fetch(`${slow.baseUrl}/v1/payment_links`).catch((e: unknown) => e)
  while (slow.stats().requests === 0) await new Promise((r) => setImmediate(r))
  await slow.close()
  assert.instance(await pending, Error)
})

s('options are checked', async () => {
  for (const o of [
    { count: -1 },
    { count: 1.5 },
    { faults: { rate: 2 } },
    { faults: { rate: 0.1, kinds: ['418' as never] } },
    { latencyMs: -1 },
    { port: 70_000 },
    { forceError: { status: 200 } },
  ]) {
    try {
      await startSandbox(o)
      assert.unreachable(JSON.stringify(o))
    } catch (e) {
      assert.is((e as { kind?: string }).kind, 'config')
    }
  }
})

s.run()
