/**
 * Issue 18, target 3, as the bench checks it: a migration with concurrency 8 into a target that
 * allows 25 requests/s at 200 ms (migrate-rate-plan.ts) reaches >= 90% of the objects/s the limit
 * allows, with < 5% of the target's requests answered 429 and the exact set (every source link
 * copied once), with and without `Retry-After`. What the limit allows depends on what a copy
 * costs the target: limit / (target requests served per copy), so a run that sent more requests
 * per copy is not credited for it, and 429s (requests that did no work) do not lower the bar.
 */
import { MIGRATE_RATE_CASES, MIGRATE_RATE_LIMIT, migrateRateKey } from './migrate-rate-plan.ts'
import type { Summary, Target } from './report.ts'

export const migrateRateLimitTargets = (get: (key: string) => Summary | null): Target[] =>
  MIGRATE_RATE_CASES.map((c) => {
    const rps = MIGRATE_RATE_LIMIT.requestsPerSecond
    const title = `7. migration into ${c.target} limited to ${rps}/s, ${MIGRATE_RATE_LIMIT.latencyMs} ms, ${c.retryAfter ? 'with' : 'without'} Retry-After: applyMigration concurrency 8 >= 90% of the objects/s the limit allows, < 5% 429s, exact set`
    const s = get(migrateRateKey(c))
    const requests = s?.notes['target requests']
    if (!s || requests === undefined || s.objects === 0) return { title, met: null, detail: 'not measured in this run' }
    const throttled = s.notes['429s'] ?? 0
    const share = s.notes['429 %'] ?? 0
    const perCopy = (requests - throttled) / s.objects
    const allowed = rps / perCopy
    const reached = s.objectsPerSec / allowed
    return {
      title,
      met: reached >= 0.9 && share < 5 && s.idsOk === true,
      detail:
        `${s.objectsPerSec.toFixed(1)} objects/s = ${(reached * 100).toFixed(0)}% of the ${allowed.toFixed(1)} the limit allows ` +
        `(${perCopy.toFixed(2)} target requests served per copy); ${share}% of ${requests} target requests answered 429 (${throttled}); ` +
        `ids ${s.idsOk ? 'exact' : 'NOT exact'}`,
    }
  })
