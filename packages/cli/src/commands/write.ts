/**
 * The write commands: `create`, `update`, `delete` and the actions `expire`, `confirm`,
 * `capture`, `cancel`, `refund`. Each prints the neutral object the provider answered with as
 * indented JSON. They call the provider objects directly (one provider per command). Without a
 * key, the built-in sandbox is used only with `--sandbox`: a write meant for the real provider
 * must never land in a fake one. The library makes the idempotency key when none is given and
 * puts it on an `outcome_unknown` error, whose hint says to run again with it (exit 3).
 */
import type { PaymentProvider, WriteOptions } from '@paymux/core'
import { flag, parseCommandLine, parseProvider, positionals, str, type OptionSpecs, type ProviderId } from '../args.ts'
import { EXIT_OK, usageError } from '../cli-error.ts'
import { rawLast } from '../format/ndjson.ts'
import type { Io } from '../io.ts'
import { openSession } from '../providers.ts'
import { parseData } from '../write-data.ts'
import { WRITE_RESOURCES, parseWriteResource, type WriteResource } from '../write-resources.ts'
import { WRITE_HELP, type WriteVerb } from '../usage.ts'
import { resolveId } from './get.ts'

const BASE_OPTIONS = {
  provider: { type: 'string' },
  'idempotency-key': { type: 'string' },
  sandbox: { type: 'boolean' },
} as const satisfies OptionSpecs

const WITH_DATA = { ...BASE_OPTIONS, data: { type: 'string' } } as const satisfies OptionSpecs

/** The option table of each write command (the help texts are checked against them). */
export const WRITE_OPTIONS: Readonly<Record<WriteVerb, OptionSpecs>> = {
  create: WITH_DATA,
  update: WITH_DATA,
  delete: BASE_OPTIONS,
  expire: BASE_OPTIONS,
  confirm: WITH_DATA,
  capture: WITH_DATA,
  cancel: WITH_DATA,
  refund: WITH_DATA,
}

type Call = (client: PaymentProvider, id: string, data: never, o: WriteOptions) => Promise<unknown>

interface WriteSpec {
  readonly resources: readonly WriteResource[]
  /** `none`: the command takes no `--data`. */
  readonly data: 'required' | 'optional' | 'none'
  /** Per resource, since `create` writes six. */
  readonly call: (resource: WriteResource) => Call
}

const SPECS: Readonly<Record<WriteVerb, WriteSpec>> = {
  create: {
    resources: Object.keys(WRITE_RESOURCES) as WriteResource[],
    data: 'required',
    call: (resource) => (client, _id, data, o) => client[WRITE_RESOURCES[resource]].create(data, o),
  },
  update: {
    resources: ['payment-links'],
    data: 'required',
    call: () => (client, id, data, o) => client.paymentLinks.update(id, data, o),
  },
  delete: {
    resources: ['payment-links'],
    data: 'none',
    // `delete` answers nothing; what was deleted is said instead.
    call: () => async (client, id, _data, o) => {
      await client.paymentLinks.delete(id, o)
      return { id, provider: client.id, deleted: true }
    },
  },
  expire: {
    resources: ['checkout-sessions'],
    data: 'none',
    call: () => (client, id, _data, o) => client.checkoutSessions.expire(id, o),
  },
  confirm: {
    resources: ['payment-intents'],
    data: 'optional',
    call: () => (client, id, data, o) => client.paymentIntents.confirm(id, data, o),
  },
  capture: {
    resources: ['payment-intents'],
    data: 'optional',
    call: () => (client, id, data, o) => client.paymentIntents.capture(id, data, o),
  },
  cancel: {
    resources: ['payment-intents'],
    data: 'optional',
    call: () => (client, id, data, o) => client.paymentIntents.cancel(id, data, o),
  },
  refund: {
    resources: ['payment-intents'],
    data: 'optional',
    // `refund payment-intents pi_1` is `refunds.create({ paymentIntentId: 'pi_1', ... })`.
    call: () => (client, id, data: Record<string, unknown>, o) =>
      client.refunds.create({ ...data, paymentIntentId: id } as never, o),
  },
}

const hasRaw = (v: unknown): v is { raw: unknown } => typeof v === 'object' && v !== null && 'raw' in v

export const writeCommand =
  (verb: WriteVerb) =>
  async (args: readonly string[], io: Io): Promise<number> => {
    const spec = SPECS[verb]
    const p = parseCommandLine(args, WRITE_OPTIONS[verb], verb)
    if (flag(p, 'help')) {
      io.stdout.write(WRITE_HELP[verb])
      return EXIT_OK
    }
    const hint = `see paymux ${verb} --help`
    const names = verb === 'create' ? ['resource'] : ['resource', 'id']
    const [resourceName, given] = positionals(p, names, verb) as [string, string | undefined]
    const resource = parseWriteResource(resourceName, spec.resources, verb)
    if (given !== undefined && given.trim() === '') throw usageError('<id> is empty', hint)
    const data = spec.data === 'none' ? {} : parseData(str(p, 'data'), io.cwd, verb, spec.data === 'required')
    if (verb === 'refund' && 'paymentIntentId' in data && data.paymentIntentId !== given) {
      throw usageError('--data names another paymentIntentId than <id>', 'drop paymentIntentId from --data')
    }
    const key = str(p, 'idempotency-key')
    if (key !== undefined && key.trim() === '') throw usageError('--idempotency-key is empty', hint)
    const target =
      given === undefined
        ? { provider: parseProvider(str(p, 'provider'), verb, false) as ProviderId, id: '' }
        : resolveId(given, str(p, 'provider'), verb)
    const session = openSession(io, flag(p, 'sandbox') ? 'fallback' : 'refuse', {
      what: `paymux ${verb} never writes to`,
      instead: 'write to the sandbox',
    })
    try {
      const client = await session.provider(target.provider)
      const options: WriteOptions = {
        ...(key !== undefined ? { idempotencyKey: key } : {}),
        ...(io.signal ? { signal: io.signal } : {}),
      }
      const result = await spec.call(resource)(client, target.id, data as never, options)
      io.stdout.write(`${JSON.stringify(hasRaw(result) ? rawLast(result) : result, null, 2)}\n`)
      return EXIT_OK
    } finally {
      await session.close()
    }
  }
