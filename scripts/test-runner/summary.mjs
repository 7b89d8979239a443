// Reads the totals uvu prints at the end of a run (`Total:`, `Passed:`, `Skipped:`), with or
// without colour codes. A file that ends without them (a crash, `process.exit`, an early exit
// uvu reports as "Exiting early") has no summary: the caller counts it as a failure.

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g

/** `{ total, passed, skipped }` from uvu's output, or `undefined` when it printed no summary. */
export const readSummary = (output) => {
  const plain = output.replace(ANSI, '')
  const total = /Total:\s+(\d+)/.exec(plain)
  const passed = /Passed:\s+(\d+)/.exec(plain)
  if (!total || !passed) return undefined
  const skipped = Number(/Skipped:\s+(\d+)/.exec(plain)?.[1] ?? 0)
  return { total: Number(total[1]), passed: Number(passed[1]), skipped }
}

/**
 * How one file's run counts. uvu stops a suite at its first failing test, so `total - passed -
 * skipped` can under-count; a non-zero exit, a timeout or a missing summary is at least 1 failure
 * so the closing line never reads "0 failed" for a file that did not pass.
 */
export const countRun = ({ output, code, timedOut }) => {
  const s = readSummary(output)
  const passed = s?.passed ?? 0
  const skipped = s?.skipped ?? 0
  const failedTests = s ? Math.max(0, s.total - s.passed - s.skipped) : 0
  const ok = !timedOut && code === 0 && s !== undefined && s.total > 0
  return {
    passed,
    skipped,
    failed: ok ? failedTests : Math.max(1, failedTests),
    ok: ok && failedTests === 0,
    summarised: s !== undefined,
  }
}
