/**
 * The export progress line on a terminal's stderr, redrawn in place at most ten times a
 * second: a bar, a percentage and an ETA when the provider reports a total, a running count
 * and rate otherwise. Off (a no-op) when stderr is not a terminal, so logs stay clean.
 */
import type { Output } from './io.ts'

const BAR_WIDTH = 24
const REDRAW_MS = 100

/** `42s`, `3m05s`, `1h02m`. */
export const formatDuration = (seconds: number): string => {
  const s = Math.max(0, Math.round(seconds))
  if (s < 60) return `${s}s`
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
}

/**
 * One progress line. `done` objects so far (this run started at `startDone`), `total` when
 * known, `elapsedMs` since this run started.
 */
export const progressLine = (done: number, total: number | null, startDone: number, elapsedMs: number): string => {
  const rate = elapsedMs > 0 ? ((done - startDone) * 1000) / elapsedMs : 0
  const rateText = `${Math.round(rate)}/s`
  if (total === null || total <= 0) return `${done.toLocaleString('en-US')} objects  ${rateText}`
  const fraction = Math.min(1, done / total)
  const filled = Math.round(fraction * BAR_WIDTH)
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`
  const eta = rate > 0 ? `ETA ${formatDuration((total - done) / rate)}` : 'ETA -'
  return `${bar} ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${Math.floor(fraction * 100)}%  ${rateText}  ${eta}`
}

export interface Progress {
  update(done: number, total: number | null): void
  /** Clears the line so the summary prints cleanly. */
  end(): void
}

export const createProgress = (stream: Output, startDone: number, now: () => number = Date.now): Progress => {
  if (!stream.isTTY) return { update: () => undefined, end: () => undefined }
  const started = now()
  let lastDraw = 0
  let drawn = false
  return {
    update(done, total) {
      const t = now()
      if (drawn && t - lastDraw < REDRAW_MS) return
      lastDraw = t
      drawn = true
      stream.write(`\r\x1b[K${progressLine(done, total, startDone, t - started)}`)
    },
    end() {
      if (drawn) stream.write('\r\x1b[K')
    },
  }
}
