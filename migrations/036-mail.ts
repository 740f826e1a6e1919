import type { Kysely } from 'kysely'

// Mail (server/services/mail/) and the weekly reports' schedules (server/services/reports/).
// - mail_outbox: every mail roleboard sends, queued in the transaction that decides it is to be sent, sent by the
//   mail runner with retries that back off; `report` (JSON) names a report to render into the attachment at send
//   time, so a schedule's slot and its mail are claimed and queued together. A mail still failing after a day is
//   given up and kept for the builder; a sent mail keeps its row (not its attachment) so the builder shows it went.
//   `claimed_until` keeps a second process from sending a mail another one is sending.
// - report_schedule: per role, the weekly report's weekday and local time, recipients (JSON) and language;
//   `last_slot` is the newest slot claimed (its instant): a slot is claimed by one conditional update, so it is sent
//   once across restarts and processes.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('recipients', 'text', (col) => col.notNull())
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('report', 'text')
    .addColumn('attachment_name', 'text')
    .addColumn('attachment', 'blob')
    .addColumn('origin', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('next_attempt_at', 'text', (col) => col.notNull())
    .addColumn('claimed_until', 'text')
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('given_up_at', 'text')
    .execute()
  await db.schema.createIndex('mail_outbox_sent_at_idx').on('mail_outbox').columns(['sent_at', 'given_up_at']).execute()
  await db.schema
    .createTable('report_schedule')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('role', 'text', (col) => col.notNull().unique().references('role.id').onDelete('cascade'))
    .addColumn('weekday', 'integer', (col) => col.notNull())
    .addColumn('time', 'text', (col) => col.notNull())
    .addColumn('recipients', 'text', (col) => col.notNull())
    .addColumn('lang', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('last_slot', 'text')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_schedule').execute()
  await db.schema.dropTable('mail_outbox').execute()
}
