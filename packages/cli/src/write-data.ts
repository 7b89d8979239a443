/**
 * `--data JSON|@file`: the input of a write, as the neutral input object of the library
 * (`@paymux/core`'s write inputs: Money as `{ "amount": 1000, "currency": "USD" }`, dates as ISO
 * strings). Only the shape "one JSON object" is checked here, as a usage error (exit 2) before
 * anything connects; the fields are checked by the library's codecs, which name the field.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { usageError } from './cli-error.ts'

/** The parsed `--data`, or `{}` when the option is absent and `required` is false. */
export const parseData = (
  value: string | undefined,
  cwd: string,
  command: string,
  required: boolean,
): Record<string, unknown> => {
  const hint = `see paymux ${command} --help`
  if (value === undefined) {
    if (required) throw usageError('--data is required', `${hint}; pass a JSON object or @file`)
    return {}
  }
  let text = value
  let source = '--data'
  if (value.startsWith('@')) {
    const file = value.slice(1)
    if (file === '') throw usageError('--data @ needs a file name', hint)
    source = `--data ${value}`
    try {
      text = readFileSync(resolve(cwd, file), 'utf8')
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'unreadable'
      throw usageError(`${source}: cannot read the file (${code})`, 'check the file name; @file is relative to here')
    }
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (e) {
    // Only the position: newer engines quote the text in their message, and the text is the user's data.
    const at = /position (\d+)/.exec(e instanceof Error ? e.message : '')?.[1]
    throw usageError(`${source} is not valid JSON${at === undefined ? '' : ` (at character ${at})`}`, hint)
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    const got = parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : `a ${typeof parsed}`
    throw usageError(`${source} must be a JSON object, got ${got}`, hint)
  }
  return parsed as Record<string, unknown>
}
