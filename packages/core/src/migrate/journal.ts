/**
 * An open journal: its entries folded into the latest state of every (subject, source), the
 * header check, and `record`, which appends a line (durably, through the store) and updates the
 * state. One journal per migration: a header naming another one is refused unless forced.
 */
import { PaymuxError } from '../errors.ts'
import type { JournalEntry, JournalHeader, JournalRecord, JournalStore, JournalSubject } from './apply-types.ts'
import { fileJournal } from './journal-store.ts'

/** What the journal says about one (subject, source). */
export interface JournalItem {
  /** The latest step. */
  readonly step: JournalRecord['type']
  /** The latest claim's key, marker and time, if any. */
  readonly claim: { readonly key: string; readonly marker: string | null; readonly at: string } | null
  /** The target id, once created. */
  readonly target: string | null
}

/** The journal of one migration, open. */
export interface Journal {
  readonly header: JournalHeader
  item(subject: JournalSubject, source: string): JournalItem | undefined
  /** Every item, in first-seen order. */
  items(): readonly (JournalItem & { readonly subject: JournalSubject; readonly source: string })[]
  record(r: Omit<JournalRecord, 'at'>): Promise<void>
  close(): Promise<void>
}

/** The migration a caller expects; an undefined member is not checked (revert knows no source). */
export interface Wanted {
  readonly version: 1
  readonly from: JournalHeader['from'] | undefined
  readonly to: JournalHeader['to']
  readonly resource: JournalHeader['resource'] | undefined
  readonly filters: JournalHeader['filters'] | undefined
}

const idOf = (subject: string, source: string): string => `${subject}\u0000${source}`

const mismatch = (message: string) =>
  new PaymuxError({ kind: 'checkpoint_mismatch', provider: 'paymux', code: 'journal_mismatch', message })

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

/** Why `found` is not a journal of the migration `wanted`, or null. */
const headerProblem = (found: JournalHeader, wanted: Wanted): string | null => {
  for (const k of ['from', 'to', 'resource'] as const) {
    if (wanted[k] !== undefined && found[k] !== wanted[k])
      return `the journal is for ${k} ${found[k]}, not ${wanted[k]}`
  }
  if (wanted.filters !== undefined && !sameJson(found.filters, wanted.filters)) {
    return `the journal is for filters ${JSON.stringify(found.filters)}, not ${JSON.stringify(wanted.filters)}`
  }
  return null
}

const fold = (entries: readonly JournalEntry[]) => {
  const items = new Map<string, JournalItem & { subject: JournalSubject; source: string }>()
  const apply = (r: JournalRecord): void => {
    const id = idOf(r.subject, r.source)
    const prev = items.get(id)
    const claim =
      r.type === 'claimed' && r.key !== undefined
        ? { key: r.key, marker: r.marker ?? null, at: r.at }
        : (prev?.claim ?? null)
    items.set(id, {
      subject: r.subject,
      source: r.source,
      step: r.type,
      claim,
      target: r.target ?? prev?.target ?? null,
    })
  }
  for (const e of entries) if (e.type !== 'header') apply(e as JournalRecord)
  return { items, apply }
}

/**
 * Opens the journal of `wanted` (a path or a store): writes the header into an empty journal,
 * checks it in a used one. `wanted.filters` undefined: any filters (verify, revert).
 */
export const openJournal = async (
  journal: string | JournalStore,
  wanted: Wanted,
  opts: { readonly force?: boolean; readonly create: boolean; readonly now: () => number },
): Promise<Journal> => {
  const store = typeof journal === 'string' ? fileJournal(journal) : journal
  try {
    return await openStore(store, wanted, opts)
  } catch (e) {
    // A refused or unreadable journal is released: its file handle must not outlive the call.
    await store.close?.()
    throw e
  }
}

const openStore = async (
  store: JournalStore,
  wanted: Wanted,
  opts: { readonly force?: boolean; readonly create: boolean; readonly now: () => number },
): Promise<Journal> => {
  const entries = await store.read()
  let header = entries[0]
  if (header === undefined) {
    if (!opts.create) throw mismatch('the journal is empty: there is no migration to verify or revert')
    if (wanted.from === undefined || wanted.resource === undefined) throw mismatch('the journal has no header')
    header = {
      type: 'header',
      version: 1,
      from: wanted.from,
      to: wanted.to,
      resource: wanted.resource,
      filters: wanted.filters ?? {},
      startedAt: new Date(opts.now()).toISOString(),
    }
    await store.append(header)
  }
  if (header.type !== 'header') throw mismatch('the journal does not start with a header line')
  const problem = headerProblem(header, wanted)
  if (problem !== null && opts.force !== true) throw mismatch(`${problem}; pass force to use it anyway`)
  const state = fold(entries)
  const h = header
  return {
    header: h,
    item: (subject, source) => state.items.get(idOf(subject, source)),
    items: () => [...state.items.values()],
    record: async (r) => {
      const line = { ...r, at: new Date(opts.now()).toISOString() } as JournalRecord
      await store.append(line)
      state.apply(line)
    },
    close: async () => {
      await store.close?.()
    },
  }
}
