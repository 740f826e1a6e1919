import { type Static, Type } from 'typebox'
import { LangSchema, Nullable, OneOf } from './common.js'

// Reports (server/services/reports/): the weekly review as a page or PDF, its mail schedules, "send now", and the
// mail outbox the builder shows. SMTP settings never appear here: the mail server is named by its host only.

/** `2026-W47`: an ISO week. */
export const WeekSchema = Type.String({ pattern: '^\\d{4}-W\\d{2}$' })
const AddressSchema = Type.String({ pattern: '^[^\\s@<>,;]+@[^\\s@<>,;]+\\.[^\\s@<>,;]+$', maxLength: 254 })
const RecipientsSchema = Type.Array(AddressSchema, { minItems: 1, maxItems: 20 })

/** `owner.html` or `owner.pdf`: the role and the document's form. */
export const WeeklyFileParamsSchema = Type.Object(
  { file: Type.String({ pattern: '^[a-z][a-z0-9-]{1,39}\\.(html|pdf)$' }) },
  { additionalProperties: false },
)

export const WeeklyQuerySchema = Type.Object(
  { week: Type.Optional(WeekSchema), lang: Type.Optional(LangSchema) },
  { additionalProperties: false },
)

export const ScheduleInputSchema = Type.Object(
  {
    /** ISO weekday: 1 = Monday … 7 = Sunday. */
    weekday: Type.Integer({ minimum: 1, maximum: 7 }),
    /** Local time, `07:30`. */
    time: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }),
    recipients: RecipientsSchema,
    lang: LangSchema,
  },
  { additionalProperties: false },
)
export type ScheduleInput = Static<typeof ScheduleInputSchema>

export const ScheduleViewSchema = Type.Object({
  id: Type.Integer(),
  role: Type.String(),
  weekday: Type.Integer(),
  time: Type.String(),
  recipients: Type.Array(Type.String()),
  lang: LangSchema,
  createdAt: Type.String(),
  /** The last slot sent (queued), an instant; null: none yet. */
  lastSlot: Nullable(Type.String()),
})
export type ScheduleView = Static<typeof ScheduleViewSchema>

export const MAIL_STATES = ['queued', 'retrying', 'sent', 'given-up'] as const

export const MailViewSchema = Type.Object({
  id: Type.Integer(),
  /** What queued it: `schedule:<role>`, `send-now:<role>`. */
  origin: Type.String(),
  recipients: Type.Array(Type.String()),
  subject: Type.String(),
  createdAt: Type.String(),
  state: OneOf(MAIL_STATES),
  attempts: Type.Integer(),
  /** One line naming the mail server by its host; never a password. */
  lastError: Nullable(Type.String()),
  lastErrorAt: Nullable(Type.String()),
  nextAttemptAt: Nullable(Type.String()),
  sentAt: Nullable(Type.String()),
})
export type MailView = Static<typeof MailViewSchema>

export const ReportsStateSchema = Type.Object({
  /** Whether ROLEBOARD_SMTP_URL and ROLEBOARD_MAIL_FROM are set; the server's host and the sender, never the URL. */
  mail: Type.Object({ configured: Type.Boolean(), host: Nullable(Type.String()), from: Nullable(Type.String()) }),
  schedules: Type.Array(ScheduleViewSchema),
  outbox: Type.Array(MailViewSchema),
})
export type ReportsState = Static<typeof ReportsStateSchema>

/** "Send now": the role's last full week (or `week`), to these recipients (or the schedule's). */
export const SendNowSchema = Type.Object(
  {
    recipients: Type.Optional(RecipientsSchema),
    lang: Type.Optional(LangSchema),
    week: Type.Optional(WeekSchema),
  },
  { additionalProperties: false },
)
export type SendNow = Static<typeof SendNowSchema>

/** What "send now" did: the mail as the outbox holds it after the first attempt. */
export const SendNowResultSchema = MailViewSchema
