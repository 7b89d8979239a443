/**
 * `paymux get <resource> <id> --provider P [--raw]`: one object as indented JSON. The id may be
 * a global reference (`wooshpay:pi_123`, core's `formatGlobalId`), which names the provider.
 */
import * as E from 'fp-ts/lib/Either.js'
import { parseGlobalId } from '@paymux/core'
import {
  PROVIDER_IDS,
  flag,
  parseCommandLine,
  parseProvider,
  parseResource,
  positionals,
  str,
  type ProviderId,
} from '../args.ts'
import { EXIT_OK, usageError } from '../cli-error.ts'
import type { Io } from '../io.ts'
import { rawLast } from '../format/ndjson.ts'
import { openSession } from '../providers.ts'
import { RESOURCES } from '../resources.ts'
import { GET_HELP } from '../usage.ts'

export const GET_OPTIONS = {
  provider: { type: 'string' },
  raw: { type: 'boolean' },
} as const

export const getCommand = async (args: readonly string[], io: Io): Promise<number> => {
  const p = parseCommandLine(args, GET_OPTIONS, 'get')
  if (flag(p, 'help')) {
    io.stdout.write(GET_HELP)
    return EXIT_OK
  }
  const [resourceName, given] = positionals(p, ['resource', 'id'], 'get') as [string, string]
  const resource = parseResource(resourceName)
  if (given.trim() === '') throw usageError('<id> is empty', 'see paymux get --help')
  const { provider, id } = resolveId(given, str(p, 'provider'), 'get')
  const session = openSession(io)
  try {
    const client = await session.provider(provider)
    const object = await client[RESOURCES[resource].key].retrieve(id, io.signal ? { signal: io.signal } : {})
    io.stdout.write(`${JSON.stringify(flag(p, 'raw') ? object.raw : rawLast(object), null, 2)}\n`)
    return EXIT_OK
  } finally {
    await session.close()
  }
}

/** `wooshpay:pi_1` names its provider; a plain id needs `--provider`. Both must agree. */
export const resolveId = (
  given: string,
  option: string | undefined,
  command: string,
): { provider: ProviderId; id: string } => {
  const ref = parseGlobalId(given)
  if (E.isRight(ref) && (PROVIDER_IDS as readonly string[]).includes(ref.right.provider)) {
    const provider = ref.right.provider as ProviderId
    if (option !== undefined && option !== provider) {
      throw usageError(`${given} is a ${provider} reference, but --provider is ${option}`, 'drop --provider')
    }
    return { provider, id: ref.right.id }
  }
  return { provider: parseProvider(option, command, false) as ProviderId, id: given }
}
