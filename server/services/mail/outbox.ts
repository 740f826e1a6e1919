import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../../db/schema.js'
import { type Backoff, backoffDelay } from '../nudges/send.js'
import type { Mail, SendMail } from './smtp.js'

// The mail outbox: a mail is queued in the transaction that decides to send it (a schedule's slot, "send now") and
// sent by the mail runner, oldest first. A failure waits (30 s, 1 min, 2 min … up to 30 min, the nudges' backoff)
// and is tried again; a mail still failing a day after it was queued is given up and kept, with its last error, for
// the builder. Each mail is claimed before it is sent, so two processes on one database never both send it.

/** What a queued mail names to render into its attachment when it is sent (server/services/reports/). */
export interface ReportRef {
  kind: 'weekly'
  role: string
  week: string
  lang: 'en' | 'nl'
}

export interface NewMail {
  to: string[]
  subject: string
  text: string
  origin: string
  report?: ReportRef
  attachment?: { filename: string; content: Buffer<ArrayBufferLike> }
}

export type RenderReport = (report: ReportRef) => Promise<{ filename: string; content: Buffer<ArrayBufferLike> }>

/** Queues a mail in `db` (a transaction, when it goes with other writes); the runner sends it from `now` on. */
export async function queueMail(db: Kysely<Database> | Transaction<Database>, mail: NewMail, now: Date) {
  const at = now.toISOString()
  return db
    .insertInto('mail_outbox')
    .values({
      recipients: JSON.stringify(mail.to),
      subject: mail.subject,
      body: mail.text,
      report: mail.report ? JSON.stringify(mail.report) : null,
      attachment_name: mail.attachment?.filename ?? null,
      attachment: mail.attachment?.content ?? null,
      origin: mail.origin,
      created_at: at,
      next_attempt_at: at,
      claimed_until: null,
      last_error: null,
      last_error_at: null,
      sent_at: null,
      given_up_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

export interface SendDueOptions {
  now: Date
  backoff: Backoff
  /** Null while ROLEBOARD_SMTP_URL or ROLEBOARD_MAIL_FROM is unset: each mail then fails with the reason. */
  mailer: { from: string; send: SendMail } | null
  render: RenderReport
}

/** How long a sender holds a mail it claimed: longer than a render and a send take together. */
const CLAIM_MS = 10 * 60_000
/** Sent mails are kept this long for the builder, without their attachment. */
const KEEP_SENT_MS = 30 * 24 * 3_600_000

export const MAIL_OFF =
  'mail is not set up: set ROLEBOARD_SMTP_URL and ROLEBOARD_MAIL_FROM for the server and restart it'

/** Sends every mail that is due and not held by another sender; says which went out and which failed, and why. */
export async function sendDueMail(
  db: Kysely<Database>,
  options: SendDueOptions,
): Promise<{ sent: number[]; failed: Array<{ id: number; error: string }> }> {
  const at = options.now.toISOString()
  const due = await db
    .selectFrom('mail_outbox')
    .select(['id'])
    .where('sent_at', 'is', null)
    .where('given_up_at', 'is', null)
    .where('next_attempt_at', '<=', at)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', at)]))
    .orderBy('id')
    .execute()
  const sent: number[] = []
  const failed: Array<{ id: number; error: string }> = []
  for (const { id } of due) {
    const claimed = await db
      .updateTable('mail_outbox')
      .set({ claimed_until: new Date(options.now.getTime() + CLAIM_MS).toISOString() })
      .where('id', '=', id)
      .where('sent_at', 'is', null)
      .where('given_up_at', 'is', null)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', at)]))
      .executeTakeFirst()
    if (Number(claimed.numUpdatedRows) !== 1) continue
    const error = await sendOne(db, id, options)
    if (error === null) {
      sent.push(id)
      await db
        .updateTable('mail_outbox')
        .set((eb) => ({ sent_at: at, attachment: null, claimed_until: null, attempts: eb('attempts', '+', 1) }))
        .where('id', '=', id)
        .execute()
      continue
    }
    const row = await db
      .selectFrom('mail_outbox')
      .select(['attempts', 'created_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    const givingUp = options.now.getTime() - Date.parse(row.created_at) >= options.backoff.giveUpMs
    const wait = backoffDelay(row.attempts + 1, options.backoff)
    failed.push({ id, error })
    await db
      .updateTable('mail_outbox')
      .set({
        attempts: row.attempts + 1,
        last_error: givingUp ? `gave up after a day: ${error}` : error,
        last_error_at: at,
        next_attempt_at: new Date(options.now.getTime() + wait).toISOString(),
        given_up_at: givingUp ? at : null,
        claimed_until: null,
      })
      .where('id', '=', id)
      .execute()
  }
  await db
    .deleteFrom('mail_outbox')
    .where('sent_at', '<', new Date(options.now.getTime() - KEEP_SENT_MS).toISOString())
    .execute()
  return { sent, failed }
}

/** Renders the attachment if it is not there yet (kept, so a retry sends the same file), then sends; null: sent. */
async function sendOne(db: Kysely<Database>, id: number, options: SendDueOptions): Promise<string | null> {
  if (!options.mailer) return MAIL_OFF
  const row = await db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  let attachment: Mail['attachment'] =
    row.attachment && row.attachment_name
      ? { filename: row.attachment_name, content: Buffer.from(row.attachment) }
      : null
  if (!attachment && row.report) {
    let rendered: Awaited<ReturnType<RenderReport>>
    try {
      rendered = await options.render(JSON.parse(row.report) as ReportRef)
    } catch (error) {
      return `the report could not be rendered: ${(error as Error).message}`
    }
    attachment = rendered
    await db
      .updateTable('mail_outbox')
      .set({ attachment: rendered.content, attachment_name: rendered.filename })
      .where('id', '=', id)
      .execute()
  }
  const mail: Mail = {
    from: options.mailer.from,
    to: JSON.parse(row.recipients) as string[],
    subject: row.subject,
    text: row.body,
    attachment,
  }
  const outcome = await options.mailer.send(mail)
  return outcome.ok ? null : outcome.error
}

export type MailState = 'queued' | 'retrying' | 'sent' | 'given-up'

/** The newest mails, failing ones first, as the builder lists them. */
export async function listOutbox(db: Kysely<Database>, limit = 50) {
  const rows = await db
    .selectFrom('mail_outbox')
    .select([
      'id',
      'origin',
      'recipients',
      'subject',
      'created_at',
      'attempts',
      'last_error',
      'last_error_at',
      'next_attempt_at',
      'sent_at',
      'given_up_at',
    ])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((row) => ({
    id: row.id,
    origin: row.origin,
    recipients: JSON.parse(row.recipients) as string[],
    subject: row.subject,
    createdAt: row.created_at,
    state: (row.sent_at
      ? 'sent'
      : row.given_up_at
        ? 'given-up'
        : row.attempts > 0
          ? 'retrying'
          : 'queued') satisfies MailState as MailState,
    attempts: row.attempts,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    nextAttemptAt: row.sent_at || row.given_up_at ? null : row.next_attempt_at,
    sentAt: row.sent_at,
  }))
}
