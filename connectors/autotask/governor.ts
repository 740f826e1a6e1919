import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { SyncError } from './errors.js'

export interface Threshold {
  externalRequestThreshold: number
  requestThresholdTimeframe: number
  currentTimeframeRequestCount: number
}

export interface GovernorOptions {
  db: Kysely<Database>
  psa: string
  /** roleboard's own share of the tenant's hourly limit (default 0.2). */
  share?: number
  /** Tenant-wide usage above which roleboard slows down (default 0.5). */
  slowAbove?: number
  /** Tenant-wide usage at which roleboard stops for the hour, so other integrations keep working (default 0.95). */
  stopAbove?: number
  /** Concurrent requests per entity endpoint (Autotask allows 3 per integration code; default 2). */
  perEntity?: number
  /** Re-read ThresholdInformation after this many requests (default 100). */
  rereadEvery?: number
  sleep?: (ms: number) => Promise<void>
  now?: () => number
}

const HOUR_MS = 3_600_000
/** ThresholdInformation is read again after this many of roleboard's requests, unless told otherwise. */
export const DEFAULT_REREAD_EVERY = 100

/**
 * Keeps roleboard inside the tenant's shared hourly API budget: its own rolling-hour use stays under
 * `share` of the limit (counted across processes in `api_usage`), it slows down when the tenant as a
 * whole is busy, and it never runs more than `perEntity` requests at once against one endpoint.
 */
export class BudgetGovernor {
  readonly share: number
  readonly slowAbove: number
  readonly stopAbove: number
  readonly perEntity: number
  readonly rereadEvery: number
  hourlyLimit = 10_000
  /** The tenant's count at the last reading, plus roleboard's requests since. */
  tenantCount = 0
  requestsSinceReading = Number.POSITIVE_INFINITY
  requestsMade = 0
  /** ThresholdInformation readings applied so far (each cost one request, counted in `requestsMade`). */
  readings = 0
  /** The tenant's numbers as Autotask last reported them, for the builder's budget view. */
  lastReading: { limit: number; count: number; at: Date } | null = null
  #ownBefore: number | null = null
  #ownMinutes = new Map<string, number>()
  #inFlight = new Map<string, number>()
  #waiters = new Map<string, Array<() => void>>()
  readonly #options: GovernorOptions
  readonly #sleep: (ms: number) => Promise<void>
  readonly #now: () => number

  constructor(options: GovernorOptions) {
    this.#options = options
    this.share = options.share ?? 0.2
    this.slowAbove = options.slowAbove ?? 0.5
    this.stopAbove = options.stopAbove ?? 0.95
    this.perEntity = options.perEntity ?? 2
    this.rereadEvery = options.rereadEvery ?? DEFAULT_REREAD_EVERY
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)))
    this.#now = options.now ?? Date.now
  }

  get ownLimit(): number {
    return Math.floor(this.hourlyLimit * this.share)
  }

  needsReading(): boolean {
    return this.requestsSinceReading >= this.rereadEvery
  }

  applyReading(threshold: Threshold): void {
    if (threshold.externalRequestThreshold > 0) this.hourlyLimit = threshold.externalRequestThreshold
    this.tenantCount = threshold.currentTimeframeRequestCount
    this.requestsSinceReading = 0
    this.readings += 1
    this.lastReading = { limit: this.hourlyLimit, count: this.tenantCount, at: new Date(this.#now()) }
  }

  /** roleboard's own requests in the rolling hour, this process and earlier ones. */
  async ownLastHour(): Promise<number> {
    if (this.#ownBefore === null) {
      const since = minuteKey(this.#now() - HOUR_MS)
      const row = await this.#options.db
        .selectFrom('api_usage')
        .select((eb) => eb.fn.sum<number>('requests').as('total'))
        .where('psa', '=', this.#options.psa)
        .where('minute', '>', since)
        .executeTakeFirst()
      this.#ownBefore = Number(row?.total ?? 0)
    }
    let mine = 0
    const since = minuteKey(this.#now() - HOUR_MS)
    for (const [minute, count] of this.#ownMinutes) if (minute > since) mine += count
    return this.#ownBefore + mine
  }

  /** Waits for a slot and for the budget; throws `budget_exhausted` when roleboard must stop for now. */
  async acquire(entity: string): Promise<() => void> {
    const own = await this.ownLastHour()
    if (own >= this.ownLimit) {
      throw new SyncError(
        'budget_exhausted',
        `roleboard used its share of the Autotask API budget (${own} of ${this.ownLimit} requests this hour, ` +
          `${Math.round(this.share * 100)}% of ${this.hourlyLimit}); the sync continues when the hour rolls over`,
      )
    }
    const tenantShare = this.tenantCount / this.hourlyLimit
    if (tenantShare >= this.stopAbove) {
      throw new SyncError(
        'budget_exhausted',
        `the Autotask tenant has used ${Math.round(tenantShare * 100)}% of its hourly API limit; roleboard pauses so other integrations keep working`,
      )
    }
    if (tenantShare > this.slowAbove) {
      // From 250 ms just above the line to 2 s near the stop: other integrations get the room.
      const pressure = (tenantShare - this.slowAbove) / (this.stopAbove - this.slowAbove)
      await this.#sleep(Math.round(250 + pressure * 1750))
    }
    await this.#slot(entity)
    return () => this.#release(entity)
  }

  /** Counts one request that reached Autotask (every attempt counts against the tenant's limit). */
  async record(): Promise<void> {
    this.requestsMade += 1
    this.requestsSinceReading += 1
    this.tenantCount += 1
    const minute = minuteKey(this.#now())
    this.#ownMinutes.set(minute, (this.#ownMinutes.get(minute) ?? 0) + 1)
    await this.#options.db
      .insertInto('api_usage')
      .values({ psa: this.#options.psa, minute, requests: 1 })
      .onConflict((oc) =>
        oc.columns(['psa', 'minute']).doUpdateSet((eb) => ({ requests: eb('api_usage.requests', '+', 1) })),
      )
      .execute()
  }

  async #slot(entity: string): Promise<void> {
    const busy = this.#inFlight.get(entity) ?? 0
    if (busy < this.perEntity) {
      this.#inFlight.set(entity, busy + 1)
      return
    }
    await new Promise<void>((resolve) => {
      const queue = this.#waiters.get(entity) ?? []
      queue.push(resolve)
      this.#waiters.set(entity, queue)
    })
  }

  #release(entity: string): void {
    const next = this.#waiters.get(entity)?.shift()
    if (next)
      next() // the slot passes straight to the next waiter
    else this.#inFlight.set(entity, (this.#inFlight.get(entity) ?? 1) - 1)
  }
}

function minuteKey(time: number): string {
  return new Date(time).toISOString().slice(0, 16)
}
