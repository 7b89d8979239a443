// Which files are test files: `*.test.ts` anywhere under the test directory, except inside a
// `fixtures` folder below it (fixtures are data, or test files the runner's own test feeds it on
// purpose, such as one that hangs). The filter keeps the old uvu CLI meaning: a literal string
// that must occur in the path relative to the directory, before the `.test.ts` ending.
import { readdirSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Test files under `dir` whose relative path matches `filter`, sorted, as relative paths. */
export const findTestFiles = (dir, filter = '') => {
  const pattern = new RegExp(`${escape(filter)}.*\\.test\\.ts$`)
  const found = []
  const walk = (at) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name)
      if (entry.isDirectory()) {
        if (entry.name !== 'fixtures' && entry.name !== 'node_modules') walk(path)
      } else if (entry.isFile()) {
        const rel = relative(dir, path).split(sep).join('/')
        if (pattern.test(rel)) found.push(rel)
      }
    }
  }
  walk(dir)
  return found.sort()
}
