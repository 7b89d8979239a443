/**
 * `pnpm --filter @paymux/bench run breakdown`: where a paymux listing's client CPU goes, stage
 * by stage, on WooshPay pages of 100 objects from the replaying server (its own process). Each
 * figure is this process's CPU time per object (median of 5 rounds of 200 pages, after a
 * warm-up round), so stages can be added up and compared with the peers' totals in RESULTS.md.
 *
 * - HTTP + body + JSON.parse, five ways: `fetch` + `res.text()` (the raw peer); `fetch` and the
 *   body read the way core reads it (reader loop, `Buffer.concat`, `toString`); ky +
 *   `res.text()`; core's transport (ky, capped body read, timeout signal, retry boundary) with
 *   a decoder that returns the parsed body as is; and node:http with a keep-alive agent and a
 *   utf8 string decoder (what stripe-node does).
 * - Body bytes to text, then JSON.parse: UTF-8 decoding (stripe-node's `setEncoding('utf8')`)
 *   against core's one-byte JSON text (packages/core/src/http/json-text.ts).
 * - Decode + normalize of an already parsed page (the adapter's own `decodeInto`).
 * - Paging: core's paginator over pages already in memory, iterated by item and by page.
 */
import { Agent, get } from 'node:http'
import { StringDecoder } from 'node:string_decoder'
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import ky from 'ky'
import { JsonTextDecoder, createPaginator, createTransport } from '@paymux/core/adapter'
import { decodeInto, normalizePaymentIntent, normalizePaymentLink, wire } from '@paymux/wooshpay/internal'
import { median } from './report.ts'
import { startServer } from './processes.ts'

const PAGES = 200
const ROUNDS = 5

interface WireList {
  readonly data: readonly { readonly id: string }[]
  readonly has_more: boolean
}

type GetPage = (url: string) => Promise<WireList>

const cpuPerObject = async (round: () => Promise<number>): Promise<number> => {
  await round() // warm-up
  const samples: number[] = []
  for (let i = 0; i < ROUNDS; i++) {
    const c0 = process.cpuUsage()
    const objects = await round()
    const c = process.cpuUsage(c0)
    samples.push((c.user + c.system) / objects)
  }
  return median(samples)
}

/** PAGES pages of a cursor listing, starting over when the list ends. */
const cursorRound = (base: string, getPage: GetPage) => async (): Promise<number> => {
  let objects = 0
  let after: string | null = null
  for (let i = 0; i < PAGES; i++) {
    const body = await getPage(after === null ? base : `${base}&starting_after=${after}`)
    objects += body.data.length
    after = body.has_more ? ((body.data[body.data.length - 1] as { id: string }).id ?? null) : null
  }
  return objects
}

const readLikeCore = async (res: Response): Promise<string> => {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    chunks.push(value)
  }
  return Buffer.concat(chunks, size).toString('utf8')
}

const main = async (): Promise<void> => {
  const server = await startServer([
    { name: 'wp', provider: 'wooshpay', count: 50_000, latencyMs: 0, seed: 1, replay: true },
  ])
  const sb = server.sandboxes['wp']
  if (!sb) throw new Error('no sandbox')
  const auth = `Basic ${Buffer.from(`${sb.apiKey}:`).toString('base64')}`
  const headers = { authorization: auth, accept: 'application/json' }
  const agent = new Agent({ keepAlive: true })
  const transport = createTransport({
    provider: 'wooshpay',
    baseUrl: sb.baseUrl,
    headers: { ...headers, 'content-type': 'application/json' },
    readError: () => null,
  })

  const transportOnFetch = createTransport({
    provider: 'wooshpay',
    baseUrl: sb.baseUrl,
    headers: { ...headers, 'content-type': 'application/json' },
    readError: () => null,
    fetch: globalThis.fetch,
  })
  const viaTransport =
    (t: typeof transport): GetPage =>
    async (url) => {
      const u = new URL(url)
      const r = await t.request({ path: u.pathname, query: u.searchParams }, (body) => E.right(body as WireList))()
      if (E.isLeft(r)) throw r.left
      return r.right
    }

  const ways: Readonly<Record<string, GetPage>> = {
    'fetch + res.text() + JSON.parse (raw peer)': async (url) =>
      JSON.parse(await (await fetch(url, { headers })).text()) as WireList,
    'fetch + core-style body read + JSON.parse': async (url) =>
      JSON.parse(await readLikeCore(await fetch(url, { headers }))) as WireList,
    'ky + res.text() + JSON.parse': async (url) =>
      JSON.parse(await (await ky(url, { headers, retry: 0, timeout: false })).text()) as WireList,
    'core transport on globalThis.fetch (ky, capped read, signals) + JSON.parse': viaTransport(transportOnFetch),
    'core transport on its node:http fetch (the default) + JSON.parse': viaTransport(transport),
    'node:http keep-alive + utf8 decoder + JSON.parse (stripe-node style)': (url) =>
      new Promise((resolve, reject) => {
        get(url, { agent, headers }, (res) => {
          res.setEncoding('utf8')
          let text = ''
          res.on('data', (c: string) => (text += c))
          res.on('end', () => resolve(JSON.parse(text) as WireList))
          res.on('error', reject)
        }).on('error', reject)
      }),
  }

  const out: string[] = []
  const row = (stage: string, resource: string, usPerObject: number) => {
    const line = `| ${stage} | ${resource} | ${usPerObject.toFixed(2)} |`
    out.push(line)
    console.error(line)
  }

  for (const [resource, path] of [
    ['payment links', '/v1/payment_links'],
    ['payment intents', '/v1/payment_intents'],
  ] as const) {
    const base = `${sb.baseUrl}${path}?limit=100`
    for (const [name, getPage] of Object.entries(ways)) {
      row(name, resource, await cpuPerObject(cursorRound(base, getPage)))
    }

    // Decode + normalize, on bodies parsed once up front (JSON.parse of each, to get fresh objects).
    const texts: string[] = []
    let after: string | null = null
    for (let i = 0; i < 50; i++) {
      const res = await fetch(after === null ? base : `${base}&starting_after=${after}`, { headers })
      const text = await res.text()
      texts.push(text)
      const body = JSON.parse(text) as WireList
      after = (body.data[body.data.length - 1] as { id: string }).id
    }
    const ctx = { livemode: false }
    const decode: (body: unknown) => E.Either<unknown, readonly unknown[]> =
      resource === 'payment links'
        ? decodeInto(wire.PaymentLinkList, 'links', (l) => l.data.map((w) => normalizePaymentLink(w, ctx)))
        : decodeInto(wire.PaymentIntentList, 'intents', (l) => l.data.map((w) => normalizePaymentIntent(w, ctx)))
    const bodies = texts.map((t) => JSON.parse(t) as unknown)
    const decodeRound = () => {
      let objects = 0
      for (let i = 0; i < PAGES; i++) {
        const r = decode(bodies[i % bodies.length])
        if (E.isLeft(r)) throw r.left
        objects += r.right.length
      }
      return Promise.resolve(objects)
    }
    row('decode + normalize (io-ts codec, adapter normalizer)', resource, await cpuPerObject(decodeRound))
    const parseRound = () => {
      let objects = 0
      for (let i = 0; i < PAGES; i++) objects += (JSON.parse(texts[i % texts.length] as string) as WireList).data.length
      return Promise.resolve(objects)
    }
    row('JSON.parse alone (for scale)', resource, await cpuPerObject(parseRound))

    // Body bytes to text, in the socket's 64 KiB chunks: the UTF-8 decoding stripe-node (and a
    // `TextDecoder`) does, against core's one-byte JSON text (json-text.ts), each then parsed.
    const raw = texts.map((t) => Buffer.from(t, 'utf8'))
    const chunked = raw.map((b) =>
      Array.from({ length: Math.ceil(b.length / 65_536) }, (_, i) => b.subarray(i * 65_536, (i + 1) * 65_536)),
    )
    const textRound = (toText: (chunks: readonly Buffer[]) => string) => () => {
      let objects = 0
      for (let i = 0; i < PAGES; i++)
        objects += (JSON.parse(toText(chunked[i % chunked.length] as Buffer[])) as WireList).data.length
      return Promise.resolve(objects)
    }
    const utf8 = new StringDecoder('utf8')
    row(
      'body to text by UTF-8 decoding, + JSON.parse',
      resource,
      await cpuPerObject(textRound((chunks) => chunks.map((c) => utf8.write(c)).join('') + utf8.end())),
    )
    row(
      "body to text by core's JsonTextDecoder, + JSON.parse",
      resource,
      await cpuPerObject(
        textRound((chunks) => {
          const decoder = new JsonTextDecoder()
          for (const c of chunks) decoder.write(c)
          return decoder.text()
        }),
      ),
    )

    // Paging: core's paginator over in-memory pages of the decoded objects.
    const decoded = E.getOrElseW((): readonly unknown[] => [])(decode(bodies[0]))
    const paginator = () =>
      createPaginator<unknown>({
        scope: { provider: 'wooshpay', resource: 'bench', filters: {} },
        fetchPage: ({ at }) => {
          const next = (typeof at === 'number' ? at : 0) + 1
          return TE.right({ items: decoded, next: next < PAGES ? next : null, total: null })
        },
      })
    row(
      'paging: paginator, for await over items',
      resource,
      await cpuPerObject(async () => {
        let n = 0
        for await (const _ of paginator()) n += 1
        return n
      }),
    )
    row(
      'paging: paginator, for await over pages()',
      resource,
      await cpuPerObject(async () => {
        let n = 0
        for await (const p of paginator().pages()) n += p.items.length
        return n
      }),
    )
  }
  server.close()
  agent.destroy()
  console.log(`| Stage | Resource | CPU µs / object |\n| --- | --- | ---: |\n${out.join('\n')}`)
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
