/** The machine a run happened on, for RESULTS.md. */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import os from 'node:os'

const sh = (cmd: string, args: readonly string[]): string | null => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return null
  }
}

export interface Machine {
  readonly date: string
  readonly nproc: string
  readonly cpuModel: string
  readonly memory: string
  readonly node: string
  readonly os: string
  readonly commit: string
  readonly stripe: string
}

/** HEAD, and which measured packages had uncommitted changes (the run used the working tree). */
const commitOf = (benchDir: string): string => {
  const head = sh('git', ['-C', benchDir, 'rev-parse', '--short', 'HEAD']) ?? 'unknown'
  const dirty = (
    sh('git', [
      '-C',
      benchDir,
      'status',
      '--porcelain',
      '--',
      '../packages/core',
      '../packages/wooshpay',
      '../packages/priceblocs',
    ]) ?? ''
  )
    .split('\n')
    .filter(Boolean).length
  return dirty === 0 ? head : `${head} + ${dirty} uncommitted file(s) in the measured packages`
}

export const machine = (benchDir: string): Machine => {
  let cpuModel = os.cpus()[0]?.model ?? 'unknown'
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))
    if (m?.[1]) cpuModel = m[1].trim()
  } catch {
    // not Linux: os.cpus() it is
  }
  let stripe = 'unknown'
  try {
    const pkg = JSON.parse(readFileSync(`${benchDir}/node_modules/stripe/package.json`, 'utf8')) as { version: string }
    stripe = pkg.version
  } catch {
    // not installed
  }
  return {
    date: new Date().toISOString(),
    nproc: sh('nproc', []) ?? String(os.availableParallelism()),
    cpuModel,
    memory: sh('free', ['-h']) ?? `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB total`,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    commit: commitOf(benchDir),
    stripe,
  }
}
