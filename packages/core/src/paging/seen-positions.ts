/**
 * The page positions a run has seen, in constant memory, for its cycle and fetch-once guards.
 *
 * A listing of a million objects is ten thousand pages; remembering every position would grow
 * without bound, so a run keeps the last `recent` positions exactly (a cursor that points back
 * into them is caught before a single duplicate is delivered) plus one marker position that
 * moves to the current page at pages 1, 2, 4, 8, ... (Brent's cycle detection): a longer cycle
 * always comes back to the marker, so it is still caught, within about twice its length.
 */
export class SeenPositions {
  private readonly recent = new Set<string>()
  private readonly order: string[] = []
  private head = 0
  private marker: string | null = null
  private sinceMarker = 0
  private markerSpan = 1

  private readonly capacity: number

  constructor(capacity = 1024) {
    this.capacity = capacity
  }

  has(key: string): boolean {
    return key === this.marker || this.recent.has(key)
  }

  add(key: string): void {
    if (this.recent.has(key)) return
    this.recent.add(key)
    this.order.push(key)
    if (this.order.length - this.head > this.capacity) {
      this.recent.delete(this.order[this.head] as string)
      this.head += 1
      // Compact now and then, so the array does not keep what the set forgot.
      if (this.head >= this.capacity) {
        this.order.splice(0, this.head)
        this.head = 0
      }
    }
    if (++this.sinceMarker >= this.markerSpan) {
      this.marker = key
      this.sinceMarker = 0
      this.markerSpan *= 2
    }
  }

  /** Positions held exactly (for tests: never more than the capacity). */
  get size(): number {
    return this.recent.size
  }
}
