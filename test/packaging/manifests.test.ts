/**
 * What every published package's package.json promises (issue 13, "The packages"): the MIT
 * LICENSE shipped beside it, `engines` matching the root, runtime dependencies as ranges (the
 * lockfile pins our own builds; exact pins would duplicate them in users' trees), and every export
 * target, `dev-source` included, inside the shipped `files`.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

interface Manifest {
  readonly name: string
  readonly private?: boolean
  readonly license?: string
  readonly type?: string
  readonly engines?: { readonly node?: string }
  readonly files?: readonly string[]
  readonly exports?: Record<string, Record<string, string>>
  readonly dependencies?: Record<string, string>
  readonly bin?: Record<string, string>
}

const read = (path: string): Manifest => JSON.parse(readFileSync(path, 'utf8')) as Manifest
const root = read(join(ROOT, 'package.json'))
const published = readdirSync(join(ROOT, 'packages'))
  .map((dir) => ({ dir: join(ROOT, 'packages', dir), pkg: read(join(ROOT, 'packages', dir, 'package.json')) }))
  .filter(({ pkg }) => pkg.private !== true)

const manifests = suite('packaging: published package.json files')

manifests('there are four published packages', () => {
  assert.equal(published.map((p) => p.pkg.name).sort(), [
    '@paymux/cli',
    '@paymux/core',
    '@paymux/priceblocs',
    '@paymux/wooshpay',
  ])
})

manifests('each ships the root MIT LICENSE, unchanged', () => {
  const license = readFileSync(join(ROOT, 'LICENSE'), 'utf8')
  assert.match(license, /^MIT License\n\nCopyright \(c\) 2026 paymux contributors\n/)
  for (const { dir, pkg } of published) {
    assert.is(pkg.license, 'MIT', pkg.name)
    assert.ok(pkg.files?.includes('LICENSE'), `${pkg.name} files lists LICENSE`)
    assert.is(readFileSync(join(dir, 'LICENSE'), 'utf8'), license, `${pkg.name}/LICENSE is the root LICENSE`)
  }
})

manifests('each is ESM with the same engines as the root', () => {
  assert.ok(root.engines?.node)
  for (const { pkg } of published) {
    assert.is(pkg.type, 'module', pkg.name)
    assert.equal(pkg.engines, root.engines, pkg.name)
  }
})

manifests('runtime dependencies are ranges', () => {
  for (const { pkg } of published) {
    for (const [name, spec] of Object.entries(pkg.dependencies ?? {})) {
      assert.ok(/^(\^|workspace:\^)/.test(spec), `${pkg.name} depends on ${name} ${spec}: use a ^ range`)
    }
  }
})

manifests('every export target (dev-source too) and bin exists and is shipped', () => {
  for (const { dir, pkg } of published) {
    const targets = [
      ...Object.values(pkg.exports ?? {}).flatMap((conditions) => Object.entries(conditions)),
      ...Object.entries(pkg.bin ?? {}),
    ]
    assert.ok(targets.length > 0, pkg.name)
    for (const [condition, target] of targets) {
      const top = target.replace(/^\.\//, '').split('/')[0] ?? ''
      assert.ok(pkg.files?.includes(top), `${pkg.name} ${condition} -> ${target} is outside files`)
      // dist/ exists only after a build; the sources always do.
      if (top !== 'dist') assert.ok(existsSync(join(dir, target)), `${pkg.name} ${condition} -> ${target}`)
    }
  }
})

manifests.run()
