/**
 * Sandbox-only routes that change checkout state, as a buyer at Stripe Checkout would, so a test
 * can watch `pb.events.poll()` see it (PriceBlocs itself creates checkouts from its hosted links
 * and has no REST route for either; the paths follow Stripe's `test_helpers` convention):
 *
 * - `POST /v1/test_helpers/checkouts`: a new newest checkout, `started` and `unpaid`, created now;
 * - `POST /v1/test_helpers/checkouts/:id/complete`: that checkout `completed` and `paid`, updated now.
 */
import type { WireObject } from './data.ts'
import { errorReply, type Reply } from './errors.ts'
import type { WriteContext } from './link-writes.ts'
import type { Collection } from './store.ts'

/** Where the helper routes live. */
export const TEST_HELPERS_PATH = '/v1/test_helpers/checkouts'

const nowSeconds = (ctx: WriteContext): number => Math.floor(ctx.now() / 1000)

const create = (ctx: WriteContext, checkouts: Collection): Reply => {
  const newest = checkouts.page(null, 1, 1).items[0]?.created ?? 0
  // Strictly newer than every other checkout, as the listing's order (newest first) requires.
  const created = Math.max(nowSeconds(ctx), newest + 1)
  const o = checkouts.add((k) => ({
    ...checkouts.at(k),
    status: 'started',
    payment_status: 'unpaid',
    payment_intent_id: null,
    subscription_id: null,
    created,
    updated: created,
  }))
  return { status: 200, body: o }
}

const complete = (ctx: WriteContext, checkouts: Collection, id: string): Reply => {
  const k = checkouts.indexOf(id)
  if (k === null) return errorReply(404, `No such checkout: ${id}`)
  const o = checkouts.at(k)
  if (o['status'] === 'completed') return errorReply(400, `Checkout ${id} is already completed`)
  const next: WireObject = {
    ...o,
    status: 'completed',
    payment_status: 'paid',
    payment_intent_id: `pi_sandbox${k.toString(36)}`,
    updated: Math.max(nowSeconds(ctx), o.created),
  }
  checkouts.put(k, next)
  return { status: 200, body: next }
}

/** The stats key of a helper route (ids folded into `:id`). */
export const testHelperKey = (method: string, pathname: string): string | null =>
  pathname === TEST_HELPERS_PATH
    ? `${method} ${TEST_HELPERS_PATH}`
    : pathname.startsWith(`${TEST_HELPERS_PATH}/`) && pathname.endsWith('/complete')
      ? `${method} ${TEST_HELPERS_PATH}/:id/complete`
      : null

/** Handles a request under `TEST_HELPERS_PATH`. */
export const testHelper = (ctx: WriteContext, checkouts: Collection, method: string, pathname: string): Reply => {
  if (method !== 'POST') return errorReply(405, `${method} is not supported by the sandbox`)
  if (pathname === TEST_HELPERS_PATH) return create(ctx, checkouts)
  const m = /^\/v1\/test_helpers\/checkouts\/([^/]+)\/complete$/.exec(pathname)
  if (m === null) return errorReply(404, `Unknown route: ${method} ${pathname}`)
  let id: string
  try {
    id = decodeURIComponent(m[1] as string)
  } catch {
    return errorReply(400, 'Malformed id in path')
  }
  return complete(ctx, checkouts, id)
}
