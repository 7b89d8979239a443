/**
 * JSON output of neutral objects: NDJSON for listings and exports (one object per line, as
 * `JSON.stringify` writes it, dates as ISO strings; JSON escapes newlines inside strings, so a
 * line is always exactly one object), indented JSON for `get`.
 */

/** The same object with `raw` moved last, so the neutral fields read first. */
export const rawLast = <T extends { readonly raw: unknown }>(o: T): T => {
  const { raw, ...rest } = o
  return { ...rest, raw } as T
}

export const ndjsonLine = (value: unknown): string => `${JSON.stringify(value)}\n`
