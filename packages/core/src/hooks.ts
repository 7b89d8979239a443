/** Calling user hooks safely: a hook that throws must never break a request or a listing. */
export const safeCall = <A>(hook: ((arg: A) => void) | undefined, arg: A): void => {
  if (!hook) return
  try {
    const r = hook(arg) as unknown
    // An async hook's rejection is swallowed too, so it cannot surface as an unhandled rejection.
    if (r instanceof Promise) r.catch(() => undefined)
  } catch {
    // Deliberately ignored: hooks observe, they do not steer.
  }
}
