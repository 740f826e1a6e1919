import type { FastifyInstance } from 'fastify'
import { loadSettings } from '../../../kpi-library/settings.js'
import { linkBase, screenAddress } from '../addresses.js'
import type { Outcome } from './deliver.js'
import { type Backoff, DEFAULT_BACKOFF, sendDue } from './send.js'
import { queueNewRows } from './watch.js'
import { startTicker } from '../ticker.js'

// The nudges of one app (each hosted tenant's app has its own): a light timer on the serving thread that looks
// for new rows when the data generation moves (a sync landed, a tap, an undo, a settings change) or a minute
// passed (a list can grow with the clock alone), then sends what is due. Without rules it does one small query.

declare module 'fastify' {
  interface FastifyInstance {
    nudges: NudgeRunner
  }
}

export interface NudgeRunner {
  /** One pass: new rows queued, due posts sent. The timer calls it; tests call it to step. */
  runOnce: () => Promise<void>
}

export interface NudgeOptions {
  /** How often to look; 0: never by itself (tests step with runOnce). */
  intervalMs?: number
  /** Rows found within this long after a post was queued join it (a burst is one message). */
  burstMs?: number
  backoff?: Backoff
  /** The nudges' clock (retries wait on it); the app's by default. */
  now?: () => Date
  post?: (url: string, body: unknown, now: Date) => Promise<Outcome>
  /** The path this app's pages are under on its address: a hosted tenant's `/t/<id>`; none for a single install. */
  basePath?: string
}

const RECHECK_MS = 60_000

export function startNudges(app: FastifyInstance, options: NudgeOptions = {}): void {
  const now = options.now ?? app.now
  const backoff = options.backoff ?? DEFAULT_BACKOFF
  const burstMs = options.burstMs ?? 30_000
  let lastKey: string | null = null
  let lastLook = 0

  async function pass(): Promise<void> {
    const rules = await app.db
      .selectFrom('nudge_rule')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    if (rules.n === 0) return
    const at = now()
    const { settings } = await loadSettings(app.db)
    const generation = await app.engine.generation()
    if (generation.key !== lastKey || at.getTime() - lastLook >= RECHECK_MS) {
      await queueNewRows(app.db, app.engine, { now: at, burstMs, lang: settings.language })
      lastKey = generation.key
      lastLook = at.getTime()
    }
    const address = app.server.address()
    const port = typeof address === 'object' && address ? address.port : app.config.port
    await sendDue(app.db, app.secretBox(), {
      now: at,
      backoff,
      lang: settings.language,
      tz: app.config.tz,
      linkBase: `${linkBase(screenAddress(app.config, port), `http://localhost:${port}`).replace(/\/$/, '')}${options.basePath ?? ''}`,
      ...(options.post ? { post: options.post } : {}),
    })
  }

  app.decorate('nudges', startTicker(app, 'nudges', pass, options.intervalMs ?? 5_000))
}
