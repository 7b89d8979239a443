/**
 * Hooks that count a client's answers and the 429s among them into a run's notes (`429s`,
 * `429 %`; with `answersNote`, every answer under that name too): the rate-limited rows.
 */
import type { ClientHooks } from '@paymux/core/adapter'

export const throttleCounter = (notes: Record<string, number>, answersNote?: string): ClientHooks => {
  let answers = 0
  let throttled = 0
  return {
    onResponse: (v) => {
      answers += 1
      if (v.status === 429) throttled += 1
      if (answersNote !== undefined) notes[answersNote] = answers
      notes['429s'] = throttled
      notes['429 %'] = Math.round((throttled / answers) * 1000) / 10
    },
  }
}
