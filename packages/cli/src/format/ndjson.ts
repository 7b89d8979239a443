/**
 * NDJSON: one neutral object per line, as `JSON.stringify` writes it (dates as ISO strings).
 * JSON escapes newlines inside strings, so a line is always exactly one object.
 */
export const ndjsonLine = (value: unknown): string => `${JSON.stringify(value)}\n`
