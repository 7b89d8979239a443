/**
 * Shared setup of the migration tests: sandboxes over real HTTP, journals that crash after a
 * number of appends, and counts read back from the target sandbox through its own listing.
 */
import { memoryJournal, type JournalEntry, type JournalStore, type PaymentProvider } from '@paymux/core'
import { priceblocs } from '@paymux/priceblocs'
import { startSandbox as startPriceblocs, type PriceblocsSandbox } from '@paymux/priceblocs/sandbox'
import { wooshpay } from '@paymux/wooshpay'
import { startSandbox as startWooshpay, type WooshpaySandbox } from '@paymux/wooshpay/sandbox'

/** Write faults on every target: a share of writes is carried out, then the socket dropped. */
export const DROPS = { rate: 0.3, kinds: ['commit_then_drop' as const] }

export const wpClient = (sb: WooshpaySandbox) => wooshpay({ apiKey: sb.apiKey, baseUrl: sb.baseUrl })
export const pbClient = (sb: PriceblocsSandbox) => priceblocs({ apiKey: sb.apiKey, baseUrl: sb.baseUrl })

export const wpSource = (count: number, seed = 5) => startWooshpay({ count, seed })
export const wpTarget = (seed: number) => startWooshpay({ count: 0, seed, writeFaults: DROPS })
export const pbTarget = (seed: number, existing = 0) =>
  startPriceblocs({ counts: { paymentLinks: existing, checkoutSessions: 0 }, seed, writeFaults: DROPS })

/** The crash: a journal whose `n`-th append throws before it is written (the process died there). */
export class Crash extends Error {}
export const crashingJournal = (base: JournalStore, n: number): JournalStore & { appends: number } => {
  const j = {
    appends: 0,
    read: () => base.read(),
    append: async (e: JournalEntry) => {
      j.appends += 1
      if (j.appends === n) throw new Crash(`crash at append ${n}`)
      await base.append(e)
    },
  }
  return j
}

/** Target links grouped by the marker each carries: marker -> ids. */
export const linksByMarker = async (
  to: PaymentProvider,
  markerOf: (raw: unknown, metadata: Readonly<Record<string, string>>) => string | null,
): Promise<Map<string | null, string[]>> => {
  const out = new Map<string | null, string[]>()
  for await (const l of to.paymentLinks.list()) {
    const m = markerOf(l.raw, l.metadata)
    out.set(m, [...(out.get(m) ?? []), l.id])
  }
  return out
}

/** PriceBlocs keeps the marker as `paymux_ref` on `success_url`. */
export const pbMarker = (raw: unknown): string | null => {
  const url = (raw as { success_url?: unknown }).success_url
  return typeof url === 'string' ? new URL(url).searchParams.get('paymux_ref') : null
}
/** WooshPay keeps it in metadata. */
export const wpMarker = (_raw: unknown, metadata: Readonly<Record<string, string>>): string | null =>
  metadata['paymux_source'] ?? null

export { memoryJournal }
