/**
 * A slow reader slows the listing down: `paymux list … | (sleep 8; wc -l)` must not fetch the
 * whole listing into memory while the pipe is full. Measured in objects, not bytes or time:
 * while the test does not read the child's stdout, the sandbox's request count must stop at a
 * few pages, far below the listing's 100 pages.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { startSandbox as startWooshpay } from '@paymux/wooshpay/sandbox'
import { spawnCli } from './run-cli.ts'

const s = suite('cli/backpressure (child process)')

const PAGE = 100
const OBJECTS = 10_000

/**
 * Waits until `count()` has not changed for `quiet` polls in a row (the child is blocked on its
 * full pipe), or it passes `limit` (it is not blocked: fail at once). Returns the last count.
 */
const settle = async (count: () => number, limit: number, quiet = 25): Promise<number> => {
  let last = -1
  let same = 0
  for (let i = 0; i < 2000 && same < quiet; i++) {
    await new Promise((r) => setTimeout(r, 20))
    const now = count()
    if (now > limit) return now
    same = now === last && now > 0 ? same + 1 : 0
    last = now
  }
  return last
}

for (const command of [
  ['list', 'payment-intents', '--provider', 'wooshpay', '--limit', '100000', '--json'],
  ['export', 'payment-intents', '--provider', 'wooshpay', '--out', '-'],
]) {
  s(`${command[0]}: an unread stdout stops the fetching after a few pages; then every object arrives`, async () => {
    const sb = await startWooshpay({ count: OBJECTS, seed: 41 })
    try {
      const child = spawnCli(command, { WOOSHPAY_API_KEY: sb.apiKey, WOOSHPAY_BASE_URL: sb.baseUrl })
      const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)))
      const stdout = child.stdout
      assert.ok(stdout)
      stdout.pause()
      // The pipe (64 KiB) and Node's stream buffer hold well under a page; one page in hand and
      // one fetched ahead: at most a handful of pages while nobody reads.
      const bound = 6
      const fetched = await settle(() => sb.stats().requests, bound)
      assert.ok(fetched >= 1, 'the listing started')
      assert.ok(fetched <= bound, `${fetched} pages of ${OBJECTS / PAGE} fetched while stdout was not read`)

      let lines = 0
      stdout.on('data', (c: Buffer) => {
        for (const b of c) if (b === 0x0a) lines += 1
      })
      stdout.resume()
      assert.is(await exited, 0)
      assert.is(lines, OBJECTS)
      assert.is(sb.stats().requests, OBJECTS / PAGE)
    } finally {
      await sb.close()
    }
  })
}

s.run()
