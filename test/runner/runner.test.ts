/**
 * The test runner itself (scripts/test.mjs), run as CI runs it, over the fixture files in
 * ./fixtures (outside the normal test glob): a hung file is killed with its child processes after
 * the time limit and reported by name, a file that exits before uvu's summary counts as failed,
 * the closing line stays `N passed, N failed` and is last, the filter selects files, and piped
 * output has no colour codes. The hung fixture gets a short limit, so this file stays quick.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const FIXTURES = 'test/runner/fixtures'

interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs the runner with stdout piped, as CI does, without colour settings of the caller. */
const runRunner = (args: readonly string[], extraEnv: Record<string, string> = {}): Promise<Run> =>
  new Promise((resolve, reject) => {
    const env: Record<string, string> = {}
    for (const [k, v] of Object.entries(process.env)) {
      if (v !== undefined && k !== 'FORCE_COLOR' && k !== 'NO_COLOR') env[k] = v
    }
    const child = spawn(process.execPath, ['scripts/test.mjs', '--dir', FIXTURES, ...args], {
      cwd: ROOT,
      env: { ...env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })

const lastLine = (text: string): string => text.trimEnd().split('\n').at(-1) ?? ''

/** Whether a process still runs (a zombie waiting to be reaped counts as gone). */
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return true
  }
}

const scratch = mkdtempSync(join(tmpdir(), 'paymux-runner-'))
const pidFile = join(scratch, 'grandchild.pid')
// Started together (the hung run waits out its limit meanwhile); each test awaits its own run.
const runs = {
  all: runRunner(['--timeout-ms', '5000'], { PAYMUX_RUNNER_FIXTURE_PID_FILE: pidFile }),
  filtered: runRunner(['passes']),
  forcedColour: runRunner(['fails'], { FORCE_COLOR: '1' }),
  noMatch: runRunner(['no-such-file']),
}

const runner = suite('test runner')
runner.after(() => rmSync(scratch, { recursive: true, force: true }))

runner(
  'a hung file times out by name, its child processes die, the run fails and goes on; no colour when piped',
  async () => {
    const run = await runs.all
    assert.is(run.code, 1)
    assert.match(run.stdout, '✘ hangs.test.ts timed out after 5000 ms')
    assert.match(run.stdout, 'Files that did not pass:\n')
    assert.match(run.stdout, '  hangs.test.ts: timed out after 5000 ms')
    // The other fixtures ran in full: 2 + 1 passed; fails, exits-early and hangs count 1 each.
    assert.match(run.stdout, '✓ passes.test.ts')
    assert.match(run.stdout, "exits-early.test.ts: failed (exit 1, ended before uvu's summary)")
    assert.is(lastLine(run.stdout), '3 passed, 3 failed')
    assert.match(run.stdout, 'FAIL') // uvu's failure banner, printed without colour codes
    assert.not.match(run.stdout, '\u001b[')
    const grandchild = Number(readFileSync(pidFile, 'utf8'))
    assert.ok(Number.isSafeInteger(grandchild) && grandchild > 0)
    assert.not.ok(alive(grandchild), `the hung file's child process ${grandchild} outlived the timeout`)
  },
)

runner('the filter selects files; a passing run exits 0 with "N passed, 0 failed" last', async () => {
  const run = await runs.filtered
  assert.is(run.code, 0)
  assert.not.match(run.stdout, 'fails.test.ts')
  assert.is(lastLine(run.stdout), '2 passed, 0 failed')
})

runner('FORCE_COLOR=1 keeps colours when piped (uvu honours it)', async () => {
  const run = await runs.forcedColour
  assert.match(run.stdout, '\u001b[')
  assert.is(lastLine(run.stdout), '1 passed, 1 failed')
})

runner('a filter that matches no file fails instead of passing with nothing run', async () => {
  const run = await runs.noMatch
  assert.is(run.code, 1)
  assert.match(run.stderr, 'no test file under test/runner/fixtures matches "no-such-file"')
  assert.is(lastLine(run.stdout), '0 passed, 1 failed')
})

runner.run()
