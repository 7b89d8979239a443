/**
 * The journal: a foreign journal is refused (typed) unless forced; a torn last line is
 * tolerated and cut back before the next append; the file is NDJSON with one fsynced line per
 * step and no secret; verify detects a changed target object; revert deletes exactly what the
 * journal made; an abort stops cleanly with a consistent journal.
 */
import { mkdtempSync, readFileSync, appendFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { applyMigration, isPaymuxError, revertMigration, verifyMigration } from '@paymux/core'
import { linksByMarker, memoryJournal, pbClient, pbMarker, pbTarget, wpClient, wpSource } from './helpers.ts'

const SUCCESS = 'https://shop.example/thanks'
const dir = mkdtempSync(join(tmpdir(), 'paymux-journal-'))
const s = suite('migrate/journal (file journal, verify, revert, abort)')
s.after(() => rmSync(dir, { recursive: true, force: true }))

s('a journal of another migration is refused with journal_mismatch unless forced', async () => {
  const src = await wpSource(2)
  const sb = await pbTarget(31)
  try {
    const path = join(dir, 'foreign.ndjson')
    const from = wpClient(src)
    const to = pbClient(sb)
    await applyMigration(from, to, 'paymentLinks', { journal: path, successUrl: SUCCESS, filters: { active: true } })
    const before = sb.stats().requests
    for (const [resource, filters] of [
      ['paymentIntents', { active: true }],
      ['paymentLinks', {}],
    ] as const) {
      try {
        await applyMigration(from, to, resource, { journal: path, filters })
        assert.unreachable()
      } catch (e) {
        assert.ok(isPaymuxError(e) && e.kind === 'checkpoint_mismatch' && e.code === 'journal_mismatch', String(e))
      }
    }
    assert.is(sb.stats().requests, before, 'nothing sent for a refused journal')
    const forced = await applyMigration(from, to, 'paymentLinks', { journal: path, force: true, successUrl: SUCCESS })
    assert.ok(forced.done)
  } finally {
    await Promise.all([src.close(), sb.close()])
  }
})

s('a torn last line is tolerated, cut back, and the rerun creates nothing twice', async () => {
  const src = await wpSource(3)
  const sb = await pbTarget(32)
  try {
    const path = join(dir, 'torn.ndjson')
    const from = wpClient(src)
    const to = pbClient(sb)
    const first = await applyMigration(from, to, 'paymentLinks', { journal: path, successUrl: SUCCESS })
    appendFileSync(path, '{"type":"claimed","subject":"object","sou')
    const again = await applyMigration(from, to, 'paymentLinks', { journal: path, successUrl: SUCCESS })
    assert.is(again.totals.created, 0)
    assert.is(again.totals.alreadyDone, first.totals.created)
    assert.is(sb.count('paymentLinks'), first.totals.created)
    const text = readFileSync(path, 'utf8')
    assert.ok(text.endsWith('\n'))
    // Every line parses: the fragment was cut, not glued to the next line.
    const lines = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string })
    assert.is(lines[0]?.type, 'header')
    assert.ok(!text.includes(src.apiKey) && !text.includes(sb.apiKey), 'no secret in the journal')
    // A broken line in the middle is not a torn one: refused.
    appendFileSync(path, 'garbage\n{"type":"planned","subject":"object","source":"x","at":"t"}\n')
    try {
      await applyMigration(from, to, 'paymentLinks', { journal: path, successUrl: SUCCESS })
      assert.unreachable()
    } catch (e) {
      assert.ok(isPaymuxError(e) && e.code === 'journal_corrupt', String(e))
    }
  } finally {
    await Promise.all([src.close(), sb.close()])
  }
})

s('verify passes, then detects a changed target link; revert deletes what was made and nothing else', async () => {
  const src = await wpSource(4)
  const sb = await pbTarget(33, 3)
  try {
    const from = wpClient(src)
    const to = pbClient(sb)
    const existing = await to.paymentLinks.list().toArray({ max: 10 })
    const journal = memoryJournal()
    const r = await applyMigration(from, to, 'paymentLinks', { journal, successUrl: SUCCESS, concurrency: 2 })
    assert.ok(r.done)
    const ok = await verifyMigration(from, to, 'paymentLinks', { journal })
    assert.ok(ok.ok, JSON.stringify(ok.results))
    assert.is(ok.totals.checked, r.totals.created)

    const victim = r.results.find((x) => x.outcome === 'created' && x.target)
    const active = (await to.paymentLinks.retrieve(victim?.target as string)).active
    await to.paymentLinks.update(victim?.target as string, { active: !active })
    const bad = await verifyMigration(from, to, 'paymentLinks', { journal })
    assert.is(bad.ok, false)
    assert.is(bad.totals.mismatch, 1)
    const mismatch = bad.results.find((x) => x.status === 'mismatch')
    assert.is(mismatch?.target, victim?.target)
    assert.ok(mismatch?.fields?.includes('active'), JSON.stringify(mismatch))

    const rev = await revertMigration(to, { journal })
    assert.ok(rev.ok)
    assert.is(rev.totals.deleted, r.totals.created)
    const left = await to.paymentLinks.list().toArray({ max: 10 })
    assert.equal(left.map((l) => l.id).sort(), existing.map((l) => l.id).sort())
    assert.equal((await linksByMarker(to, pbMarker)).get(null)?.length, existing.length)
    const twice = await revertMigration(to, { journal })
    assert.is(twice.totals.already, r.totals.created)
  } finally {
    await Promise.all([src.close(), sb.close()])
  }
})

s('an abort stops cleanly: the journal is consistent and a rerun finishes the rest', async () => {
  const src = await wpSource(6)
  const sb = await pbTarget(34)
  try {
    const from = wpClient(src)
    const to = pbClient(sb)
    const journal = memoryJournal()
    const ac = new AbortController()
    const first = await applyMigration(from, to, 'paymentLinks', {
      journal,
      successUrl: SUCCESS,
      signal: ac.signal,
      onProgress: (p) => {
        if (p.totals.created === 2) ac.abort()
      },
    })
    assert.ok(first.aborted)
    assert.is(first.done, false)
    assert.is(first.totals.created, 2)
    assert.is(sb.count('paymentLinks'), 2)
    const rest = await applyMigration(from, to, 'paymentLinks', { journal, successUrl: SUCCESS })
    assert.ok(rest.done)
    assert.is(rest.totals.alreadyDone, 2)
    assert.is(sb.count('paymentLinks'), rest.totals.created + 2)
  } finally {
    await Promise.all([src.close(), sb.close()])
  }
})

s.run()
