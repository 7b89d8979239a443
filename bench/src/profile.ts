/**
 * Reads a V8 CPU profile of a client bundle and says where the time went: self time by
 * function and by source module. The bundle keeps esbuild's `// path/to/file.ts` markers, so a
 * bundle line maps back to the source file it came from.
 */
import { readFileSync } from 'node:fs'

interface CallFrame {
  readonly functionName: string
  readonly url: string
  readonly lineNumber: number
}
interface ProfileNode {
  readonly id: number
  readonly callFrame: CallFrame
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[]
  readonly samples: readonly number[]
  readonly timeDeltas: readonly number[]
}

/** Bundle line (0-based) -> source file, from esbuild's module markers. */
const sourceMap = (bundle: string): ((line: number) => string) => {
  const marks: { line: number; file: string }[] = []
  bundle.split('\n').forEach((text, line) => {
    const m = /^\/\/ (\S+\.(?:ts|js|cjs|mjs))$/.exec(text)
    if (m?.[1])
      marks.push({
        line,
        file: m[1].replace(/^(\.\.\/)+/, '').replace(/^.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, ''),
      })
  })
  return (line) => {
    let lo = 0
    let hi = marks.length - 1
    let found = '?'
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const mark = marks[mid] as { line: number; file: string }
      if (mark.line <= line) {
        found = mark.file
        lo = mid + 1
      } else hi = mid - 1
    }
    return found
  }
}

export interface Hotspot {
  readonly name: string
  readonly ms: number
  readonly share: number
}

export const hotspots = (
  profileFile: string,
  bundleFile: string,
): { total: number; functions: Hotspot[]; modules: Hotspot[] } => {
  const profile = JSON.parse(readFileSync(profileFile, 'utf8')) as CpuProfile
  const fileOf = sourceMap(readFileSync(bundleFile, 'utf8'))
  const bundleUrl = `file://${bundleFile}`
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]))
  const byFunction = new Map<string, number>()
  const byModule = new Map<string, number>()
  let total = 0
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0
    const f = nodes.get(id)?.callFrame
    if (!f) return
    total += us
    const where =
      f.url === bundleUrl ? fileOf(f.lineNumber) : f.url === '' ? '(native)' : f.url.replace(/^node:/, 'node:')
    const fn = `${f.functionName || '(anonymous)'} ${where}${f.url === bundleUrl ? '' : ''}`
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us)
    byModule.set(where, (byModule.get(where) ?? 0) + us)
  })
  const top = (m: Map<string, number>, n: number): Hotspot[] =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, ms: us / 1000, share: us / total }))
  return { total: total / 1000, functions: top(byFunction, 25), modules: top(byModule, 15) }
}
