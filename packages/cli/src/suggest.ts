/**
 * "Did you mean …?" for a mistyped option or resource: the closest known name by edit distance,
 * when it is close enough to be a typo rather than another word.
 */

/** Levenshtein distance (insertions, deletions, substitutions), on two short strings. */
export const editDistance = (a: string, b: string): number => {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      row.push(Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost))
    }
    prev = row
  }
  return prev[b.length] as number
}

/** The closest of `known` to `input`, or undefined when none is within a typo's reach. */
export const closest = (input: string, known: readonly string[]): string | undefined => {
  // A third of the word, at least 1 and at most 3 edits: `--provder` -> `--provider`, not `--raw` -> `--json`.
  const reach = Math.min(3, Math.max(1, Math.floor(input.length / 3)))
  let best: string | undefined
  let bestDistance = Number.POSITIVE_INFINITY
  for (const name of known) {
    const d = editDistance(input, name)
    if (d < bestDistance) {
      best = name
      bestDistance = d
    }
  }
  return bestDistance <= reach ? best : undefined
}
