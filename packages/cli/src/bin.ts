/**
 * The process around `run()`: real streams and environment, Ctrl-C / SIGTERM turned into an
 * abort signal (a second one exits at once), and an exit that waits for stdout to drain.
 * A command that fails because of the signal exits 130 (SIGINT) or 143 (SIGTERM), as a shell
 * reports a process the signal stopped; one that finishes cleanly on it (`paymux sandbox`
 * shutting down) exits 0.
 */
import { EXIT_OK, EXIT_SIGINT, EXIT_SIGTERM } from './cli-error.ts'
import { run } from './main.ts'

const controller = new AbortController()
let received: NodeJS.Signals | null = null
const exitCodeOf = (signal: NodeJS.Signals): number => (signal === 'SIGINT' ? EXIT_SIGINT : EXIT_SIGTERM)
const onSignal = (signal: NodeJS.Signals) => {
  // The first signal lets the command stop cleanly (close sandboxes, keep the checkpoint);
  // a second one means "now".
  if (received !== null) process.exit(exitCodeOf(signal))
  received = signal
  controller.abort(new Error(`received ${signal}`))
}
process.on('SIGINT', onSignal)
process.on('SIGTERM', onSignal)

// `paymux list ... | head` closes the pipe early; that is a normal end, not a crash.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0)
  throw e
})

const code = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
})
const exitCode = received !== null && code !== EXIT_OK ? exitCodeOf(received) : code
// Exit once stdout is flushed: keep-alive sockets must not keep the process up.
process.stdout.write('', () => process.exit(exitCode))
