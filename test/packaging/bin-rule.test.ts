/**
 * Which code `packages/cli/bin/paymux.js` runs: the TypeScript sources in a repo checkout (even
 * when a dist/ exists, so edits are never silently ignored after one `pnpm build`), the build
 * when installed from a tarball. The real bin file is copied into scratch package folders inside
 * the repo (so tsx resolves from the root node_modules) with stand-in src/bin.ts and dist/bin.js
 * that say which one ran.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const BIN = join(ROOT, 'packages/cli/bin/paymux.js')

interface Layout {
  readonly tsconfig: boolean
  readonly src: boolean
  readonly dist: boolean
}

/** A scratch package with the real bin and the parts `layout` names; returns the bin's stdout. */
const runBin = (scratch: string, layout: Layout): { code: number | null; stdout: string; stderr: string } => {
  const dir = mkdtempSync(join(scratch, 'pkg-'))
  mkdirSync(join(dir, 'bin'))
  copyFileSync(BIN, join(dir, 'bin/paymux.js'))
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }))
  if (layout.tsconfig) writeFileSync(join(dir, 'tsconfig.json'), '{}')
  if (layout.src) {
    mkdirSync(join(dir, 'src'))
    // TypeScript syntax, so only tsx can run it; prints where `@paymux/core` resolves.
    writeFileSync(
      join(dir, 'src/bin.ts'),
      "const ran: string = 'src'\nconsole.log(ran, import.meta.resolve('@paymux/core'))\n",
    )
  }
  if (layout.dist) {
    mkdirSync(join(dir, 'dist'))
    writeFileSync(join(dir, 'dist/bin.js'), "console.log('dist')\n")
  }
  const r = spawnSync(process.execPath, [join(dir, 'bin/paymux.js')], { cwd: dir, encoding: 'utf8' })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

const rule = suite('cli bin: sources in the repo, dist when installed')
let scratch = ''
rule.before(() => {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true })
  scratch = mkdtempSync(join(ROOT, '.tmp/bin-rule-'))
})
rule.after(() => rmSync(scratch, { recursive: true, force: true }))

rule('a checkout with a dist/ from an earlier build runs src/, with the dev-source condition', () => {
  const r = runBin(scratch, { tsconfig: true, src: true, dist: true })
  assert.is(r.code, 0, r.stderr)
  const [ran, core] = r.stdout.trim().split(' ')
  assert.is(ran, 'src')
  // Workspace packages resolve to their TypeScript sources, not to a possibly stale dist/.
  assert.ok(core?.endsWith('/packages/core/src/index.ts'), core)
})

rule('an unbuilt checkout runs src/', () => {
  const r = runBin(scratch, { tsconfig: true, src: true, dist: false })
  assert.is(r.code, 0, r.stderr)
  assert.match(r.stdout, /^src /)
})

rule('an installed package (src/ shipped for source maps, no tsconfig.json) runs dist/', () => {
  const r = runBin(scratch, { tsconfig: false, src: true, dist: true })
  assert.is(r.code, 0, r.stderr)
  assert.is(r.stdout, 'dist\n')
})

rule("the rule's premise: the cli has a tsconfig.json in the repo and never publishes it", () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'packages/cli/package.json'), 'utf8')) as { files: string[] }
  assert.ok(readFileSync(join(ROOT, 'packages/cli/tsconfig.json'), 'utf8').length > 0)
  assert.ok(pkg.files.includes('src') && pkg.files.includes('bin') && pkg.files.includes('dist'))
  assert.not.ok(pkg.files.some((f) => f.includes('tsconfig')))
})

rule.run()
