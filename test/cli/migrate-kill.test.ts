/**
 * The exactly-once proof of issue 17, on the real bin: `paymux migrate --apply` is SIGKILLed at
 * seeded random moments (chosen as journal growth: "after N more journal lines", so the kill
 * lands while creates are in flight, never after a sleep), started again with the same journal,
 * killed again, and finally run to the end. Both sandboxes run in their own `paymux sandbox`
 * process (latency, and commit_then_drop on writes: a create happens but its answer is lost), so
 * every run meets the same sandbox state, as runs sharing sandboxes do for a user.
 *
 * Then, counted in the target sandbox itself (a listing through the adapter, not the CLI's own
 * report): exactly one new target object per migratable source object, no other; `--verify`
 * passes; `--revert` leaves none of them active and the target's own objects untouched.
 * Expectations come from core's `planMigration` over the same sandboxes, not from the CLI.
 * This file: WooshPay -> PriceBlocs (no idempotency keys: settled by the marker in the success
 * URL); migrate-kill-reverse.test.ts the other way (keys and metadata markers).
 */
import { suite } from 'uvu'
import { migrateWithKills, setUp, sides, tearDown, type Ctx } from './migrate-kill-harness.ts'

const s = suite<Ctx>('cli/migrate-kill: WooshPay -> PriceBlocs (child processes, SIGKILL)')
s.before(setUp)
s.after(tearDown)

s('killed at random moments, resumed, exactly one copy each (settled by marker); verify; revert', async (ctx) => {
  const all = sides(ctx.shared.env)
  await migrateWithKills(ctx, all.wooshpay, all.priceblocs)
})

s.run()
