/**
 * Whole-dashboard answers, kept per (role, language, person, dashboard version, acknowledgements).
 * When the data moves on (a sync landed, the minute turned), every waiting screen gets the last
 * answer at once while one fresh evaluation runs; the next poll gets the new one. A wall polled by
 * 500 screens therefore costs one evaluation per change, and no screen waits for it. A change a
 * person made on purpose (a tap, an undo: `reflects`) is never answered with the answer from before it.
 */
export class DashboardCache<T> {
  readonly #entries = new Map<string, { stamp: string; reflects: string; value: T }>()
  readonly #pending = new Map<string, Promise<T>>()
  readonly #max: number

  constructor(max = 500) {
    this.#max = max
  }

  /**
   * `allowStale`: a polling screen may get the previous answer while the new one is computed, as long
   * as that answer `reflects` the same state (part of `stamp`, e.g. the acknowledgements).
   */
  async get(key: string, stamp: string, compute: () => Promise<T>, allowStale = true, reflects = ''): Promise<T> {
    const entry = this.#entries.get(key)
    if (entry && entry.stamp === stamp) return entry.value
    const refresh = this.#refresh(key, stamp, reflects, compute)
    if (entry && allowStale && entry.reflects === reflects) {
      refresh.catch(() => undefined) // the stale answer stands; the next poll tries again
      return entry.value
    }
    return refresh
  }

  clear(): void {
    this.#entries.clear()
  }

  #refresh(key: string, stamp: string, reflects: string, compute: () => Promise<T>): Promise<T> {
    const flight = `${key}@${stamp}`
    let pending = this.#pending.get(flight)
    if (!pending) {
      pending = compute()
        .then((value) => {
          if (this.#entries.size >= this.#max && !this.#entries.has(key))
            this.#entries.delete(this.#entries.keys().next().value!)
          this.#entries.set(key, { stamp, reflects, value })
          return value
        })
        .finally(() => this.#pending.delete(flight))
      this.#pending.set(flight, pending)
    }
    return pending
  }
}
