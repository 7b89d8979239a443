// Runs one test file in its own Node process, under a time limit. The process leads its own
// process group, so on timeout the whole group is killed: a hung test, and any CLI child or
// server it started, are gone, and the run goes on with the next file instead of stalling CI.
import { spawn } from 'node:child_process'

/**
 * Runs `file` (absolute) with `node --conditions=dev-source --import tsx`; resolves with its
 * combined output, exit code, whether it timed out, and how long it took (for the report only).
 */
export const runFile = (file, { cwd, env, timeoutMs }) =>
  new Promise((resolve) => {
    const started = process.hrtime.bigint()
    const child = spawn(process.execPath, ['--conditions=dev-source', '--import', 'tsx', file], {
      cwd,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    let timedOut = false
    child.stdout.on('data', (c) => (output += c.toString()))
    child.stderr.on('data', (c) => (output += c.toString()))
    const killGroup = () => {
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {
        // The group is already gone.
      }
    }
    const timer = setTimeout(() => {
      timedOut = true
      killGroup()
    }, timeoutMs)
    running.add(killGroup)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      running.delete(killGroup)
      // Children the file left behind (a server it forgot to close) must not outlive the run.
      killGroup()
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      resolve({ output, code: code ?? (signal ? 128 : 1), signal, timedOut, ms })
    })
  })

const running = new Set()

/** Kills every running file's process group (on Ctrl-C of the runner). */
export const killAll = () => {
  for (const kill of running) kill()
}
