/**
 * What `paymux export` must never do to a user's data, each checked on the real bin: export
 * fake sandbox data unasked, overwrite a file that is not its own, touch the output before it
 * knows it can write, follow a link at its temporary file, run twice on one file at once, or
 * trust a checkpoint that does not match the file.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { chmod, mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { gate, startProxy } from './proxy.ts'
import {
  ROOT,
  startWooshpayFixture,
  type WooshpayFixture,
  finished,
  ndjson,
  readSaved,
  runCli,
  spawnCli,
  waitFor,
} from './run-cli.ts'

const s = suite<WooshpayFixture>('cli/export safety (child process)')
s.before(async (ctx) => {
  Object.assign(ctx, await startWooshpayFixture('safety', { count: 600, seed: 21 }))
})
s.after(async (ctx) => {
  await chmod(ctx.dir, 0o755).catch(() => undefined)
  await ctx.close()
})

const linksExport = (out: string, ...extra: string[]) => [
  'export',
  'payment-links',
  '--provider',
  'wooshpay',
  '--out',
  out,
  ...extra,
]

s('an empty key is an error; without a key, export needs --sandbox; list still falls back', async ({ dir }) => {
  const out = join(dir, 'fake.ndjson')
  const empty = await runCli(linksExport(out), { WOOSHPAY_API_KEY: '' })
  assert.is(empty.code, 1, empty.stderr)
  assert.is(
    empty.stderr,
    'paymux: config: WOOSHPAY_API_KEY is set but empty (set it to a WooshPay secret key (sk_test_… or sk_live_…), or unset it to use the built-in sandbox)\n',
  )
  const none = await runCli(linksExport(out))
  assert.is(none.code, 1)
  assert.match(none.stderr, /^paymux: config: no WOOSHPAY_API_KEY: .*\(set WOOSHPAY_API_KEY, or add --sandbox/)
  assert.not.ok(existsSync(out), 'nothing written without a key')
  assert.not.match(none.stderr, /built-in WooshPay sandbox at/, 'no sandbox started')
  const emptyList = await runCli(['list', 'payment-links', '--provider', 'wooshpay'], { WOOSHPAY_API_KEY: '' })
  assert.is(emptyList.code, 1)
  assert.match(emptyList.stderr, /set but empty/)

  const asked = await runCli(linksExport(out, '--sandbox'))
  assert.is(asked.code, 0, asked.stderr)
  assert.match(asked.stderr, /using the built-in WooshPay sandbox/)
  assert.is(ndjson(await readFile(out, 'utf8')).length, 250)
})

s('--out - writes to standard output, creates no file and refuses --resume', async ({ env }) => {
  const r = await runCli(['export', 'payment-links', '--provider', 'wooshpay', '--out', '-'], env)
  assert.is(r.code, 0, r.stderr)
  assert.is(ndjson(r.stdout).length, 600)
  assert.match(r.stderr, /exported 600 payment links from wooshpay to standard output: 600 objects/)
  assert.not.ok(existsSync(join(ROOT, '-')), 'a file named -')
  assert.not.ok(existsSync(join(ROOT, '-.lock')) || existsSync(join(ROOT, '-.checkpoint.json')))
  const resume = await runCli(['export', 'payment-links', '--provider', 'wooshpay', '--out', '-', '--resume'], env)
  assert.is(resume.code, 2)
  assert.match(resume.stderr, /--out - \(standard output\) cannot be resumed/)
})

s('an existing file that is not an interrupted export is refused without --force', async ({ dir, env }) => {
  const out = join(dir, 'mine.ndjson')
  await writeFile(out, 'my own data\n')
  const r = await runCli(linksExport(out), env)
  assert.is(r.code, 1)
  assert.match(r.stderr, /^paymux: conflict: .*mine\.ndjson exists and is not an interrupted export \(add --force/)
  assert.is(await readFile(out, 'utf8'), 'my own data\n')
  // --resume without a checkpoint starts afresh, but not over someone's file either.
  const resumed = await runCli(linksExport(out, '--resume'), env)
  assert.is(resumed.code, 1)
  assert.is(await readFile(out, 'utf8'), 'my own data\n')
  const forced = await runCli(linksExport(out, '--force'), env)
  assert.is(forced.code, 0, forced.stderr)
  assert.is(ndjson(await readFile(out, 'utf8')).length, 600)
})

s('a read-only directory is reported before the existing output is touched', async ({ dir, env }) => {
  const ro = join(dir, 'read-only')
  await mkdir(ro)
  const out = join(ro, 'old.ndjson')
  await writeFile(out, 'keep me\n')
  await chmod(out, 0o666)
  await chmod(ro, 0o555)
  // Root writes anywhere: the export runs as an unprivileged user so that EACCES can happen.
  const as = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}
  try {
    const r = await runCli(linksExport(out, '--force'), env, as)
    assert.is(r.code, 1)
    assert.match(r.stderr, /^paymux: io: EACCES: .*\(check the file permissions\)\n$/, r.stderr)
    assert.is(await readFile(out, 'utf8'), 'keep me\n', 'the output was touched')
  } finally {
    await chmod(ro, 0o755)
  }
})

s('a link planted at FILE.checkpoint.json.tmp is replaced, never followed', async ({ dir, env }) => {
  const out = join(dir, 'linked.ndjson')
  const victim = join(dir, 'victim.txt')
  await writeFile(victim, 'precious\n')
  await symlink(victim, `${out}.checkpoint.json.tmp`)
  const r = await runCli(linksExport(out), env)
  assert.is(r.code, 0, r.stderr)
  assert.is(await readFile(victim, 'utf8'), 'precious\n')
  assert.is(ndjson(await readFile(out, 'utf8')).length, 600)
  assert.not.ok(existsSync(`${out}.checkpoint.json.tmp`))
})

s(
  'a second export to the same file while one runs is refused; a stale lock is taken over',
  async ({ dir, sb, env }) => {
    const out = join(dir, 'locked.ndjson')
    // The first export is held at its second page until the second export has been refused.
    const held = gate()
    const proxy = await startProxy(sb.baseUrl, { hold: (n) => (n === 2 ? held.wait : undefined) })
    const first = spawnCli(linksExport(out), { ...env, WOOSHPAY_BASE_URL: proxy.baseUrl })
    const firstDone = finished(first)
    await waitFor(async () => ((await readSaved(out))?.objects ?? 0) >= 100 || undefined, 'the first export to start')
    const second = await runCli(linksExport(out, '--resume'), env)
    held.open()
    const one = await firstDone
    await proxy.close()
    assert.is(second.code, 1)
    assert.match(
      second.stderr,
      new RegExp(`^paymux: conflict: another export to .*locked\\.ndjson is running \\(pid ${first.pid} `),
      second.stderr,
    )
    assert.is(one.code, 0, one.stderr)
    const ids = ndjson<{ id: string }>(await readFile(out, 'utf8')).map((o) => o.id)
    assert.is(new Set(ids).size, 600, 'the second export wrote nothing into the first one')
    assert.not.ok(existsSync(`${out}.lock`), 'the lock is released')

    // A lock left by a process that is gone (kill -9): taken over.
    const dead = spawn(process.execPath, ['-e', ''])
    await new Promise((r) => dead.on('exit', r))
    const stale = join(dir, 'stale.ndjson')
    await writeFile(
      `${stale}.lock`,
      `${JSON.stringify({ pid: dead.pid, host: (await import('node:os')).hostname() })}\n`,
    )
    const taken = await runCli(linksExport(stale), env)
    assert.is(taken.code, 0, taken.stderr)
    assert.is(ndjson(await readFile(stale, 'utf8')).length, 600)
  },
)

s('resume refuses a checkpoint cut inside a line or disagreeing with the object count', async ({ dir, sb, env }) => {
  const out = join(dir, 'tampered.ndjson')
  // Held at the third page: Ctrl-C lands while the export waits for it.
  const held = gate()
  const proxy = await startProxy(sb.baseUrl, { hold: (n) => (n === 3 ? held.wait : undefined) })
  const child = spawnCli(linksExport(out), { ...env, WOOSHPAY_BASE_URL: proxy.baseUrl })
  const done = finished(child)
  await waitFor(async () => ((await readSaved(out))?.objects ?? 0) >= 200 || undefined, 'a checkpoint')
  child.kill('SIGINT')
  const stopped = await done
  held.open()
  await proxy.close()
  assert.is(stopped.code, 130, 'Ctrl-C exits 130')
  const good = await readFile(`${out}.checkpoint.json`, 'utf8')
  const state = JSON.parse(good) as { committedBytes: number; objects: number }
  const size = (await stat(out)).size

  for (const [change, why] of [
    [{ committedBytes: state.committedBytes - 10 }, /byte \d+ is inside a line/],
    [{ objects: state.objects + 1 }, /\d+ lines before byte \d+, but \d+ objects recorded/],
  ] as const) {
    await writeFile(`${out}.checkpoint.json`, JSON.stringify({ ...JSON.parse(good), ...change }))
    const r = await runCli(linksExport(out, '--resume'), env)
    assert.is(r.code, 1, r.stderr)
    assert.match(r.stderr, /^paymux: checkpoint_mismatch: the checkpoint does not match the file: /)
    assert.match(r.stderr, why)
    assert.is((await stat(out)).size, size, 'the file was cut')
  }
  await writeFile(`${out}.checkpoint.json`, good)
  const resumed = await runCli(linksExport(out, '--resume'), env)
  assert.is(resumed.code, 0, resumed.stderr)
  assert.equal(
    ndjson<{ id: string }>(await readFile(out, 'utf8')).map((o) => o.id),
    [...(await startIds(env))],
  )
})

/** The ids of the sandbox's links, newest first, as a fresh full export lists them. */
const startIds = async (env: Record<string, string>): Promise<string[]> => {
  const r = await runCli(['list', 'payment-links', '--provider', 'wooshpay', '--limit', '100000'], env)
  return ndjson<{ id: string }>(r.stdout).map((o) => o.id)
}

s.run()
