/** An in-memory `Io` for driving `run()` in-process: captured stdout/stderr, a chosen env. */
import type { Io } from '@paymux/cli/internal'

export interface FakeIo extends Io {
  readonly out: () => string
  readonly err: () => string
}

export const fakeIo = (o: { env?: Record<string, string>; tty?: boolean; cwd?: string } = {}): FakeIo => {
  let out = ''
  let err = ''
  return {
    stdout: { write: (s: string) => (out += s), isTTY: o.tty ?? false },
    stderr: { write: (s: string) => (err += s), isTTY: false },
    env: o.env ?? {},
    cwd: o.cwd ?? process.cwd(),
    out: () => out,
    err: () => err,
  }
}
