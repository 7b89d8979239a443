/**
 * The human view of `paymux list` on a terminal: aligned columns, the amount right-aligned
 * with the currency's own number of decimals, creation time in UTC.
 */
import { amountOf, formatAmount, type NeutralObject } from './amount.ts'

export interface Column {
  readonly title: string
  readonly align?: 'left' | 'right'
}

/** Renders rows under a header, two spaces between columns, no trailing spaces. */
export const renderTable = (columns: readonly Column[], rows: readonly (readonly string[])[]): string => {
  const widths = columns.map((c, i) => Math.max(c.title.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => {
        const w = widths[i] ?? 0
        return columns[i]?.align === 'right' ? cell.padStart(w) : cell.padEnd(w)
      })
      .join('  ')
      .trimEnd()
  return [line(columns.map((c) => c.title)), ...rows.map(line)].map((l) => `${l}\n`).join('')
}

/** `2024-05-01 12:34:56` (UTC, which the column title says). */
export const formatCreated = (d: Date): string => d.toISOString().slice(0, 19).replace('T', ' ')

export const LIST_COLUMNS: readonly Column[] = [
  { title: 'ID' },
  { title: 'PROVIDER' },
  { title: 'STATUS' },
  { title: 'AMOUNT', align: 'right' },
  { title: 'CREATED (UTC)' },
]

export const listRow = (o: NeutralObject): string[] => [
  o.id,
  o.provider,
  o.status,
  formatAmount(amountOf(o)),
  formatCreated(o.createdAt),
]
