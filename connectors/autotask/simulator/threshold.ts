/** The tenant's rolling-hour request counter and the per (integration code, endpoint) thread limit. */

export const THRESHOLD_WINDOW_MS = 60 * 60 * 1000

/** Timestamps of counted requests within the last hour, oldest first. */
export class RequestWindow {
  private stamps: number[] = []
  private head = 0

  constructor(
    private readonly clock: () => number,
    private readonly windowMs = THRESHOLD_WINDOW_MS,
  ) {}

  count(): number {
    const horizon = this.clock() - this.windowMs
    while (this.head < this.stamps.length && this.stamps[this.head]! <= horizon) this.head++
    if (this.head > 1024 && this.head * 2 > this.stamps.length) {
      this.stamps = this.stamps.slice(this.head)
      this.head = 0
    }
    return this.stamps.length - this.head
  }

  record(): void {
    this.stamps.push(this.clock())
  }

  reset(): void {
    this.stamps = []
    this.head = 0
  }
}

/** Extra latency Autotask adds as the hour fills up (assumed steps: from 50% and from 75% of the limit). */
export interface LatencySteps {
  fromHalfMs: number
  fromThreeQuartersMs: number
}

export const DEFAULT_LATENCY: LatencySteps = { fromHalfMs: 500, fromThreeQuartersMs: 1000 }

export function thresholdLatency(count: number, limit: number, steps: LatencySteps | null): number {
  if (!steps || limit <= 0) return 0
  if (count >= limit * 0.75) return steps.fromThreeQuartersMs
  if (count >= limit * 0.5) return steps.fromHalfMs
  return 0
}

/** Counts in-flight requests per key; `tryAcquire` returns an idempotent release, or undefined when full. */
export class ThreadGate {
  private readonly inFlight = new Map<string, number>()

  tryAcquire(key: string, limit: number): (() => void) | undefined {
    const current = this.inFlight.get(key) ?? 0
    if (current >= limit) return undefined
    this.inFlight.set(key, current + 1)
    let released = false
    return () => {
      if (released) return
      released = true
      const remaining = (this.inFlight.get(key) ?? 1) - 1
      if (remaining > 0) this.inFlight.set(key, remaining)
      else this.inFlight.delete(key)
    }
  }

  total(): number {
    let total = 0
    for (const count of this.inFlight.values()) total += count
    return total
  }
}
