/**
 * Bodies a provider should never send, served by a proxy in front of each adapter's sandbox and
 * read with both fetches the transport can use (its `node:http` default and `globalThis.fetch`):
 * - compressed pages (gzip, deflate, br) are decoded, and the size cap holds on the decoded size,
 *   so a small compressed body that inflates past it (a zip bomb) is refused, not buffered;
 * - a body the parser or the decoder cannot take (nesting thousands deep, which overflows the
 *   stack somewhere; numbers out of range) is `decode`, at attempt 1, never retried;
 * - a 3xx is a typed error and never data, even when its body is a valid page.
 */
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { PaymentProvider, RetryPolicy } from '@paymux/core/adapter'
import { rejectsWith } from '../helpers/either.ts'
import { startProxy, type ProxiedReply } from '../helpers/http-server.ts'
import { TARGETS, fakeClock } from './targets.ts'

const FETCHES: Readonly<Record<string, { fetch?: typeof fetch }>> = {
  'node:http fetch': {},
  'globalThis.fetch': { fetch: globalThis.fetch },
}

const COMPRESSORS: Readonly<Record<string, (b: Buffer) => Buffer>> = {
  gzip: (b) => gzipSync(b),
  deflate: (b) => deflateSync(b),
  br: (b) => brotliCompressSync(b),
}

/** Replaces the first listed object's `id` in a page body with raw JSON text. */
const poisonFirstId = (reply: ProxiedReply, raw: string): ProxiedReply => {
  const body = JSON.parse(reply.body.toString()) as Record<string, unknown>
  const list = Object.values(body).find(
    (v): v is Record<string, unknown>[] => Array.isArray(v) && typeof (v[0] as { id?: unknown })?.id === 'string',
  )
  if (list === undefined) return reply
  ;(list[0] as Record<string, unknown>)['id'] = '__POISON__'
  return { ...reply, body: Buffer.from(JSON.stringify(body).replace('"__POISON__"', raw)) }
}

const deep = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth)

for (const target of TARGETS) {
  for (const [fetchName, fetchOption] of Object.entries(FETCHES)) {
    const s = suite(`reliability/hostile-bodies: ${target.name}, ${fetchName}`)

    /** A client of `target` behind a proxy answering `transform(reply)`; counts upstream requests. */
    const behind = async (
      transform: (reply: ProxiedReply) => ProxiedReply,
      run: (p: PaymentProvider, requests: () => number, ids: readonly string[]) => Promise<void>,
      extra: { maxResponseBytes?: number } = {},
    ) => {
      const sb = await target.start({ count: 45, seed: 4 })
      const proxy = await startProxy(sb.baseUrl, transform)
      try {
        const time = fakeClock()
        const retry: RetryPolicy = { clock: time.clock, sleep: time.sleep }
        const p = target.make({ ...sb, baseUrl: proxy.url } as typeof sb, { retry, ...fetchOption, ...extra })
        await run(p, () => proxy.requests.length, sb.ids('paymentLinks'))
      } finally {
        await proxy.close()
        await sb.close()
      }
    }

    for (const [encoding, compress] of Object.entries(COMPRESSORS)) {
      s(`a ${encoding} body is decoded: the whole listing arrives`, async () => {
        await behind(
          (r) => ({ ...r, headers: { ...r.headers, 'content-encoding': encoding }, body: compress(r.body) }),
          async (p, _requests, ids) => {
            const got = (await p.paymentLinks.list({ pageSize: 10 }).toArray({ max: 1000 })).map((o) => o.id)
            assert.equal(got, [...ids])
          },
        )
      })
    }

    s('a zip bomb is refused on its decoded size, at attempt 1', async () => {
      // 8 MB of JSON whitespace: about 8 KB compressed, far over a 1 MB cap once inflated.
      const bomb = gzipSync(Buffer.concat([Buffer.from('{"data":['), Buffer.alloc(8_000_000, ' '), Buffer.from(']}')]))
      assert.ok(bomb.length < 1_000_000)
      await behind(
        (r) => ({ ...r, headers: { ...r.headers, 'content-encoding': 'gzip' }, body: bomb }),
        async (p, requests) => {
          const e = await rejectsWith(p.paymentLinks.list().firstPage(), 'decode')
          assert.match(e.message, /exceeds maxResponseBytes \(1000000, decoded\)/)
          assert.is(e.attempts, 1)
          assert.is(requests(), 1)
        },
        { maxResponseBytes: 1_000_000 },
      )
    })

    s('a body gzip cannot read is decode, not retried', async () => {
      await behind(
        (r) => ({ ...r, headers: { ...r.headers, 'content-encoding': 'gzip' }, body: r.body }),
        async (p, requests) => {
          const e = await rejectsWith(p.paymentLinks.list().firstPage(), 'decode')
          assert.is(e.attempts, 1)
          assert.is(requests(), 1)
        },
      )
    })

    for (const [what, raw] of [
      ['nesting 5,000 deep', deep(5000)],
      ['nesting 100,000 deep (overflows the stack of any recursive reader)', deep(100_000)],
      ['a number out of range (1e400)', '1e400'],
      ['a 400-digit number', '9'.repeat(400)],
    ] as const) {
      s(`a body with ${what} is decode, at attempt 1, never retried`, async () => {
        await behind(
          (r) => poisonFirstId(r, raw),
          async (p, requests) => {
            const e = await rejectsWith(p.paymentLinks.list().firstPage(), 'decode')
            assert.is(e.attempts, 1)
            assert.is(e.retryable, false)
            assert.is(requests(), 1)
          },
        )
      })
    }

    s('a redirect whose body is a valid page is a typed error, never data', async () => {
      for (const status of [301, 302, 307]) {
        await behind(
          (r) => ({ ...r, status, headers: { ...r.headers, location: '/v1/elsewhere' } }),
          async (p, requests) => {
            const e = await rejectsWith(p.paymentLinks.list().firstPage(), 'invalid_request')
            assert.is(e.status, status)
            assert.is(e.attempts, 1)
            assert.match(e.message, /redirects are not followed/)
            assert.is(requests(), 1, 'the redirect was not followed')
          },
        )
      }
    })

    s.run()
  }
}
