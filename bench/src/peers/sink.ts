/**
 * Where a measured listing puts what it receives: a count, and the ids when the job checks the
 * id set. Every peer pays the same for it.
 */
export interface Sink {
  readonly objects: number
  /** One object. */
  item(o: { readonly id: string }): void
  /** A page of objects. */
  page(items: readonly { readonly id: string }[]): void
}

export const createSink = (collectIds: boolean): Sink & { readonly ids: string[] } => {
  const ids: string[] = []
  let objects = 0
  return {
    ids,
    get objects() {
      return objects
    },
    item(o) {
      objects += 1
      if (collectIds) ids.push(o.id)
    },
    page(items) {
      objects += items.length
      if (collectIds) for (const o of items) ids.push(o.id)
    },
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
