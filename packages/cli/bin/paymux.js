#!/usr/bin/env node
// The `paymux` executable. Installed from npm it runs the build (dist/bin.js). In the repo,
// unbuilt, it registers tsx plus a resolve hook adding the `dev-source` condition (so the
// workspace packages resolve to their src/), then runs src/bin.ts, all in this one process.
import { existsSync } from 'node:fs'
import { register } from 'node:module'

const dist = new URL('../dist/bin.js', import.meta.url)
if (existsSync(dist)) {
  await import(dist.href)
} else {
  const { register: registerTsx } = await import('tsx/esm/api')
  registerTsx()
  // Hooks registered later run first: this one adds the condition, then tsx resolves.
  const hook =
    'export async function resolve(specifier, context, next) {' +
    " return next(specifier, { ...context, conditions: [...context.conditions, 'dev-source'] }) }"
  register(`data:text/javascript,${encodeURIComponent(hook)}`)
  await import(new URL('../src/bin.ts', import.meta.url).href)
}
