/**
 * A bounded worker pool over an async source: at most `concurrency` items in work, never a
 * `Promise.all` over a listing. Stops taking items when `stop()` says so (an abort, a journal
 * that cannot be written) and waits for the items in work before it returns.
 */
export const runPool = async <T>(
  source: AsyncIterable<T>,
  concurrency: number,
  work: (item: T) => Promise<void>,
  stop: () => boolean,
): Promise<void> => {
  const iterator = source[Symbol.asyncIterator]()
  let done = false
  let failure = null as { error: unknown } | null
  // Pulls are serialized: an async iterator must not be asked for two items at once.
  let pulling: Promise<unknown> = Promise.resolve()
  const pull = (): Promise<IteratorResult<T>> => {
    const next = pulling.then(() =>
      done || stop() || failure ? { done: true as const, value: undefined } : iterator.next(),
    )
    pulling = next.catch(() => undefined)
    return next as Promise<IteratorResult<T>>
  }
  const worker = async (): Promise<void> => {
    for (;;) {
      let r: IteratorResult<T>
      try {
        r = await pull()
      } catch (error) {
        failure ??= { error }
        return
      }
      if (r.done) {
        done = true
        return
      }
      try {
        await work(r.value)
      } catch (error) {
        failure ??= { error }
        return
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  if (!done || failure) await iterator.return?.()
  if (failure) throw failure.error
}
