/**
 * The sandbox's webhook endpoints, in Stripe's shape (WooshPay's "Create a webhook",
 * docs/providers/wooshpay.md#sandbox-webhooks): `POST /v1/webhook_endpoints` with `url` and
 * optional `enabled_events` (default `['*']`) answers the endpoint with its `whsec_…` secret,
 * which, as at Stripe, only the creation answer shows; `POST /v1/webhook_endpoints/:id` changes
 * `url`, `enabled_events` or `disabled`; `DELETE` removes it. Deliveries go to every enabled one.
 */
import type { WireObject } from './data.ts'
import { Params } from './body.ts'
import { noSuch, type Reply } from './errors.ts'
import { SANDBOX_EVENT_TYPES } from './events.ts'
import { addCreated, replace, type WriteState, type WrittenCollection } from './state.ts'

/** The endpoints and their secrets (kept apart: a listing or a retrieval never shows a secret). */
export interface EndpointRegistry {
  readonly endpoints: WrittenCollection
  readonly secrets: Map<string, string>
}

/** No endpoints yet. */
export const makeEndpointRegistry = (): EndpointRegistry => ({
  endpoints: { created: [], byId: new Map() },
  secrets: new Map(),
})

const ok = (body: WireObject): Reply => ({ status: 200, body })

const httpUrl = (p: Params, required: boolean): string | undefined => {
  const url = p.string('url', required)
  if (url === undefined) return undefined
  try {
    const u = new URL(url)
    if (u.protocol === 'http:' || u.protocol === 'https:') return url
  } catch {
    // Falls through to the 400 below.
  }
  return p.fail('url', `Invalid URL: ${url} (an absolute http or https URL is expected)`, 'url_invalid')
}

/** `enabled_events`: `['*']` or event types the sandbox emits (Stripe refuses an unknown type too). */
const enabledEvents = (p: Params, body: Record<string, unknown>): string[] | undefined => {
  const v = body['enabled_events']
  if (v === undefined) return undefined
  const known = ['*', ...SANDBOX_EVENT_TYPES] as readonly string[]
  if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === 'string'))
    return p.fail('enabled_events', 'Invalid array: enabled_events must be a non-empty array of strings')
  const unknown = v.find((x) => !known.includes(x as string))
  if (unknown !== undefined)
    return p.fail('enabled_events', `Invalid enabled_events: ${String(unknown)} is not an event type the sandbox sends`)
  return v as string[]
}

/** `POST /v1/webhook_endpoints`. */
export const createEndpoint = (s: WriteState, r: EndpointRegistry, body: Record<string, unknown>): Reply => {
  const p = new Params(body, '', ['url', 'enabled_events', 'description', 'metadata', 'api_version'])
  const url = httpUrl(p, true)
  const events = enabledEvents(p, body)
  const description = p.string('description')
  const metadata = p.metadata()
  p.string('api_version')
  if (p.error) return p.error
  const id = s.newId('we_')
  const rng = s.rng()
  const secret = `whsec_${Array.from({ length: 32 }, () => rng.int(36).toString(36)).join('')}`
  r.secrets.set(id, secret)
  const endpoint = addCreated(r.endpoints, {
    id,
    object: 'webhook_endpoint',
    api_version: null,
    application: null,
    created: s.nowS(),
    description: description ?? null,
    enabled_events: events ?? ['*'],
    livemode: false,
    metadata: metadata ?? {},
    status: 'enabled',
    url,
  })
  return ok({ ...endpoint, secret })
}

/** `POST /v1/webhook_endpoints/:id`: `url`, `enabled_events`, `disabled`, `description`, `metadata`. */
export const updateEndpoint = (r: EndpointRegistry, endpoint: WireObject, body: Record<string, unknown>): Reply => {
  const p = new Params(body, '', ['url', 'enabled_events', 'disabled', 'description', 'metadata'])
  const url = httpUrl(p, false)
  const events = enabledEvents(p, body)
  const disabled = p.boolean('disabled')
  const description = p.string('description')
  const metadata = p.metadata()
  if (p.error) return p.error
  return ok(
    replace(r.endpoints, {
      ...endpoint,
      ...(url === undefined ? {} : { url }),
      ...(events === undefined ? {} : { enabled_events: events }),
      ...(disabled === undefined ? {} : { status: disabled ? 'disabled' : 'enabled' }),
      ...(description === undefined ? {} : { description }),
      ...(metadata === undefined ? {} : { metadata: { ...(endpoint['metadata'] as object), ...metadata } }),
    }),
  )
}

/** `DELETE /v1/webhook_endpoints/:id`: Stripe's `{ id, object, deleted: true }`. */
export const deleteEndpoint = (r: EndpointRegistry, id: string): Reply => {
  const at = r.endpoints.created.findIndex((o) => o['id'] === id)
  if (at < 0) return noSuch('webhook_endpoint', id)
  r.endpoints.created.splice(at, 1)
  r.endpoints.byId.delete(id)
  r.secrets.delete(id)
  return ok({ id, object: 'webhook_endpoint', deleted: true })
}

/** `GET /v1/webhook_endpoints/:id`. */
export const retrieveEndpoint = (r: EndpointRegistry, id: string): Reply => {
  const o = r.endpoints.byId.get(id)
  return o ? ok(o) : noSuch('webhook_endpoint', id)
}

/** The endpoints an event of `type` goes to: enabled, subscribed to it or to `*`. */
export const endpointsFor = (r: EndpointRegistry, type: string): WireObject[] =>
  r.endpoints.created.filter((o) => {
    const events = o['enabled_events'] as readonly string[]
    return o['status'] === 'enabled' && (events.includes('*') || events.includes(type))
  })
