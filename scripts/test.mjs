#!/usr/bin/env node
// Runs the uvu suites over source (no build step) and ends with one line CI can count:
// `N passed, N failed`. uvu prints only per-run totals, so this wrapper reads them.
// --coverage wraps the run in c8 with the thresholds in .c8rc.json (the run fails below them).
// Any other argument is a filter on test file paths, e.g. `pnpm test -- wooshpay`.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const args = process.argv.slice(2)
const coverage = args.includes('--coverage')
const filter = args.filter((a) => !a.startsWith('--'))[0] ?? ''
const pattern = `${filter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*\\.test\\.ts$`

const uvu = `${root}node_modules/uvu/bin.js`
const node = [process.execPath, '--conditions=dev-source', '--import', 'tsx', uvu, 'test', pattern]
const command = coverage ? [process.execPath, `${root}node_modules/c8/bin/c8.js`, ...node] : node

const child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'pipe', 'inherit'], env: process.env, cwd: root })
let out = ''
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk)
  out += chunk.toString()
})
child.on('close', (code) => {
  // eslint-disable-next-line no-control-regex
  const plain = out.replace(/\u001b\[[0-9;]*m/g, '')
  const total = Number(/Total:\s+(\d+)/.exec(plain)?.[1] ?? 0)
  const passed = Number(/Passed:\s+(\d+)/.exec(plain)?.[1] ?? 0)
  const skipped = Number(/Skipped:\s+(\d+)/.exec(plain)?.[1] ?? 0)
  const failed = Math.max(0, total - passed - skipped)
  const exit = code ?? 1
  // A crash before uvu's summary counts as one failure, so the line never reads "0 failed" wrongly.
  const failedShown = exit !== 0 && failed === 0 ? 1 : failed
  process.stdout.write(`\n${passed} passed, ${failedShown} failed${skipped ? `, ${skipped} skipped` : ''}\n`)
  process.exit(exit !== 0 || total === 0 ? 1 : 0)
})
