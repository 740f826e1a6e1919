import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { KpiEngine } from '../../kpi-library/engine.js'

/** What makes a screen's answer out of date, besides the clock. */
export interface FeedState {
  /** The KPI engine's generation key: every finished sync, acknowledgement, undo and settings change moves it. */
  generation: string
  /** Each role's dashboard as `id.version` (every edit bumps it; a role made again gets a new id). */
  dashboards: ReadonlyMap<string, string>
  /** The company strip's version (kept by the app, not the database). */
  strip: number
  /** How many screen links were ever revoked: when it moves, each listener checks its own link. */
  revoked: number
}

export interface FeedListener {
  /** Something in the state moved on; the listener decides whether its screen's answer did. */
  changed(state: FeedState): void
  /** Every heartbeat: check the listener's credentials, keep proxies from closing an idle stream. */
  beat(): void
  /** The feed closes (its app does): end the stream. */
  end(): void
}

export interface FeedOptions {
  /** How often the state is read while anyone listens. */
  intervalMs?: number
  heartbeatMs?: number
  /** Listeners beyond this are refused (a screen then polls). */
  maxListeners?: number
  onError?: (error: unknown) => void
}

/** The state as one app sees it: the engine's generation, and one small query for dashboards and revoked links. */
export async function readFeedState(
  db: Kysely<Database>,
  engine: Pick<KpiEngine, 'generation'>,
  strip: () => number,
): Promise<FeedState> {
  const [generation, dashboards, revoked] = await Promise.all([
    engine.generation(),
    db.selectFrom('dashboard').select(['role', 'id', 'version']).execute(),
    db
      .selectFrom('access_token')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('revoked_at', 'is not', null)
      .executeTakeFirst(),
  ])
  return {
    generation: generation.key,
    dashboards: new Map(dashboards.map((row) => [row.role, `${row.id}.${row.version}`])),
    strip: strip(),
    revoked: Number(revoked?.n ?? 0),
  }
}

function sameState(a: FeedState, b: FeedState): boolean {
  if (a.generation !== b.generation || a.strip !== b.strip || a.revoked !== b.revoked) return false
  if (a.dashboards.size !== b.dashboards.size) return false
  for (const [role, version] of a.dashboards) if (b.dashboards.get(role) !== version) return false
  return true
}

/**
 * One app's change feed: while at least one screen listens it reads the state every few hundred milliseconds
 * (or at once when poked) and tells every listener when it moved; with nobody listening it keeps no timer.
 */
export class ChangeFeed {
  readonly #read: () => Promise<FeedState>
  readonly #intervalMs: number
  readonly #heartbeatMs: number
  readonly #max: number
  readonly #onError: (error: unknown) => void
  readonly #listeners = new Set<FeedListener>()
  #state: FeedState | null = null
  #reading: Promise<FeedState> | null = null
  /** Poked while a read ran: read again as soon as it ends, since that read may have started before the change. */
  #again = false
  #timer: NodeJS.Timeout | null = null
  #heartbeat: NodeJS.Timeout | null = null
  #closed = false

  constructor(read: () => Promise<FeedState>, options: FeedOptions = {}) {
    this.#read = read
    this.#intervalMs = options.intervalMs ?? 300
    this.#heartbeatMs = options.heartbeatMs ?? 25_000
    this.#max = options.maxListeners ?? 1000
    this.#onError = options.onError ?? (() => undefined)
  }

  get listeners(): number {
    return this.#listeners.size
  }

  /**
   * Adds a listener and answers the state now (read afresh, so a change the screen missed shows in it), or null
   * when the feed is full or closed. `stop` removes it again.
   */
  async listen(listener: FeedListener): Promise<{ state: FeedState; stop: () => void } | null> {
    if (this.#closed || this.#listeners.size >= this.#max) return null
    this.#listeners.add(listener)
    const stop = () => {
      this.#listeners.delete(listener)
      if (this.#listeners.size === 0) this.#idle()
    }
    try {
      const state = await this.#check()
      if (this.#closed) throw new Error('the change feed closed')
      if (!this.#heartbeat) {
        this.#heartbeat = setInterval(() => this.#each((one) => one.beat()), this.#heartbeatMs)
        this.#heartbeat.unref()
      }
      return { state, stop }
    } catch (error) {
      stop()
      throw error
    }
  }

  /** Something changed that screens show (new sync_run rows, say): read the state now instead of at the next tick. */
  poke(): void {
    if (this.#listeners.size === 0 || this.#closed) return
    if (this.#reading) this.#again = true
    else void this.#check().catch(this.#onError)
  }

  /** Ends every listener and stops for good (the app closes). */
  close(): void {
    this.#closed = true
    this.#each((one) => one.end())
    this.#listeners.clear()
    this.#idle()
  }

  /** Reads the state (joining a read under way), tells the listeners if it moved, and schedules the next read. */
  #check(): Promise<FeedState> {
    if (this.#reading) return this.#reading
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    const reading = this.#read()
      .then((state) => {
        const previous = this.#state
        this.#state = state
        if (previous && !sameState(previous, state)) this.#each((one) => one.changed(state))
        return state
      })
      .finally(() => {
        this.#reading = null
        if (this.#again) {
          this.#again = false
          this.poke()
        } else this.#schedule()
      })
    this.#reading = reading
    return reading
  }

  #schedule(): void {
    if (this.#closed || this.#listeners.size === 0 || this.#timer || this.#reading) return
    this.#timer = setTimeout(() => {
      this.#timer = null
      this.#check().catch(this.#onError)
    }, this.#intervalMs)
    this.#timer.unref()
  }

  /** Nobody listens: no timers, and the state is read afresh by the next listener. */
  #idle(): void {
    if (this.#timer) clearTimeout(this.#timer)
    if (this.#heartbeat) clearInterval(this.#heartbeat)
    this.#timer = null
    this.#heartbeat = null
    this.#state = null
  }

  /** Calls every listener; one that throws does not keep the others from hearing. */
  #each(call: (listener: FeedListener) => void): void {
    for (const listener of [...this.#listeners]) {
      try {
        call(listener)
      } catch (error) {
        this.#onError(error)
      }
    }
  }
}
