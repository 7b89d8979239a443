#!/usr/bin/env node
// The `paymux` executable. Which code it runs:
//
// - In a repo checkout it always runs the TypeScript sources (src/bin.ts), even when a dist/ from
//   an earlier `pnpm build` exists: it registers tsx plus a resolve hook adding the `dev-source`
//   condition, so every workspace package resolves to its src/ too. A checkout is recognised by
//   this package's tsconfig.json beside src/: it is never published (package.json `files`), while
//   src/ is (the source maps point into it), so src/ alone cannot tell the two apart. Comparing
//   timestamps instead would miss edits in other packages (a cli build newer than cli's src/ can be
//   older than core's src/), and npm resets every file's time in a tarball anyway.
// - Installed from npm it runs the build, dist/bin.js (tsx is not installed there).
import { existsSync } from 'node:fs'
import { register } from 'node:module'

const checkout = existsSync(new URL('../tsconfig.json', import.meta.url))
const source = new URL('../src/bin.ts', import.meta.url)

if (checkout && existsSync(source)) {
  const { register: registerTsx } = await import('tsx/esm/api')
  registerTsx()
  // Hooks registered later run first: this one adds the condition, then tsx resolves.
  const hook =
    'export async function resolve(specifier, context, next) {' +
    " return next(specifier, { ...context, conditions: [...context.conditions, 'dev-source'] }) }"
  register(`data:text/javascript,${encodeURIComponent(hook)}`)
  await import(source.href)
} else {
  await import(new URL('../dist/bin.js', import.meta.url).href)
}
