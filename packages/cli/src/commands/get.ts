/** `paymux get <resource> <id> --provider P [--raw]`: one object as indented JSON. */
import { flag, parseCommandLine, parseProvider, parseResource, positionals, str } from '../args.ts'
import { EXIT_OK, usageError } from '../cli-error.ts'
import type { Io } from '../io.ts'
import { rawLast } from '../format/ndjson.ts'
import { openSession } from '../providers.ts'
import { RESOURCES } from '../resources.ts'
import { GET_HELP } from '../usage.ts'

const OPTIONS = {
  provider: { type: 'string' },
  raw: { type: 'boolean' },
} as const

export const getCommand = async (args: readonly string[], io: Io): Promise<number> => {
  const p = parseCommandLine(args, OPTIONS, 'get')
  if (flag(p, 'help')) {
    io.stdout.write(GET_HELP)
    return EXIT_OK
  }
  const [resourceName, id] = positionals(p, ['resource', 'id'], 'get') as [string, string]
  const resource = parseResource(resourceName)
  if (id.trim() === '') throw usageError('<id> is empty', 'see paymux get --help')
  const provider = parseProvider(str(p, 'provider'), 'get', false) as Exclude<ReturnType<typeof parseProvider>, 'all'>
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
