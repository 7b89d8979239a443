// The code blocks of one README section: every ```ts fence between `heading` and the next heading
// of the same level. The examples are written so that they are plain JavaScript too (no type
// annotations), which lets the pack smoke run them with Node as users would paste them.

/** The bodies of the ```ts blocks under `heading` (e.g. `## Using the library`), in order. */
export const readmeExamples = (readme, heading) => {
  const level = /^#+/.exec(heading)?.[0] ?? '##'
  const lines = readme.split('\n')
  const start = lines.indexOf(heading)
  if (start < 0) return []
  const end = lines.findIndex((l, i) => i > start && new RegExp(`^${level} `).test(l))
  const section = lines.slice(start + 1, end < 0 ? undefined : end).join('\n')
  return [...section.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1])
}
