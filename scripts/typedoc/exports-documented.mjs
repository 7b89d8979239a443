// TypeDoc plugin: every public export of every entry point has a doc comment, or `pnpm run docs`
// fails. TypeDoc's own `notDocumented` check also demands a comment on every member of every
// exported interface (each method signature, each property); the project's rule is "public
// exports get JSDoc", so this checks exactly the exported declarations of each entry module.
//
// An io-ts codec and its type share a name (`const PaymentLink = t.type(...)` and
// `type PaymentLink = t.TypeOf<typeof PaymentLink>`): one comment above either documents both,
// and is copied to the other so that both pages show it.
import { Application, Converter, ReflectionKind } from 'typedoc'

const documented = (reflection) =>
  reflection.hasComment() || (reflection.signatures ?? []).some((signature) => signature.hasComment())

/** The exported declarations of every module in `project`, re-exports of other modules excluded. */
const exportsOf = (project) =>
  project
    .getReflectionsByKind(ReflectionKind.Module | ReflectionKind.Project)
    .flatMap((module) => module.children ?? [])
    .filter((child) => !child.kindOf(ReflectionKind.Module | ReflectionKind.Reference))

/** Copies the comment of a documented declaration to an undocumented one of the same name. */
const shareCodecComments = (project) => {
  for (const module of project.getReflectionsByKind(ReflectionKind.Module | ReflectionKind.Project)) {
    const byName = new Map()
    for (const child of module.children ?? []) byName.set(child.name, [...(byName.get(child.name) ?? []), child])
    for (const twins of byName.values()) {
      const source = twins.find((t) => t.comment)
      if (!source) continue
      for (const twin of twins) if (!documented(twin)) twin.comment = source.comment.clone()
    }
  }
}

/** @param {Application} app */
export const load = (app) => {
  const reported = new Set()
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => shareCodecComments(context.project))
  app.on(Application.EVENT_VALIDATE_PROJECT, (project) => {
    for (const reflection of exportsOf(project)) {
      if (documented(reflection)) continue
      const source = reflection.sources?.[0]?.fileName ?? 'unknown file'
      const kind = ReflectionKind.singularString(reflection.kind)
      // Each package is checked alone, then again merged: report each declaration once.
      const key = `${source}:${reflection.name}:${kind}`
      if (reported.has(key)) continue
      reported.add(key)
      app.logger.error(
        `${reflection.getFriendlyFullName()} (${kind}, ${source}) is a public export without a doc comment`,
      )
    }
  })
}
