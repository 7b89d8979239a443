/**
 * Refusing option names nobody reads. A misspelt option (`retry: { maxRetries: 10 }`) is silently
 * ignored by a plain object spread; like stripe-node, paymux refuses it at construction and
 * suggests the known name it is closest to.
 */
import { configError } from './errors.ts'

/** Edit distance, case-insensitive (`maxresponsebytes` is one typo from the real name). */
const distance = (a: string, b: string): number => {
  const x = a.toLowerCase()
  const y = b.toLowerCase()
  let row = Array.from({ length: y.length + 1 }, (_, j) => j)
  for (let i = 1; i <= x.length; i++) {
    const next = [i]
    for (let j = 1; j <= y.length; j++) {
      next[j] = Math.min(
        (row[j] as number) + 1,
        (next[j - 1] as number) + 1,
        (row[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1),
      )
    }
    row = next
  }
  return row[y.length] as number
}

/** The known name closest to `name`, when it is close enough to be a typo of it. */
export const closestName = (name: string, known: readonly string[]): string | null => {
  let best: string | null = null
  let bestDistance = Infinity
  for (const k of known) {
    const d = distance(name, k)
    if (d < bestDistance) [best, bestDistance] = [k, d]
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(name.length / 2)) ? best : null
}

/**
 * Throws a `config` error for the first own key of `value` not in `known`. `path` prefixes the
 * names in the message (`retry.`), so it names the option as the user wrote it.
 */
export const refuseUnknownNames = (provider: string, value: object, known: readonly string[], path = ''): void => {
  for (const name of Object.keys(value)) {
    if (known.includes(name)) continue
    const close = closestName(name, known)
    const hint = close === null ? `known: ${known.map((k) => path + k).join(', ')}` : `did you mean ${path}${close}?`
    throw configError(provider, `unknown option ${path}${name}; ${hint}`)
  }
}
