import type { FastifyInstance } from 'fastify'
import type { SmtpSettings } from '../../config.js'
import { listOutbox, sendDueMail } from '../mail/outbox.js'
import { type SendMail, smtpSender } from '../mail/smtp.js'
import { type Backoff, DEFAULT_BACKOFF } from '../nudges/send.js'
import { startTicker, type Ticker } from '../ticker.js'
import { reportRenderer } from './render.js'
import { queueDueReports } from './schedules.js'

// The reports of one app: a timer on the serving thread that queues the weekly reports whose slot has come and
// sends the mail outbox (each due mail rendered and sent, failures retried with the nudges' backoff).

declare module 'fastify' {
  interface FastifyInstance {
    reports: ReportRunner
  }
}

export interface ReportRunner extends Ticker {
  /** The reports' clock: which week is the last full one, when a mail was queued. */
  now: () => Date
  /** The mail server as the builder may show it: its host, never the URL; null when mail is not set up. */
  mail: { host: string | null; from: string | null; configured: boolean }
  /** The outbox's newest mails, for the builder. */
  outbox: () => ReturnType<typeof listOutbox>
}

export interface ReportOptions {
  /** ROLEBOARD_SMTP_URL (loadSmtpSettings): null or absent, mails wait in the outbox with the reason. */
  smtp?: SmtpSettings | null
  /** Another sender than SMTP (tests inject a fault with it). */
  send?: SendMail
  /** How often to look; 0: never by itself (tests step with runOnce). */
  intervalMs?: number
  backoff?: Backoff
  /** The reports' clock; the app's by default. */
  now?: () => Date
}

export function startReports(app: FastifyInstance, options: ReportOptions = {}): void {
  const now = options.now ?? app.now
  const backoff = options.backoff ?? DEFAULT_BACKOFF
  const from = app.config.mailFrom
  const smtp = options.smtp ?? null
  const send = options.send ?? (smtp ? smtpSender(smtp) : null)
  const mailer = from && send ? { from, send } : null
  const render = reportRenderer(
    { db: app.db, tz: app.config.tz, hours: app.config.businessHours, chromiumPath: app.config.chromiumPath },
    now,
  )
  async function pass(): Promise<void> {
    const at = now()
    await queueDueReports(app.db, at, app.config.tz)
    const { sent, failed } = await sendDueMail(app.db, { now: at, backoff, mailer, render })
    // The errors name the mail server by its host only (services/mail/smtp.ts): safe to log.
    for (const id of sent) app.log.info({ mail: id }, 'mail sent')
    for (const { id, error } of failed) app.log.warn({ mail: id, error }, 'mail not sent')
  }
  const ticker = startTicker(app, 'reports', pass, options.intervalMs ?? 30_000)
  app.decorate('reports', {
    ...ticker,
    now,
    mail: { host: smtp?.host ?? null, from, configured: mailer !== null },
    outbox: () => listOutbox(app.db),
  })
}
