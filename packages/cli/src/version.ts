/** The CLI's version, read from its package.json (one level up from both src/ and dist/). */
import { readFileSync } from 'node:fs'

export const version = (): string => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string }
  return pkg.version ?? '0.0.0'
}
