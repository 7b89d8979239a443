/**
 * `paymux migrate <resource> --from P --to Q --dry-run [--json]`: reads every object of the
 * resource from P and prints what Q could hold of it (core's `planMigration`): a human summary,
 * or the plan as JSON. Only the plan exists so far, so `--dry-run` is required: writing comes
 * with the write APIs, and a command that one day writes must not start doing so unasked.
 */
import { formatMigrationPlan, planMigration } from '@paymux/core'
import { PROVIDER_IDS, flag, parseCommandLine, parseResource, positionals, str, type ProviderId } from '../args.ts'
import { CliError, EXIT_OK, usageError } from '../cli-error.ts'
import type { Io } from '../io.ts'
import { PROVIDERS, openSession } from '../providers.ts'
import { RESOURCES } from '../resources.ts'
import { MIGRATE_HELP } from '../usage.ts'

export const MIGRATE_OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
} as const

const HINT = 'see paymux migrate --help'

/** `--from` / `--to`: one provider, required. */
const parseSide = (name: '--from' | '--to', value: string | undefined): ProviderId => {
  if (value === undefined) throw usageError(`${name} is required`, `add ${name} ${PROVIDER_IDS.join('|')}`)
  if ((PROVIDER_IDS as readonly string[]).includes(value)) return value as ProviderId
  throw usageError(`unknown provider ${JSON.stringify(value)} for ${name}`, `use ${name} ${PROVIDER_IDS.join('|')}`)
}

export const migrateCommand = async (args: readonly string[], io: Io): Promise<number> => {
  const p = parseCommandLine(args, MIGRATE_OPTIONS, 'migrate')
  if (flag(p, 'help')) {
    io.stdout.write(MIGRATE_HELP)
    return EXIT_OK
  }
  const [resourceName] = positionals(p, ['resource'], 'migrate')
  const resource = parseResource(resourceName as string)
  const from = parseSide('--from', str(p, 'from'))
  const to = parseSide('--to', str(p, 'to'))
  if (from === to) throw usageError(`--from and --to are both ${from}`, 'migrate between two different providers')
  if (!flag(p, 'dry-run')) {
    throw usageError('migrate can only plan so far: add --dry-run', `nothing was read or written; ${HINT}`)
  }
  const info = RESOURCES[resource]

  const session = openSession(io)
  try {
    // One after the other, so the sandbox notices on stderr come in a fixed order.
    const source = await session.provider(from)
    if (source.capabilities[info.key].operations['list'] === 'unsupported') {
      const other = PROVIDER_IDS.find((id) => id !== from) as ProviderId
      throw new CliError(
        'unsupported',
        `${PROVIDERS[from].label} has no ${info.plural} to migrate`,
        `use --from ${other}`,
      )
    }
    const target = await session.provider(to)
    const plan = await planMigration(source, target, info.key, io.signal ? { signal: io.signal } : {})
    io.stdout.write(flag(p, 'json') ? `${JSON.stringify(plan, null, 2)}\n` : formatMigrationPlan(plan))
    return EXIT_OK
  } finally {
    await session.close()
  }
}
