/**
 * PriceBlocs' payment-link writes, each through core's `runWrite` with `keys: null`: PriceBlocs
 * takes no idempotency keys (docs/providers/priceblocs.md#no-idempotency-keys), so
 * - a create is sent once (the transport sends it again only after a 429, which did nothing);
 *   an ambiguous failure is `outcome_unknown`, never retried, and
 *   `settle` finds out whether it happened (#settling-creates);
 * - an update (`PUT`, sets fields) and a delete are repeatable and retried by the transport;
 *   a delete answered 404 after an earlier attempt of the same call may have carried it out
 *   is a success (#link-writes).
 */
import {
  PaymentLinkCreate,
  PaymentLinkUpdate,
  PaymuxError,
  attemptMayHaveHappened,
  isPaymuxError,
  runWrite,
  type Decoder,
  type Paginator,
  type PaymentLink,
  type PaymentLinkQuery,
  type MarkedWriteOptions,
  type MarkerSupport,
  type Transport,
  type WriteOptions,
  findMarked,
} from '@paymux/core/adapter'
import * as E from 'fp-ts/lib/Either.js'
import { PROVIDER, capabilities } from './capabilities.ts'
import { decodePaymentLink } from './decode.ts'
import {
  fingerprintOf,
  linkCreateBody,
  linkUpdateBody,
  matchesFingerprint,
  newReference,
  referenceOfUrl,
  type LinkFingerprint,
} from './write-bodies.ts'

const LINKS_PATH = '/v1/payment-links'

/** What `settle` was asked about, and what it found. */
export type SettleResult =
  { readonly outcome: 'created'; readonly link: PaymentLink } | { readonly outcome: 'not_created' }

/** Options of `paymentLinks.settle`. */
export interface SettleOptions {
  /** When the create started; required when settling by reference. */
  readonly since?: Date
  /**
   * How far before `since` links are still looked at, for a PriceBlocs clock behind this
   * machine's. @default 300000 (5 minutes)
   */
  readonly clockSkewMs?: number
  readonly signal?: AbortSignal
}

/** PriceBlocs' payment links: the neutral resource plus `settle` for ambiguous creates. */
export interface PriceblocsLinkWrites {
  create(input: PaymentLinkCreate, opts?: MarkedWriteOptions): Promise<PaymentLink>
  update(id: string, patch: PaymentLinkUpdate, opts?: WriteOptions): Promise<PaymentLink>
  delete(id: string, opts?: WriteOptions): Promise<void>
  /**
   * Settles an `outcome_unknown` of `create`: the link that call created, or `not_created`
   * when no link created since the call started is its own. Pass the error itself (from this
   * client), or the reference its message names with `{ since }` (from a log). What it can and
   * cannot prove: packages/priceblocs/README.md#settling-an-ambiguous-create.
   */
  settle(from: PaymuxError | string, opts?: SettleOptions): Promise<SettleResult>
  /**
   * A create given `{ marker }` and a `successUrl` carries the marker as its reference; `find`
   * lists the links created since `since` that carry it (#settling-creates).
   */
  readonly markers: MarkerSupport<PaymentLinkCreate, PaymentLink>
}

/** What settling one create needs, kept for the errors this client threw. */
interface Ticket {
  readonly reference: string
  readonly since: Date
  /** Null: the link carries the reference (the create had a `successUrl`). */
  readonly fingerprint: LinkFingerprint | null
}

/** What the link writes need from the provider: its transport, its link listing and a clock. */
export interface LinkWritesDeps {
  readonly transport: Transport
  readonly list: (query: PaymentLinkQuery) => Paginator<PaymentLink>
  /** ms since the epoch. */
  readonly clock: () => number
}

const invalid = (message: string) => new PaymuxError({ kind: 'invalid_request', provider: PROVIDER, message })

const run = async <A>(te: () => Promise<E.Either<PaymuxError, A>>): Promise<A> => {
  const r = await te()
  if (E.isLeft(r)) throw r.left
  return r.right
}

const pathOf = (id: string): string => {
  if (typeof id !== 'string' || id.trim() === '')
    throw invalid('a PriceBlocs payment link id must be a non-empty string')
  return `${LINKS_PATH}/${encodeURIComponent(id)}`
}

// The delete's answer is not documented (#link-writes): any JSON body is taken as done.
const decodeDeleted: Decoder<void> = () => E.right(undefined)

/**
 * A 404 that ends a retried delete is a success when an earlier attempt of this call may have
 * deleted the link (a timeout, a 5xx, a dropped connection); a 404 on the first attempt, or
 * after attempts that never reached PriceBlocs, is `not_found`.
 */
const deletedByEarlierAttempt = (e: PaymuxError): boolean =>
  e.kind === 'not_found' && e.attempts > 1 && e.history.slice(0, -1).some(attemptMayHaveHappened)

/**
 * How to settle a create: by the error itself, and, when the link carries the reference, by
 * the reference and start time from another process. A create without a `successUrl` carries
 * none, so a reference would prove nothing: the hint names none.
 */
const settleHint = (reference: string, since: Date, marked: boolean): string =>
  marked
    ? `call paymentLinks.settle(error), or paymentLinks.settle("${reference}", { since: new Date("${since.toISOString()}") }), which looks for the link carrying that reference among those created since the call started`
    : `call paymentLinks.settle(error) with this client, which looks for a link with this call's title, description and line items among those created since ${since.toISOString()}; the create had no successUrl, so the link carries no reference`

const rawSuccessUrl = (link: PaymentLink): unknown => (link.raw as { success_url?: unknown } | null)?.success_url

/** The link writes of one client. */
export const linkWrites = ({ transport, list, clock }: LinkWritesDeps): PriceblocsLinkWrites => {
  // Errors this client threw -> how to settle them. Weak: a dropped error costs nothing.
  const tickets = new WeakMap<PaymuxError, Ticket>()

  const create = async (input: PaymentLinkCreate, opts?: MarkedWriteOptions): Promise<PaymentLink> => {
    // A migration's marker is the reference (stable across processes, #settling-creates).
    const reference = opts?.marker ?? newReference()
    const since = new Date(clock())
    // Known before the input is checked; if the check fails nothing is sent, and the hint is unused.
    const marked = typeof (input as { successUrl?: unknown } | null)?.successUrl === 'string'
    let ticket: Ticket | null = null
    try {
      return await runWrite({
        provider: PROVIDER,
        capabilities,
        resource: 'paymentLinks',
        operation: 'create',
        codec: PaymentLinkCreate,
        input,
        opts,
        keys: null,
        settle: settleHint(reference, since, marked),
        send: (checked, ctx) => {
          const body = linkCreateBody(checked, reference)
          ticket = { reference, since, fingerprint: checked.successUrl === undefined ? fingerprintOf(checked) : null }
          return run(
            transport.request({ method: 'POST', path: LINKS_PATH, json: body, signal: ctx.signal }, decodePaymentLink),
          )
        },
        expect: (checked, link) => [
          { field: 'lineItems.length', sent: checked.lineItems.length, got: link.lineItems?.length ?? 0 },
          ...(checked.title === undefined ? [] : [{ field: 'title', sent: checked.title, got: link.title }]),
          // The reference proves the answer is this request's link, not another's replayed.
          ...(checked.successUrl === undefined
            ? []
            : [{ field: 'successUrl reference', sent: reference, got: referenceOfUrl(rawSuccessUrl(link)) }]),
        ],
      })
    } catch (e) {
      if (isPaymuxError(e) && e.kind === 'outcome_unknown' && ticket !== null) tickets.set(e, ticket)
      throw e
    }
  }

  const update = (id: string, patch: PaymentLinkUpdate, opts?: WriteOptions): Promise<PaymentLink> =>
    runWrite({
      provider: PROVIDER,
      capabilities,
      resource: 'paymentLinks',
      operation: 'update',
      codec: PaymentLinkUpdate,
      input: patch,
      opts,
      keys: null,
      repeatable: true,
      send: (checked, ctx) => {
        const path = pathOf(id)
        const json = linkUpdateBody(checked)
        return run(
          transport.request({ method: 'PUT', path, json, repeatable: true, signal: ctx.signal }, decodePaymentLink),
        )
      },
      expect: (checked, link) => [
        { field: 'id', sent: id, got: link.id },
        ...(checked.title === undefined ? [] : [{ field: 'title', sent: checked.title, got: link.title }]),
        ...(checked.description === undefined
          ? []
          : [{ field: 'description', sent: checked.description, got: link.description }]),
        ...(checked.status === undefined ? [] : [{ field: 'status', sent: checked.status, got: link.status }]),
        ...(checked.active === undefined ? [] : [{ field: 'active', sent: checked.active, got: link.active }]),
      ],
    })

  const remove = (id: string, opts?: WriteOptions): Promise<void> =>
    runWrite({
      provider: PROVIDER,
      capabilities,
      resource: 'paymentLinks',
      operation: 'delete',
      opts,
      keys: null,
      repeatable: true,
      send: async (_input, ctx) => {
        const path = pathOf(id)
        const r = await transport.request(
          { method: 'DELETE', path, repeatable: true, signal: ctx.signal },
          decodeDeleted,
        )()
        if (E.isLeft(r) && !deletedByEarlierAttempt(r.left)) throw r.left
      },
    })

  const settle = async (from: PaymuxError | string, opts: SettleOptions = {}): Promise<SettleResult> => {
    const ticket: Ticket | undefined =
      typeof from === 'string'
        ? opts.since instanceof Date && !Number.isNaN(opts.since.getTime())
          ? { reference: from, since: opts.since, fingerprint: null }
          : undefined
        : tickets.get(from)
    if (ticket === undefined) {
      throw invalid(
        typeof from === 'string'
          ? 'settle by reference needs { since: <Date the create started> }'
          : 'settle takes an outcome_unknown error of paymentLinks.create from this client, or a reference with { since }',
      )
    }
    const floor = ticket.since.getTime() - (opts.clockSkewMs ?? 300_000)
    const found: PaymentLink[] = []
    // Listings are newest first (#page-numbers): stop at the first link older than the call.
    for await (const link of list(opts.signal ? { signal: opts.signal } : {})) {
      if (link.createdAt.getTime() < floor) break
      const ours =
        ticket.fingerprint === null
          ? referenceOfUrl(rawSuccessUrl(link)) === ticket.reference
          : matchesFingerprint(link.raw, ticket.fingerprint)
      if (ours) found.push(link)
    }
    const [first, ...more] = found
    if (first === undefined) return { outcome: 'not_created' }
    if (more.length === 0) return { outcome: 'created', link: first }
    throw new PaymuxError({
      kind: ticket.fingerprint === null ? 'integrity_mismatch' : 'outcome_unknown',
      provider: PROVIDER,
      retryable: false,
      message:
        ticket.fingerprint === null
          ? `${found.length} links carry reference ${ticket.reference} (${found.map((l) => l.id).join(', ')}): one create made several; check them`
          : `${found.length} links created since ${ticket.since.toISOString()} look like this create (${found.map((l) => l.id).join(', ')}); without a successUrl the create carries no reference, so settle cannot tell which is its own`,
    })
  }

  const markers: MarkerSupport<PaymentLinkCreate, PaymentLink> = {
    carries: (input) => typeof (input as { successUrl?: unknown } | null)?.successUrl === 'string',
    find: (marker, o) => findMarked(list, (link) => referenceOfUrl(rawSuccessUrl(link)) === marker, o),
  }

  return { create, update, delete: remove, settle, markers }
}
