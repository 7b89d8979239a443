/**
 * The sandbox's write routes (every POST) and WooshPay's idempotency rule
 * (docs/providers/wooshpay.md#idempotency): a request with an `Idempotency-Key` already seen on
 * the same endpoint with the same body gets the first reply again (status and body), written
 * once; the same key with another endpoint or body is 400 `idempotency_error`. Replies of 5xx
 * are not recorded (the write did not happen).
 */
import type { SandboxRequest } from '@paymux/core/adapter'
import type { WireObject } from './data.ts'
import { bodyOf } from './body.ts'
import { createPrice, createProduct } from './catalogue.ts'
import { completeSession, createLink, createSession, expireSession, updateLink, type Lookup } from './checkout.ts'
import { errorReply, noSuch, type Reply } from './errors.ts'
import type { EventLog } from './events.ts'
import { cancelIntent, captureIntent, confirmIntent, createIntent, createRefund } from './intents.ts'
import type { WriteState } from './state.ts'
import { createEndpoint, updateEndpoint, type EndpointRegistry } from './webhook-endpoints.ts'

/** How the write routes find existing objects (written or seeded). */
export interface Finders {
  readonly link: Lookup
  readonly session: Lookup
  readonly intent: Lookup
}

/** The webhook side of the writes: the endpoints, and the log every state change goes to. */
export interface WebhookWrites {
  readonly endpoints: EndpointRegistry
  readonly log: EventLog
}

/** A matched write: its stats key and the handler of its parsed body. */
interface WriteMatch {
  readonly key: string
  readonly run: (body: Record<string, unknown>) => Reply
}

const ON_INTENT = { confirm: confirmIntent, capture: captureIntent, cancel: cancelIntent } as const

/** `POST /v1/webhook_endpoints` and `POST /v1/webhook_endpoints/:id`. */
const endpointMatch = (s: WriteState, hooks: WebhookWrites, pathname: string): WriteMatch | null => {
  if (pathname === '/v1/webhook_endpoints')
    return { key: 'POST /v1/webhook_endpoints', run: (b) => createEndpoint(s, hooks.endpoints, b) }
  const m = /^\/v1\/webhook_endpoints\/([^/]+)$/.exec(pathname)
  if (!m) return null
  const id = decodeURIComponent(m[1] as string)
  const endpoint = hooks.endpoints.endpoints.byId.get(id)
  return {
    key: 'POST /v1/webhook_endpoints/:id',
    run: (b) => (endpoint ? updateEndpoint(hooks.endpoints, endpoint, b) : noSuch('webhook_endpoint', id)),
  }
}

const match = (s: WriteState, find: Finders, pathname: string): WriteMatch | null => {
  const fixed: Record<string, (b: Record<string, unknown>) => Reply> = {
    '/v1/products': (b) => createProduct(s, b),
    '/v1/prices': (b) => createPrice(s, b),
    '/v1/payment_links': (b) => createLink(s, b),
    '/v1/checkout/sessions': (b) => createSession(s, b),
    '/v1/payment_intents': (b) => createIntent(s, b),
    '/v1/refunds': (b) => createRefund(s, find.intent, b),
  }
  const direct = fixed[pathname]
  if (direct) return { key: `POST ${pathname}`, run: direct }
  const m =
    /^\/v1\/(payment_links|checkout\/sessions|payment_intents|test_helpers\/checkout\/sessions)\/([^/]+)(?:\/(expire|confirm|capture|cancel|complete))?$/.exec(
      pathname,
    )
  if (!m) return null
  const [, collection, rawId, action] = m as unknown as [string, string, string, string | undefined]
  let id: string
  try {
    id = decodeURIComponent(rawId)
  } catch {
    return null
  }
  const key = `POST /v1/${collection}/:id${action ? `/${action}` : ''}`
  const withObject = (
    o: WireObject | null,
    what: string,
    then: (o: WireObject, b: Record<string, unknown>) => Reply,
  ) => ({
    key,
    run: (b: Record<string, unknown>) => (o === null ? noSuch(what, id) : then(o, b)),
  })
  if (collection === 'payment_links' && action === undefined) {
    return withObject(find.link(id), 'payment_link', (o, b) => updateLink(s, o, b))
  }
  if (collection === 'checkout/sessions' && action === 'expire') {
    return withObject(find.session(id), 'checkout.session', (o) => expireSession(s, o))
  }
  if (collection === 'test_helpers/checkout/sessions' && action === 'complete') {
    return withObject(find.session(id), 'checkout.session', (o) => completeSession(s, o))
  }
  if (collection === 'payment_intents' && (action === 'confirm' || action === 'capture' || action === 'cancel')) {
    return withObject(find.intent(id), 'payment_intent', (o, b) => ON_INTENT[action](s, o, b))
  }
  return null
}

const header = (request: SandboxRequest, name: string): string | undefined => {
  const v = request.headers[name]
  return Array.isArray(v) ? v[0] : v
}

/**
 * The write route of a POST, or null when the path is not a write endpoint. With `hooks`, a
 * write that changed state (not a replay) records its events, and its answer carries the
 * `request-id` the events name.
 */
export const writeRoute = (
  s: WriteState,
  find: Finders,
  pathname: string,
  request: SandboxRequest,
  hooks?: WebhookWrites,
): { readonly key: string; readonly handle: () => Reply } | null => {
  let m: WriteMatch | null
  try {
    m = match(s, find, pathname) ?? (hooks ? endpointMatch(s, hooks, pathname) : null)
  } catch {
    return null // An id that is not valid percent-encoding.
  }
  if (m === null) return null
  return {
    key: m.key,
    handle: () => {
      const read = bodyOf(request)
      const key = header(request, 'idempotency-key')
      const fingerprint = `${pathname} ${JSON.stringify(request.body ?? null)}`
      const seen = key === undefined ? undefined : s.idempotency.get(key)
      if (seen !== undefined) {
        if (seen.fingerprint === fingerprint)
          return { status: seen.status, body: seen.body, headers: { 'idempotent-replayed': 'true' } }
        return errorReply(
          400,
          'idempotency_error',
          'idempotency_key_in_use',
          'Keys for idempotent requests can only be used with the same parameters they were first used with.',
        )
      }
      const reply = 'reply' in read ? read.reply : m.run(read.body)
      if (key !== undefined && reply.status < 500)
        s.idempotency.set(key, { fingerprint, status: reply.status, body: reply.body })
      if (hooks === undefined || 'reply' in read) return reply
      const { requestId } = hooks.log.record(m.key, reply, key)
      return requestId === null ? reply : { ...reply, headers: { ...reply.headers, 'request-id': requestId } }
    },
  }
}
