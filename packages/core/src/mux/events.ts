/**
 * `paymux([...]).events.poll()`: one stream of events from every provider that can poll
 * (`capabilities.events.poll` supported), each event with its global references, one composite
 * plain-JSON checkpoint, and each provider's failures reported under its name.
 *
 * Each provider's poll runs on its own (its own interval, window and retries); the stream takes
 * whichever has an event ready, in turn, so a busy provider cannot starve a quiet one. At most
 * one event per provider is held ahead of the consumer, and the checkpoint leaves out an event
 * held but not yet delivered, so a resume never skips one.
 */
import { PaymuxError, configError, isPaymuxError, unsupported } from '../errors.ts'
import type { PaymentProvider, ProviderId } from '../provider.ts'
import type { EventObjectRef, PaymuxEvent } from '../webhooks/event.ts'
import type { EventPoll, EventPollOptions, PollCheckpoint } from '../webhooks/poll-types.ts'
import { formatGlobalId } from './global-id.ts'

/** A `PaymuxEvent` of the multi-provider stream: the same event, with global references. */
export interface MuxEvent<D = unknown> extends PaymuxEvent<D> {
  /** `provider:eventId`: unique across the client's providers, the key for one shared `EventStore`. */
  readonly globalId: string
  /** The object, with its global reference (`provider:id`, for `paymux(...).retrieve`), or null. */
  readonly objectRef: EventObjectRef & { readonly globalId: string | null }
}

/** The stream's checkpoint: each provider's own poll checkpoint, as plain JSON. */
export interface MuxPollCheckpoint {
  readonly v: 1
  readonly providers: Readonly<Record<ProviderId, PollCheckpoint>>
}

/** Options of the multi-provider poll: those of `events.poll()`, given to every provider's poll. */
export interface MuxEventPollOptions extends Omit<EventPollOptions, 'resumeFrom'> {
  /** A checkpoint from the stream's `checkpoint()`. */
  readonly resumeFrom?: MuxPollCheckpoint | null
  /** Poll only these providers (all that can poll by default). */
  readonly providers?: readonly ProviderId[]
}

/** The multi-provider event stream. Iterate it once. */
export interface MuxEventPoll extends AsyncIterable<MuxEvent> {
  /** Covers every event delivered so far, the one being handled included. */
  checkpoint(): MuxPollCheckpoint
  /** Providers polled. */
  readonly polling: readonly ProviderId[]
  /** Providers left out: they declare no `events.poll`. */
  readonly skipped: readonly ProviderId[]
}

/** The `events` member of a `paymux([...])` client. */
export interface MuxEvents {
  poll(options?: MuxEventPollOptions): MuxEventPoll
}

const canPoll = (p: PaymentProvider): boolean => p.events !== undefined && p.capabilities.events?.poll === 'supported'

/** The error of one provider's poll, named: kind and fields kept, the provider in `provider` and the message. */
const named = (provider: ProviderId, e: unknown): PaymuxError => {
  const error = isPaymuxError(e)
    ? e
    : new PaymuxError({ kind: 'decode', provider, message: `failed: ${String(e)}`, cause: e })
  return error.with({ provider, message: `events.poll of ${provider}: ${error.message}` })
}

const globalize = (provider: ProviderId, e: PaymuxEvent): MuxEvent => ({
  ...e,
  globalId: formatGlobalId(provider, e.id),
  objectRef: { ...e.objectRef, globalId: e.objectRef.id === null ? null : formatGlobalId(provider, e.objectRef.id) },
})

/** A resume point's part for each provider polled; another client's checkpoint is refused. */
const partsOf = (cp: unknown, polling: readonly ProviderId[]): Readonly<Record<string, PollCheckpoint>> => {
  if (cp === null || cp === undefined) return {}
  const parts = (cp as { providers?: unknown }).providers
  if ((cp as { v?: unknown }).v !== 1 || typeof parts !== 'object' || parts === null || Array.isArray(parts)) {
    throw new PaymuxError({
      kind: 'checkpoint_mismatch',
      message: 'not an event-stream checkpoint ({ v: 1, providers })',
    })
  }
  const foreign = Object.keys(parts).find((id) => !polling.includes(id))
  if (foreign !== undefined) {
    throw new PaymuxError({
      kind: 'checkpoint_mismatch',
      message: `the checkpoint has a part for ${foreign}, which this stream does not poll (${polling.join(', ')})`,
    })
  }
  return parts as Record<string, PollCheckpoint>
}

interface Part {
  readonly id: ProviderId
  readonly poll: EventPoll
  readonly iterator: AsyncIterator<PaymuxEvent>
  /** The id of the last event of this provider the stream delivered. */
  delivered: string | null
  pending: Promise<Settled> | null
  done: boolean
}

type Settled =
  | { readonly part: Part; readonly result: IteratorResult<PaymuxEvent> }
  | { readonly part: Part; readonly error: unknown }

/** Builds the `events` member over the client's providers. */
export const muxEvents = (providers: readonly PaymentProvider[]): MuxEvents => ({
  poll(options = {}) {
    const ids = providers.map((p) => p.id)
    const unknownId = options.providers?.find((id) => !ids.includes(id))
    if (unknownId !== undefined) throw configError(null, `no provider ${unknownId} in this client (${ids.join(', ')})`)
    const chosen = providers.filter((p) => options.providers?.includes(p.id) ?? true)
    const polling = chosen.filter(canPoll)
    const skipped = chosen.filter((p) => !canPoll(p)).map((p) => p.id)
    if (polling.length === 0)
      throw unsupported('paymux', `polling events on any of ${chosen.map((p) => p.id).join(', ')}`)
    const resume = partsOf(
      options.resumeFrom,
      polling.map((p) => p.id),
    )

    const stop = new AbortController()
    const outer = options.signal
    const { resumeFrom: _r, providers: _p, signal: _s, onError, ...shared } = options
    const parts: Part[] = polling.map((p) => {
      const poll = (p.events as NonNullable<PaymentProvider['events']>).poll({
        ...shared,
        signal: stop.signal,
        resumeFrom: resume[p.id] ?? null,
        ...(onError === undefined ? {} : { onError: (e: PaymuxError) => onError(named(p.id, e)) }),
      })
      return { id: p.id, poll, iterator: poll[Symbol.asyncIterator](), delivered: null, pending: null, done: false }
    })
    const request = (part: Part) => {
      part.pending = part.iterator.next().then(
        (result): Settled => ({ part, result }),
        (error: unknown): Settled => ({ part, error }),
      )
    }

    async function* run(): AsyncGenerator<MuxEvent> {
      const onAbort = () => stop.abort()
      if (outer?.aborted) return
      outer?.addEventListener('abort', onAbort, { once: true })
      try {
        parts.forEach(request)
        let turn = 0
        for (;;) {
          // In turn from the provider after the last one delivered: a busy provider cannot starve another.
          const live = [...parts.slice(turn), ...parts.slice(0, turn)].filter((p) => !p.done)
          if (live.length === 0) return
          const settled = await Promise.race(live.map((p) => p.pending as Promise<Settled>))
          const part = settled.part
          if ('error' in settled) throw named(part.id, settled.error)
          if (settled.result.done === true) {
            part.done = true
            continue
          }
          part.delivered = settled.result.value.id
          turn = (parts.indexOf(part) + 1) % parts.length
          yield globalize(part.id, settled.result.value)
          request(part)
        }
      } finally {
        outer?.removeEventListener('abort', onAbort)
        stop.abort()
        // Each provider's poll ends at the abort; its pending `next` settles on its own.
        for (const p of parts) void p.iterator.return?.(undefined).catch(() => {})
      }
    }

    const generator = run()
    return {
      [Symbol.asyncIterator]: () => generator,
      polling: polling.map((p) => p.id),
      skipped,
      checkpoint: () => ({
        v: 1,
        providers: Object.fromEntries(
          parts.map((p) => {
            // An event a provider handed out that the stream still holds is not delivered yet.
            const last = p.poll.lastEventId()
            return [p.id, last !== null && last !== p.delivered ? p.poll.checkpointWithout(last) : p.poll.checkpoint()]
          }),
        ),
      }),
    }
  },
})
