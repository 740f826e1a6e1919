import { RateLimiter } from '../smileback/rate-limit.js'

export interface ConnectWiseGovernorOptions {
  /** ConnectWise's limit in requests a minute (its guide warns from about 1,000; default 1,000). */
  limitPerMinute?: number
  /** roleboard's share of that limit (default 0.5): the rest is left to the MSP's other integrations. */
  share?: number
  sleep?: (ms: number) => Promise<void>
  now?: () => number
}

const MINUTE_MS = 60_000

/**
 * Keeps one tenant's ConnectWise traffic polite: one request at a time, at most `share` of the per-minute limit
 * in any rolling minute, nothing at all while a 429's Retry-After runs, and every request counted by what asked
 * for it so a sync can report its cost per entity. One per tenant, shared by everything that calls its API.
 */
export class ConnectWiseGovernor {
  readonly limitPerMinute: number
  readonly share: number
  /** Requests a minute roleboard allows itself. */
  readonly ownLimit: number
  /** Every request sent so far, retries and discovery included. */
  requestsMade = 0
  readonly #byEntity = new Map<string, number>()
  readonly #limiter: RateLimiter
  #turn: Promise<void> = Promise.resolve()

  constructor(options: ConnectWiseGovernorOptions = {}) {
    this.limitPerMinute = options.limitPerMinute ?? 1_000
    this.share = options.share ?? 0.5
    if (!(this.limitPerMinute > 0) || !(this.share > 0 && this.share <= 1)) {
      throw new Error(
        `a ConnectWise budget needs a positive limit and a share in (0, 1], not ${this.limitPerMinute} and ${this.share}`,
      )
    }
    this.ownLimit = Math.max(1, Math.floor(this.limitPerMinute * this.share))
    const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
    this.#limiter = new RateLimiter(this.ownLimit, MINUTE_MS, sleep, options.now)
  }

  /**
   * Waits for this tenant's turn and for room in the minute, then counts one request for `entity`. Call the
   * answer when the response is in (or the request failed): the next request may then go.
   */
  async acquire(entity: string): Promise<() => void> {
    let done!: () => void
    const previous = this.#turn
    this.#turn = new Promise<void>((resolve) => (done = resolve))
    await previous
    let answered: () => void
    try {
      answered = await this.#limiter.acquire()
    } catch (error) {
      done()
      throw error
    }
    this.requestsMade += 1
    this.#byEntity.set(entity, (this.#byEntity.get(entity) ?? 0) + 1)
    let released = false
    return () => {
      if (released) return
      released = true
      answered()
      done()
    }
  }

  /** ConnectWise said to come back in `ms` (a 429's Retry-After): nothing is sent to it before then. */
  holdFor(ms: number): void {
    this.#limiter.holdFor(ms)
  }

  /** Requests counted for `entity` so far. */
  requestsFor(entity: string): number {
    return this.#byEntity.get(entity) ?? 0
  }

  /** Requests counted so far, by what asked for them. */
  requestsByEntity(): ReadonlyMap<string, number> {
    return new Map(this.#byEntity)
  }
}
