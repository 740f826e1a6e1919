import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { Kysely } from 'kysely'
import type { DbHandle } from '../db/index.js'
import type { Database } from '../db/schema.js'
import { createKpiEngine, type KpiEngine } from '../kpi-library/engine.js'
import { registerAuth } from './auth.js'
import { type Config, fastifyTrustProxy } from './config.js'
import { sendError, sendNoRoute } from './errors.js'
import { loggerOptions } from './logging.js'
import { installValidation } from './validation.js'
import { ackRoutes } from './routes/acks.js'
import { budgetRoutes } from './routes/budget.js'
import { dashboardRoutes } from './routes/dashboards.js'
import { drillRoutes } from './routes/drill.js'
import { eventRoutes } from './routes/events.js'
import { healthRoutes } from './routes/health.js'
import { hookRoutes } from './routes/hooks.js'
import { kpiRoutes } from './routes/kpis.js'
import { meRoutes } from './routes/me.js'
import { nudgeRoutes } from './routes/nudges.js'
import { psaRoutes } from './routes/psa.js'
import { packageRoutes } from './routes/packages.js'
import { qbrRoutes } from './routes/qbr.js'
import { reportRoutes } from './routes/reports.js'
import { roleRoutes } from './routes/roles.js'
import { sessionRoutes } from './routes/session.js'
import { settingsRoutes } from './routes/settings.js'
import { stripRoutes } from './routes/strip.js'
import { tokenRoutes } from './routes/tokens.js'
import { webhookRoutes } from './routes/webhooks.js'
import { ensureAdmin } from './services/access.js'
import { ChangeFeed, type FeedOptions, readFeedState } from './services/change-feed.js'
import { installDefaults } from './services/dashboards.js'
import { type NudgeOptions, startNudges } from './services/nudges/runner.js'
import { type ReportOptions, startReports } from './services/reports/runner.js'
import { localSecretBox, type SecretBox } from './services/secret-box.js'
import type { HintSink } from './hints.js'
import { announceBuild } from './web.js'
import { type Evaluator, inThreadEvaluator } from './workers/evaluator.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>
    engine: KpiEngine
    /** Evaluates whole dashboards: on a thread of its own in a served app, in this one otherwise. */
    evaluator: Evaluator
    now: () => Date
    appVersion: string
    config: Config
    /** Bumped when the company strip changes, so cached dashboards show the new strip. */
    stripVersion: number
    /** Seals and opens the secrets this app stores (webhook keys, chat channel addresses); made at first use. */
    secretBox: () => SecretBox
    /** Tells listening screens their answer changed; `poke()` it after writing what screens show (a sync_run row). */
    changes: ChangeFeed
    /** Hands a verified webhook's "these records changed" to the sync that reads them again (AppOptions.onHint). */
    webhookHints: HintSink
  }
}

/** How long a closing server waits for answers under way before it cuts their connections. */
export const CLOSE_GRACE_MS = 5_000

export interface AppOptions {
  config: Config
  handle: DbHandle
  version: string
  /** Pino options, or false for none; secrets are redacted either way. */
  logger?: FastifyServerOptions['logger']
  /** Called once with the generated admin password on first start (to print it once). */
  onAdminPassword?: (password: string) => void
  adminPassword?: string
  /** Where dashboards are evaluated (server/workers/evaluator.ts); this thread when not given. Closed with the app. */
  evaluator?: Evaluator
  /** Seals stored secrets; when not given, the key file beside the database (made at first use). */
  secretBox?: SecretBox
  /**
   * Where verified webhook callouts go to be read again: the sync thread's schedule (serve, demo, hosted tenants).
   * Without one, nothing here syncs, and the hint is dropped: the next sync, wherever it runs, reads the change.
   */
  onHint?: HintSink
  /** Nudges to Teams and Slack: timer, burst window, backoff (tests make them short or step by hand). */
  nudges?: NudgeOptions
  /** Weekly reports by mail: the SMTP server (none: mails wait in the outbox), timer, backoff. */
  reports?: ReportOptions
  /** How often the change feed reads, its heartbeat and how many screens may listen (tests make them small). */
  changeFeed?: Omit<FeedOptions, 'onError'>
  /** Extra plugins, e.g. the static front end. */
  plugins?: Array<(app: FastifyInstance) => Promise<void>>
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  // Unknown properties are refused, not silently dropped: a typo in a request should say so (server/validation.ts).
  const app = Fastify({
    logger: loggerOptions(options.logger),
    bodyLimit: 64 * 1024,
    trustProxy: fastifyTrustProxy(options.config.trustProxy),
  })
  installValidation(app)
  const now = options.config.now ? () => new Date(options.config.now!) : () => new Date()
  app.decorate('db', options.handle.db)
  app.decorate(
    'engine',
    createKpiEngine({ db: options.handle.db, tz: options.config.tz, hours: options.config.businessHours, now }),
  )
  app.decorate('evaluator', options.evaluator ?? inThreadEvaluator(options.handle.db, app.engine))
  app.addHook('onClose', () => app.evaluator.close())
  app.decorate('now', now)
  app.decorate('appVersion', options.version)
  app.decorate('config', options.config)
  // An accessor, not a number: route plugins are child instances, where `stripVersion += 1` on a plain value would
  // make a copy of their own and never reach the walls' caches or their event stream.
  let stripVersion = 0
  app.decorate('stripVersion', {
    getter: () => stripVersion,
    setter: (value: number) => {
      stripVersion = value
    },
  })
  let box = options.secretBox
  app.decorate('secretBox', () => (box ??= localSecretBox(options.handle.path, undefined)))
  const changes = new ChangeFeed(() => readFeedState(app.db, app.engine, () => app.stripVersion), {
    ...options.changeFeed,
    onError: (error) => app.log.warn({ err: error }, 'change feed read failed'),
  })
  app.decorate('changes', changes)
  // Before the server waits for open requests to finish: event streams never would on their own. Whatever is still
  // open after a grace period for answers under way is cut, so a close never hangs on a connection (a screen reconnects).
  app.addHook('preClose', async () => {
    changes.close()
    setTimeout(() => app.server.closeAllConnections(), CLOSE_GRACE_MS).unref()
  })
  app.decorate('webhookHints', options.onHint ?? (async () => undefined))

  await installDefaults(options.handle.db, now().toISOString())
  const admin = await ensureAdmin(options.handle.db, options.adminPassword, now().toISOString())
  if (admin.generated) options.onAdminPassword?.(admin.generated)

  app.setErrorHandler(sendError)
  app.setNotFoundHandler(sendNoRoute)

  registerAuth(app, now)
  announceBuild(app)
  for (const routes of [
    healthRoutes,
    sessionRoutes,
    kpiRoutes,
    dashboardRoutes,
    drillRoutes,
    eventRoutes,
    roleRoutes,
    stripRoutes,
    tokenRoutes,
    ackRoutes,
    meRoutes,
    packageRoutes,
    settingsRoutes,
    budgetRoutes,
    psaRoutes,
    nudgeRoutes,
    reportRoutes,
    qbrRoutes,
    webhookRoutes,
    hookRoutes,
  ])
    await app.register(routes)
  startNudges(app, options.nudges)
  startReports(app, options.reports)
  for (const plugin of options.plugins ?? []) await app.register(plugin)
  return app
}
