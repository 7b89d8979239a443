/**
 * The process around `run()`: real streams and environment, Ctrl-C / SIGTERM turned into an
 * abort signal (a second one exits at once), and an exit that waits for stdout to drain.
 */
import { run } from './main.ts'

const controller = new AbortController()
let signals = 0
const onSignal = (signal: NodeJS.Signals) => {
  signals += 1
  // The first signal lets the command stop cleanly (close sandboxes, keep the checkpoint);
  // a second one means "now".
  if (signals > 1) process.exit(signal === 'SIGINT' ? 130 : 143)
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
// Exit once stdout is flushed: keep-alive sockets must not keep the process up.
process.stdout.write('', () => process.exit(code))
