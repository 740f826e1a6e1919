/**
 * A sliding-window pace for an API that allows `limit` requests per `windowMs` (SmileBack: 30 a minute per
 * customer, token requests included): a request waits until it fits, and after a 429 every request waits
 * out the server's Retry-After. One per connector, so the scheduled syncs of a server share it.
 */
export class RateLimiter {
  readonly #sent: Array<{ at: number }> = []
  #heldUntil = 0

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly sleep: (ms: number) => Promise<void>,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Waits until one more request fits in the window, then counts it. Call the answer when the response is in:
   * the request then counts from that moment, never earlier than the server counted it.
   */
  async acquire(): Promise<() => void> {
    for (;;) {
      const at = this.now()
      const oldest = this.#forget(at)
      const wait = Math.max(this.#heldUntil - at, oldest === null ? 0 : oldest + this.windowMs - at)
      if (wait <= 0) {
        const entry = { at }
        this.#sent.push(entry)
        return () => {
          entry.at = this.now()
        }
      }
      await this.sleep(wait)
    }
  }

  /** The server said to come back in `ms`: nothing is sent before then. */
  holdFor(ms: number): void {
    this.#heldUntil = Math.max(this.#heldUntil, this.now() + ms)
  }

  /** Drops the requests that left the window; answers the earliest still in it when the window is full. */
  #forget(at: number): number | null {
    for (let i = this.#sent.length - 1; i >= 0; i--)
      if (this.#sent[i]!.at <= at - this.windowMs) this.#sent.splice(i, 1)
    if (this.#sent.length < this.limit) return null
    return Math.min(...this.#sent.map((entry) => entry.at))
  }
}
