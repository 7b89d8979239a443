import { spawn } from 'node:child_process'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { fileEventStore, memoryEventStore, type EventStore } from '@paymux/core'

const test = suite('webhooks/stores: atomic claim')

const contract = async (store: EventStore): Promise<void> => {
  // Concurrent claims of one id: exactly one wins.
  const results = await Promise.all(Array.from({ length: 20 }, () => store.claim('evt_1')))
  assert.is(results.filter(Boolean).length, 1)
  assert.is(await store.claim('evt_2'), true)
  assert.is(await store.claim('evt_1'), false)
  await store.release('evt_1')
  assert.is(await store.claim('evt_1'), true)
  await store.release('evt_never_claimed') // releasing nothing is harmless
}

test('memory store', async () => {
  await contract(memoryEventStore())
})

test('file store; ids with path characters stay inside the directory', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'paymux-events-'))
  try {
    await contract(fileEventStore(join(dir, 'claims')))
    const s = fileEventStore(join(dir, 'claims'))
    assert.is(await s.claim('../../etc/passwd'), true)
    assert.is(await s.claim('../../etc/passwd'), false)
    const files = await readdir(join(dir, 'claims'))
    assert.is(files.length, 3)
    assert.ok(files.every((f) => /^[0-9a-f]{64}\.claim$/.test(f)))
    // A second store over the same directory (another process, a restart) sees the claims.
    assert.is(await fileEventStore(join(dir, 'claims')).claim('evt_2'), false)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

const claimInChild = (dir: string, id: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const code = `import { fileEventStore } from '@paymux/core'
const s = fileEventStore(${JSON.stringify(dir)})
const r = await Promise.all([s.claim(${JSON.stringify(id)}), s.claim(${JSON.stringify(id)})])
process.stdout.write(r.filter(Boolean).length + '')`
    const child = spawn(
      process.execPath,
      ['--conditions=dev-source', '--import', 'tsx', '--input-type=module', '-e', code],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    )
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.on('error', reject)
    child.on('exit', (status) => (status === 0 ? resolve(out) : reject(new Error(`child exited ${status}`))))
  })

test('file store across processes: of four processes claiming one id, one wins', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'paymux-events-'))
  try {
    const wins = await Promise.all([1, 2, 3, 4].map(() => claimInChild(dir, 'evt_shared')))
    assert.is(
      wins.reduce((n, w) => n + Number(w), 0),
      1,
    )
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

test.run()
