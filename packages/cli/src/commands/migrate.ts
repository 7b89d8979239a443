/**
 * `paymux migrate <resource>`: four modes, each in its own file but for the dry run.
 *
 * `--dry-run [--json]` reads every object of the resource from P and prints what Q could hold
 * of it (core's `planMigration`): a human summary, or the plan as JSON. `--apply`, `--verify`
 * and `--revert` copy, check and undo through a journal (migrate-apply.ts, migrate-verify.ts,
 * migrate-revert.ts). A command that writes never starts doing so unasked: without one of the
 * four mode flags it refuses before any request.
 */
import { formatMigrationPlan, planMigration } from '@paymux/core'
import { PROVIDER_IDS, type ProviderId } from '../args.ts'
import { CliError, EXIT_OK } from '../cli-error.ts'
import type { Io } from '../io.ts'
import { PROVIDERS, openSession } from '../providers.ts'
import { RESOURCES } from '../resources.ts'
import { MIGRATE_HELP } from '../usage.ts'
import { parseMigrateArgs, type DryRunRequest } from './migrate-args.ts'
import { applyCommand } from './migrate-apply.ts'
import { revertCommand } from './migrate-revert.ts'
import { verifyCommand } from './migrate-verify.ts'

export { MIGRATE_OPTIONS } from './migrate-args.ts'

const dryRun = async (request: DryRunRequest, io: Io): Promise<number> => {
  const { resource, from, to } = request
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
    io.stdout.write(request.json ? `${JSON.stringify(plan, null, 2)}\n` : formatMigrationPlan(plan))
    return EXIT_OK
  } finally {
    await session.close()
  }
}

export const migrateCommand = async (args: readonly string[], io: Io): Promise<number> => {
  const request = parseMigrateArgs(args, io.cwd)
  if (request === 'help') {
    io.stdout.write(MIGRATE_HELP)
    return EXIT_OK
  }
  switch (request.mode) {
    case 'dry-run':
      return dryRun(request, io)
    case 'apply':
      return applyCommand(request, io)
    case 'verify':
      return verifyCommand(request, io)
    case 'revert':
      return revertCommand(request, io)
  }
}
