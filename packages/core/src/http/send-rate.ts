/**
 * The client's send rate: one rate for every request of a client (listings and writes share it),
 * learned from the 429s the client meets, as the AWS SDKs' "adaptive" retry mode does, and capped
 * by the user's `maxRequestsPerSecond`.
 *
 * - Until the first 429 (and without `maxRequestsPerSecond`) nothing is paced: a client that is
 *   never throttled pays one timestamp per request.
 * - A 429 cuts the rate to BETA (0.7) of the rate the client was sending at when it sent the
 *   throttled request. Only one cut per throttling event: a 429 for a request sent before the
 *   last cut was already answered by it (with 8 requests in flight, 8 cuts would take the rate
 *   to 6% of the limit, and the export would crawl).
 * - While unthrottled, the rate grows back along a cubic of the time since the cut (CUBIC,
 *   RFC 8312, as AWS's limiter uses it): fast at first, flat near the rate that was throttled,
 *   then probing past it ever faster, so the client finds a raised limit and returns to the old
 *   one in about K = cbrt(W_max * (1 - BETA) / C) seconds (2.7 s at 25 requests/s). Growth never
 *   goes past twice the rate the client actually sends at: a client that sends little must not
 *   learn a rate nobody tried.
 * - Pacing is a token bucket of at most one second of requests. Each send reserves its slot
 *   (tokens may go negative: the debt is the queue), so concurrent callers wait exactly their
 *   turn, with no polling loop; tokens accumulate during a pause (a `Retry-After`), so a pause
 *   costs the client little more than the requests the provider refused.
 */

/** Fraction of the sending rate kept after a throttle (CUBIC's beta). */
export const BETA = 0.7
/** Cubic growth constant, in requests/s per s^3 (AWS's value). */
export const CUBIC_C = 0.4
/**
 * The rate is never cut below this (requests/s). AWS floors at 0.5; 1 keeps a `Retry-After` of
 * whole seconds exact for a client that sends one request at a time (its pause refills the one
 * token it needs). A provider that throttles even this is met by the pause that doubles with each
 * throttling event in a row (limiter.ts), and calls end at their deadline.
 */
export const MIN_RATE = 1
/** The window the sending rate is measured over. */
const MEASURE_MS = 1000

/** One send: its order among the client's sends and its time. */
export interface SendTicket {
  readonly seq: number
  readonly at: number
}

/** What a send rate reports (stats, tests). */
export interface SendRateView {
  /** Requests per second now allowed; null while nothing limits the client. */
  readonly requestsPerSecond: number | null
  /** Throttling events that cut the rate. */
  readonly cuts: number
}

export class SendRate {
  /** Null: no limit in force (never throttled, no maximum). */
  private rate: number | null
  private readonly max: number
  private readonly clock: () => number
  private tokens = 1
  private refilledAt: number
  /** The rate the last cut started from, when it happened, and the last send it answered. */
  private wMax = 0
  private cutAt = -Infinity
  private cutSeq = -1
  private cuts = 0
  private seq = 0
  /** Send times of the last MEASURE_MS, oldest first from `head`. */
  private sends: number[] = []
  private head = 0

  constructor(maxRequestsPerSecond: number | null, clock: () => number) {
    this.max = maxRequestsPerSecond ?? Infinity
    this.rate = maxRequestsPerSecond
    this.clock = clock
    this.refilledAt = clock()
  }

  /** Reserves the next send's slot: the ms to wait before sending (0: at once). */
  reserve(): number {
    if (this.rate === null) return 0
    const now = this.clock()
    this.refill(now)
    this.tokens -= 1
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.rate) * 1000)
  }

  /** Records a request leaving at `at` (the measured sending rate). */
  sent(at: number): SendTicket {
    this.sends.push(at)
    this.forget(at)
    return { seq: this.seq++, at }
  }

  /**
   * A 429 for the send `ticket`. Returns true when it starts a throttling event (the rate is
   * cut), false when the last cut came after the request left and already answered it. Sends
   * are ordered by number, not time: requests sent in the same millisecond are one event.
   */
  throttled(ticket: SendTicket): boolean {
    if (ticket.seq <= this.cutSeq) return false
    const now = this.clock()
    const sending = Math.max(MIN_RATE, this.measuredAt(ticket.at))
    const from = this.rate === null ? sending : Math.min(this.rate, sending)
    this.refill(now)
    if (this.rate === null) this.tokens = 0 // a client that was not paced has no saved tokens
    this.wMax = from
    this.cutAt = now
    this.cutSeq = this.seq - 1
    this.cuts += 1
    this.setRate(Math.max(MIN_RATE, from * BETA))
    return true
  }

  /** An answer that was not a 429: the rate grows back along the cubic, up to twice what is sent. */
  answered(): void {
    if (this.rate === null || this.cuts === 0 || this.rate >= this.max) return
    const now = this.clock()
    const t = (now - this.cutAt) / 1000
    const k = Math.cbrt((this.wMax * (1 - BETA)) / CUBIC_C)
    const cubic = CUBIC_C * (t - k) ** 3 + this.wMax
    const reach = Math.max(this.rate, 2 * this.measuredAt(now))
    const next = Math.min(cubic, reach, this.max)
    if (next > this.rate) {
      this.refill(now)
      this.setRate(next)
    }
  }

  view(): SendRateView {
    return { requestsPerSecond: this.rate, cuts: this.cuts }
  }

  private setRate(rate: number): void {
    this.rate = rate
    this.tokens = Math.min(this.tokens, this.capacity())
  }

  /** At most one second of requests is saved up (and one request, at rates under 1/s). */
  private capacity(): number {
    return Math.max(1, this.rate ?? 1)
  }

  private refill(now: number): void {
    if (this.rate !== null && now > this.refilledAt) {
      this.tokens = Math.min(this.capacity(), this.tokens + ((now - this.refilledAt) / 1000) * this.rate)
    }
    this.refilledAt = Math.max(this.refilledAt, now)
  }

  /** Requests per second sent in the MEASURE_MS up to `at`. */
  private measuredAt(at: number): number {
    let n = 0
    for (let i = this.sends.length - 1; i >= this.head; i--) {
      const ts = this.sends[i] as number
      if (ts <= at - MEASURE_MS) break
      if (ts <= at) n += 1
    }
    return n / (MEASURE_MS / 1000)
  }

  private forget(now: number): void {
    while (this.head < this.sends.length && (this.sends[this.head] as number) <= now - MEASURE_MS) this.head += 1
    // Compact once the forgotten prefix is most of the array (amortized O(1) per send).
    if (this.head > 1024 && this.head * 2 > this.sends.length) {
      this.sends = this.sends.slice(this.head)
      this.head = 0
    }
  }
}
