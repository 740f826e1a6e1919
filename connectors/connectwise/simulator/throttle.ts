/** ConnectWise's throttle as the simulator models it: a token bucket refilled evenly over each minute. */
export class TokenBucket {
  private tokens: number
  private last: number

  constructor(
    private readonly perMinute: number,
    private readonly clock: () => number,
  ) {
    this.tokens = perMinute
    this.last = clock()
  }

  /** Takes one token; when there is none, returns the whole seconds until there will be one. */
  take(): { ok: true } | { ok: false; retryAfterSeconds: number } {
    this.refill()
    if (this.tokens >= 1) {
      this.tokens -= 1
      return { ok: true }
    }
    const msPerToken = 60_000 / this.perMinute
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(((1 - this.tokens) * msPerToken) / 1000)) }
  }

  reset(): void {
    this.tokens = this.perMinute
    this.last = this.clock()
  }

  private refill(): void {
    const now = this.clock()
    const elapsed = Math.max(0, now - this.last)
    this.last = now
    this.tokens = Math.min(this.perMinute, this.tokens + (elapsed * this.perMinute) / 60_000)
  }
}
