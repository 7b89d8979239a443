/**
 * A PriceBlocs-like payment links list (`GET /v1/payment-links?page=n`, 20 objects a page,
 * `total`, `links.next.page` as a string) that breaks its page numbers on purpose, as measured
 * in issue 12:
 *
 * - `repeat_page`: page 5 answers with page 1's objects;
 * - `jump`: page 1 links to page 4 as next (with `total` 100);
 * - `same_page`: every page answers the same 20 objects with `has_more: true`, for ever;
 * - `overlap`: every page after the first starts with the last object of the page before (as
 *   when an object is created between two page requests);
 * - `broken`: answers exactly what `answers` gives for each page number (malformed pages).
 */
import { startLocalServer, type LocalServer } from './server.ts'

export type PriceblocsQuirk = 'none' | 'repeat_page' | 'jump' | 'same_page' | 'overlap'

export interface PriceblocsLikeOptions {
  readonly count: number
  readonly quirk?: PriceblocsQuirk
  /** When given, the body of each page number, verbatim (a 404 body for the others). */
  readonly answers?: Readonly<Record<number, unknown>>
  /** Answers 500 to the `n`th request (1-based) when true. */
  readonly failWhen?: (n: number, url: URL) => boolean
}

export interface PriceblocsLike extends LocalServer {
  readonly apiKey: string
  /** Ids newest first. */
  readonly ids: readonly string[]
}

const PER_PAGE = 20
const BASE = 1_700_000_000

export const startPriceblocsLike = async (o: PriceblocsLikeOptions): Promise<PriceblocsLike> => {
  const quirk = o.quirk ?? 'none'
  const all = Array.from({ length: o.count }, (_, i) => ({
    id: `plink_${String(o.count - i).padStart(6, '0')}`,
    object: 'payment_link',
    livemode: false,
    status: 'active',
    created: BASE + o.count - i,
  }))
  // With `overlap` a page holds 19 objects not on the page before.
  const step = quirk === 'overlap' ? PER_PAGE - 1 : PER_PAGE
  const last = Math.max(1, Math.ceil((all.length - (PER_PAGE - step)) / step))
  const server = await startLocalServer((url, n) => {
    if (o.failWhen?.(n, url)) return { status: 500, body: { statusCode: 500, error: 'Internal', message: 'injected' } }
    const page = Number(url.searchParams.get('page') ?? 1)
    if (o.answers)
      return { status: 200, body: o.answers[page] ?? { statusCode: 404, error: 'Not Found', message: 'x' } }
    const served = quirk === 'same_page' || (quirk === 'repeat_page' && page === 5) ? 1 : page
    const data = all.slice((served - 1) * step, (served - 1) * step + PER_PAGE)
    const next = quirk === 'jump' && page === 1 ? 4 : page + 1
    const hasMore = quirk === 'same_page' || page < last
    return {
      status: 200,
      body: {
        object: 'list',
        url: '/v1/payment-links',
        has_more: hasMore,
        data,
        page,
        page_size: PER_PAGE,
        total: quirk === 'same_page' ? null : all.length,
        links: hasMore
          ? { next: { page: String(next), rel: 'next', url: `${url.origin}/v1/payment-links?page=${next}` } }
          : {},
      },
    }
  })
  return { ...server, apiKey: 'PB_sk_test_misbehaving0001', ids: all.map((x) => x.id) }
}
