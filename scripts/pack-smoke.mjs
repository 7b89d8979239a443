#!/usr/bin/env node
// The packages as a user gets them: a clean build, `pnpm pack` of every published package, then
// publint and attw on each tarball, an install of the tarballs with npm into an empty project in
// a temporary folder (no lockfile written, registry left as configured), and in that project: every
// export of every package imported, `require('@paymux/core')` from CommonJS, the CLI run twice
// against its built-in sandbox, and every README "Using the library" example run. A missing file,
// a broken export or an example that no longer prints fails here, not for a user.
//
//   node scripts/pack-smoke.mjs [--keep]     (--keep leaves the temporary folder for a look)
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { readmeExamples } from './pack-smoke/readme-examples.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const pnpm = ['npx', '-y', rootPkg.packageManager]
const bin = (name) => join(root, 'node_modules/.bin', name)
const keep = process.argv.includes('--keep')

const fail = (message) => {
  console.error(`pack smoke: ${message}`)
  process.exit(1)
}
/** Runs a command; its output goes to ours unless captured. Fails the script on a non-zero exit. */
const run = (cmd, args, { cwd = root, capture = false, env = process.env } = {}) => {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', stdio: capture ? 'pipe' : 'inherit' })
  if (r.status !== 0) {
    if (capture) process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`)
    fail(`\`${[cmd, ...args].join(' ')}\` exited ${r.status ?? r.signal}`)
  }
  return r
}
const step = (title) => console.log(`\n== ${title}`)

const packages = readdirSync(join(root, 'packages'))
  .map((dir) => ({
    dir: join(root, 'packages', dir),
    pkg: JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')),
  }))
  .filter(({ pkg }) => pkg.private !== true)

const work = mkdtempSync(join(tmpdir(), 'paymux-pack-'))
const tarballs = join(work, 'tarballs')
const app = join(work, 'app')
mkdirSync(tarballs)
mkdirSync(app)

step('clean build')
const dirs = packages.map(({ dir }) => dir)
run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', '--clean', ...dirs])
run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', ...dirs])

step('pnpm pack')
run(pnpm[0], [...pnpm.slice(1), '-r', '--filter', './packages/*', 'pack', '--pack-destination', tarballs], {
  capture: true,
})
const license = readFileSync(join(root, 'LICENSE'), 'utf8')
const packed = []
for (const { pkg } of packages) {
  const file = join(tarballs, `${pkg.name.replace('@', '').replace('/', '-')}-${pkg.version}.tgz`)
  const listing = run('tar', ['tzvf', file], { capture: true }).stdout.trim().split('\n')
  const unpacked = listing.reduce((sum, line) => sum + Number(line.split(/\s+/)[2] ?? 0), 0)
  const shipped = run('tar', ['xzf', file, '-O', 'package/LICENSE'], { capture: true }).stdout
  if (shipped !== license) fail(`${pkg.name}: the tarball's LICENSE is not the root LICENSE`)
  packed.push({ name: pkg.name, file, files: listing.length, size: statSync(file).size, unpacked })
}
console.log('package               tarball    unpacked   files')
for (const p of packed) {
  const kb = (n) => `${(n / 1024).toFixed(1)} kB`.padStart(10)
  console.log(`${p.name.padEnd(20)} ${kb(p.size)} ${kb(p.unpacked)} ${String(p.files).padStart(7)}`)
}

step('publint (strict) and attw (esm-only profile: the packages are ESM only)')
for (const p of packed) {
  run(bin('publint'), ['run', '--strict', p.file])
  run(bin('attw'), ['--profile', 'esm-only', '--no-emoji', '--no-color', '--format', 'table-flipped', p.file])
}

step('npm install of the tarballs into an empty project')
writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'paymux-pack-smoke', private: true, type: 'module' }))
run('npm', ['install', '--no-package-lock', '--no-audit', '--no-fund', ...packed.map((p) => p.file)], { cwd: app })
// Our packages must come from the tarballs, never from a registry package of the same name.
for (const { pkg } of packages) {
  const installed = JSON.parse(readFileSync(join(app, 'node_modules', pkg.name, 'package.json'), 'utf8'))
  if (installed.version !== pkg.version) fail(`${pkg.name}: installed ${installed.version}, packed ${pkg.version}`)
}
const nested = run('npm', ['ls', '--all', '--parseable'], { cwd: app, capture: true }).stdout
if (/node_modules\/@paymux\/[^/]+\/node_modules\/@paymux\//.test(nested))
  fail('a second copy of a @paymux package got installed')

step('import every export (ESM) and require @paymux/core (CommonJS)')
const imports = packages.flatMap(({ pkg }) =>
  Object.keys(pkg.exports).map((sub) => (sub === '.' ? pkg.name : `${pkg.name}/${sub.slice(2)}`)),
)
writeFileSync(
  join(app, 'imports.mjs'),
  `for (const name of ${JSON.stringify(imports)}) {
  const m = await import(name)
  const names = Object.keys(m)
  if (names.length === 0) throw new Error(name + ' exports nothing')
  console.log(name.padEnd(28), names.length, 'exports')
}
`,
)
run(process.execPath, ['imports.mjs'], { cwd: app })
writeFileSync(
  join(app, 'require.cjs'),
  `const core = require('@paymux/core')
if (typeof core.paymux !== 'function' || typeof core.isPaymuxError !== 'function') throw new Error('require() lost exports')
console.log('require(@paymux/core) on Node', process.version, 'ok:', Object.keys(core).length, 'exports')
`,
)
run(process.execPath, ['require.cjs'], { cwd: app })

step('the paymux CLI, installed')
const cliEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(WOOSHPAY|PRICEBLOCS)_/.test(k)))
const paymuxBin = join(app, 'node_modules/.bin/paymux')
const cli = packages.find(({ pkg }) => pkg.name === '@paymux/cli').pkg
const version = run(paymuxBin, ['--version'], { cwd: app, capture: true, env: cliEnv }).stdout.trim()
if (!version.includes(cli.version)) fail(`paymux --version printed ${JSON.stringify(version)}, expected ${cli.version}`)
console.log(`paymux --version: ${version}`)
const listed = run(paymuxBin, ['list', 'payment-links', '--provider', 'wooshpay', '--limit', '2'], {
  cwd: app,
  capture: true,
  env: cliEnv,
})
const lines = listed.stdout.trim().split('\n')
if (lines.length !== 2 || !lines.every((l) => JSON.parse(l).provider === 'wooshpay')) {
  fail(`paymux list printed ${JSON.stringify(listed.stdout)}, expected 2 WooshPay links as NDJSON`)
}
process.stdout.write(listed.stderr)
console.log(`paymux list payment-links --provider wooshpay --limit 2: ${lines.length} NDJSON lines`)

step('README "Using the library" examples')
const examples = readmeExamples(readFileSync(join(root, 'README.md'), 'utf8'), '## Using the library')
if (examples.length === 0) fail('README.md has no example under "## Using the library"')
examples.forEach((code, i) => {
  const file = join(app, `readme-example-${i + 1}.mjs`)
  writeFileSync(file, code)
  const out = run(process.execPath, [file], { cwd: app, capture: true }).stdout
  // Examples are plain JavaScript as well as TypeScript, so they run here as they are.
  if (out.trim() === '') fail(`README example ${i + 1} printed nothing`)
  console.log(`example ${i + 1}: ${out.trim().split('\n').length} lines, first: ${out.split('\n')[0]}`)
})

if (keep) console.log(`\nleft in ${work}`)
else rmSync(work, { recursive: true, force: true })
console.log('\npack smoke: ok')
