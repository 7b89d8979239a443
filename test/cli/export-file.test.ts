import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CliError, ExportFile, checkpointPath, readCheckpoint, type ExportIdentity } from '@paymux/cli/internal'

const identity: ExportIdentity = { provider: 'wooshpay', resource: 'payment-links', format: 'ndjson', filters: {} }
const page = (from: number, n: number) => Array.from({ length: n }, (_, i) => `{"id":"pl_${from + i}"}\n`).join('')

const s = suite<{ dir: string }>('cli/export-file')
s.before.each(async (ctx) => {
  ctx.dir = await mkdtemp(join(tmpdir(), 'paymux-export-file-'))
})
s.after.each(async (ctx) => {
  await rm(ctx.dir, { recursive: true, force: true })
})

const rejectsWith = async (p: Promise<unknown>, kind: string, part: string): Promise<void> => {
  try {
    await p
  } catch (e) {
    assert.instance(e, CliError)
    assert.is((e as CliError).kind, kind)
    assert.ok((e as CliError).message.includes(part), (e as CliError).message)
    return
  }
  assert.unreachable(`expected a ${kind} error`)
}

s('each append is recorded in the checkpoint; finish removes it', async ({ dir }) => {
  const out = join(dir, 'links.csv')
  const f = await ExportFile.create(out, { ...identity, format: 'csv' }, 'id,name\r\n')
  let cp = await readCheckpoint(out)
  assert.equal(
    { bytes: cp?.committedBytes, objects: cp?.objects, from: cp?.resumeFrom, done: cp?.done },
    { bytes: 9, objects: 0, from: null, done: false },
  )
  await f.append(page(0, 3), { resumeFrom: 'pmx1.next', done: false, objects: 3, pages: 1 })
  cp = await readCheckpoint(out)
  assert.is(cp?.committedBytes, 9 + page(0, 3).length)
  assert.is(cp?.resumeFrom, 'pmx1.next')
  assert.is(cp?.objects, 3)
  await f.finish()
  assert.is(await readCheckpoint(out), null)
  assert.is(await readFile(out, 'utf8'), `id,name\r\n${page(0, 3)}`)
})

s('resume cuts off bytes written after the last checkpoint and continues there', async ({ dir }) => {
  const out = join(dir, 'links.ndjson')
  const f = await ExportFile.create(out, identity, '')
  await f.append(page(0, 2), { resumeFrom: 'cp-2', done: false, objects: 2, pages: 1 })
  // A crash after the second page's bytes hit the file but before its checkpoint: a whole page
  // and a half-written line are on disk, not recorded.
  await appendFile(out, `${page(2, 2)}{"id":"pl_4`)
  await f.close()
  // ...and a checkpoint temp file that never got renamed.
  await writeFile(`${checkpointPath(out)}.tmp`, '{"half":')

  const r = await ExportFile.resume(out, identity)
  assert.ok(r)
  assert.is(r.checkpoint.resumeFrom, 'cp-2')
  assert.is((await stat(out)).size, page(0, 2).length)
  await r.append(page(2, 3), { resumeFrom: null, done: true, objects: 5, pages: 2 })
  await r.finish()
  const ids = (await readFile(out, 'utf8')).trim().split('\n')
  assert.equal(ids, page(0, 5).trim().split('\n'))
})

s('resume without a checkpoint returns null and leaves the output alone', async ({ dir }) => {
  const out = join(dir, 'x.ndjson')
  await writeFile(out, 'keep me\n')
  assert.is(await ExportFile.resume(out, identity), null)
  assert.is(await readFile(out, 'utf8'), 'keep me\n')
})

s('resume refuses a checkpoint of another export, a foreign file, or a shortened output', async ({ dir }) => {
  const out = join(dir, 'x.ndjson')
  const f = await ExportFile.create(out, identity, '')
  await f.append(page(0, 2), { resumeFrom: 'cp', done: false, objects: 2, pages: 1 })
  await f.close()
  await rejectsWith(ExportFile.resume(out, { ...identity, provider: 'priceblocs' }), 'checkpoint_mismatch', 'wooshpay')
  await rejectsWith(
    ExportFile.resume(out, { ...identity, filters: { status: 'active' } }),
    'checkpoint_mismatch',
    'not',
  )
  await writeFile(out, '{"id"')
  await rejectsWith(ExportFile.resume(out, identity), 'io', 'shorter')
  await rm(out)
  await rejectsWith(ExportFile.resume(out, identity), 'io', 'missing')
  await writeFile(checkpointPath(out), '{"version":1,"provider":"wooshpay"}')
  await rejectsWith(ExportFile.resume(out, identity), 'checkpoint_mismatch', 'not a paymux export checkpoint')
  await writeFile(checkpointPath(out), 'not json')
  await rejectsWith(readCheckpoint(out), 'checkpoint_mismatch', 'not a paymux export checkpoint')
})

s('resume counts CSV records, not lines: a newline inside a quoted field is no record end', async ({ dir }) => {
  const out = join(dir, 'multi.csv')
  const csv = { ...identity, format: 'csv' as const }
  const f = await ExportFile.create(out, csv, 'id,description\r\n')
  await f.append('pl_1,"two\r\nlines"\r\npl_2,"say ""hi""\nthere"\r\n', {
    resumeFrom: 'cp',
    done: false,
    objects: 2,
    pages: 1,
  })
  await f.close()
  const r = await ExportFile.resume(out, csv)
  assert.ok(r, 'a valid CSV checkpoint is accepted')
  assert.is(r.checkpoint.objects, 2)
  await r.close()
})

s('restart cuts the output back to its header and resets the checkpoint', async ({ dir }) => {
  const out = join(dir, 'again.csv')
  const csv = { ...identity, format: 'csv' as const }
  const f = await ExportFile.create(out, csv, 'id\r\n')
  await f.append('pl_1\r\npl_2\r\n', { resumeFrom: 'pmx-windows', done: false, objects: 2, pages: 1 })
  await f.restart('id\r\n')
  const cp = await readCheckpoint(out)
  assert.equal(
    { from: cp?.resumeFrom, objects: cp?.objects, pages: cp?.pages, bytes: cp?.committedBytes },
    { from: null, objects: 0, pages: 0, bytes: 4 },
  )
  await f.append('pl_9\r\n', { resumeFrom: null, done: true, objects: 1, pages: 1 })
  await f.finish()
  assert.is(await readFile(out, 'utf8'), 'id\r\npl_9\r\n')
})

s('a fresh create truncates an old output', async ({ dir }) => {
  const out = join(dir, 'x.ndjson')
  await writeFile(out, 'old content that is longer than the new one\n')
  const f = await ExportFile.create(out, identity, '')
  await f.append(page(0, 1), { resumeFrom: null, done: true, objects: 1, pages: 1 })
  await f.finish()
  assert.is(await readFile(out, 'utf8'), page(0, 1))
})

s.run()
