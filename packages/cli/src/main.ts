/**
 * `run(argv, io)`: the whole CLI as a function from arguments to an exit code, so tests can
 * drive it without a process. It picks the command, and turns every failure into the one-line
 * error on stderr (plus the stack with `--debug`).
 */
import { COMMON_OPTIONS, flag, parseCommandLine } from './args.ts'
import { EXIT_OK, EXIT_USAGE, describeFailure, scrub, usageError } from './cli-error.ts'
import { exportCommand } from './commands/export.ts'
import { getCommand } from './commands/get.ts'
import { listCommand } from './commands/list.ts'
import { listenCommand } from './commands/listen.ts'
import { migrateCommand } from './commands/migrate.ts'
import { sandboxCommand } from './commands/sandbox.ts'
import { triggerCommand } from './commands/trigger.ts'
import { writeCommand } from './commands/write.ts'
import type { Io } from './io.ts'
import { secretsOf } from './providers.ts'
import { MAIN_HELP } from './usage.ts'
import { version } from './version.ts'

export type Command = (args: readonly string[], io: Io) => Promise<number>

const COMMANDS: Readonly<Record<string, Command>> = {
  list: listCommand,
  get: getCommand,
  export: exportCommand,
  migrate: migrateCommand,
  sandbox: sandboxCommand,
  listen: listenCommand,
  trigger: triggerCommand,
  create: writeCommand('create'),
  update: writeCommand('update'),
  delete: writeCommand('delete'),
  expire: writeCommand('expire'),
  confirm: writeCommand('confirm'),
  capture: writeCommand('capture'),
  cancel: writeCommand('cancel'),
  refund: writeCommand('refund'),
}

const dispatch = async (argv: readonly string[], io: Io): Promise<number> => {
  const [first, ...rest] = argv
  if (first === undefined) {
    io.stderr.write(MAIN_HELP)
    return EXIT_USAGE
  }
  if (first === 'help') {
    // `paymux help export` is `paymux export --help`.
    const target = rest[0]
    if (target === undefined) {
      io.stdout.write(MAIN_HELP)
      return EXIT_OK
    }
    const command = COMMANDS[target]
    if (!command) throw usageError(`unknown command ${JSON.stringify(target)}`, 'see paymux --help')
    return command(['--help'], io)
  }
  const command = COMMANDS[first]
  if (command) return command(rest, io)
  if (!first.startsWith('-')) throw usageError(`unknown command ${JSON.stringify(first)}`, 'see paymux --help')

  const p = parseCommandLine(argv, { version: { type: 'boolean' }, ...COMMON_OPTIONS }, '')
  if (flag(p, 'version')) {
    io.stdout.write(`paymux ${version()}\n`)
    return EXIT_OK
  }
  if (flag(p, 'help')) {
    io.stdout.write(MAIN_HELP)
    return EXIT_OK
  }
  throw usageError('missing command', 'see paymux --help')
}

export const run = async (argv: readonly string[], io: Io): Promise<number> => {
  try {
    return await dispatch(argv, io)
  } catch (e) {
    const secrets = secretsOf(io.env)
    const failure = describeFailure(e, secrets)
    io.stderr.write(`${failure.line}\n`)
    if (argv.includes('--debug') && e instanceof Error && e.stack) io.stderr.write(`${scrub(e.stack, secrets)}\n`)
    return failure.exitCode
  }
}
