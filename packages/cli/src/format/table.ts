/**
 * The human view of `paymux list` on a terminal: aligned columns, the amount right-aligned
 * with the currency's own number of decimals, creation time in UTC.
 */
import { amountOf, formatAmount, type NeutralObject } from './amount.ts'

export interface Column {
  readonly title: string
  readonly align?: 'left' | 'right'
}

/** Narrowest a truncated column gets (or its title, when longer). */
const MIN_WIDTH = 8
const GAP = 2

/**
 * Column widths that fit `maxWidth`: the widest column is truncated first, down to its floor
 * (MIN_WIDTH or its title), then the next widest, and so on. Without a limit, every column is
 * as wide as its content.
 */
const fitWidths = (columns: readonly Column[], natural: readonly number[], maxWidth: number | undefined): number[] => {
  const widths = [...natural]
  if (maxWidth === undefined) return widths
  let excess = widths.reduce((a, b) => a + b, 0) + GAP * Math.max(0, widths.length - 1) - maxWidth
  const widestFirst = widths.map((_, i) => i).sort((a, b) => (natural[b] as number) - (natural[a] as number))
  for (const i of widestFirst) {
    if (excess <= 0) break
    const floor = Math.max(MIN_WIDTH, columns[i]?.title.length ?? 0)
    const cut = Math.min(excess, Math.max(0, (widths[i] as number) - floor))
    widths[i] = (widths[i] as number) - cut
    excess -= cut
  }
  return widths
}

/** A cell cut to `width` characters, the last one an ellipsis when something was cut. */
const fit = (cell: string, width: number): string => (cell.length <= width ? cell : `${cell.slice(0, width - 1)}…`)

/**
 * Renders rows under a header, two spaces between columns, no trailing spaces. With `maxWidth`
 * (the terminal's width) the widest columns are truncated so that no line wraps.
 */
export const renderTable = (
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  maxWidth?: number,
): string => {
  const natural = columns.map((c, i) => Math.max(c.title.length, ...rows.map((r) => (r[i] ?? '').length)))
  const widths = fitWidths(columns, natural, maxWidth)
  const line = (cells: readonly string[]) =>
    cells
      .map((raw, i) => {
        const w = widths[i] ?? 0
        const cell = fit(raw, w)
        return columns[i]?.align === 'right' ? cell.padStart(w) : cell.padEnd(w)
      })
      .join(' '.repeat(GAP))
      .trimEnd()
  return [line(columns.map((c) => c.title)), ...rows.map(line)].map((l) => `${l}\n`).join('')
}

/**
 * The width a table may use: `COLUMNS` when set (the user's override, and the only hint when
 * piped), else the terminal's own width; undefined (no limit) when neither is known.
 */
export const terminalWidth = (
  env: Readonly<Record<string, string | undefined>>,
  columns?: number,
): number | undefined => {
  const fromEnv = Number(env['COLUMNS'])
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv
  return columns !== undefined && columns > 0 ? columns : undefined
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
