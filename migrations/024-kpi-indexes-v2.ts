import { type Kysely, sql } from 'kysely'

// KPI library 2.0 access paths (measured on `large`):
// - unbilled time reads every unapproved billable entry of the history with its contract, ticket,
//   engineer and hours: covering them keeps a cold read off the 1.5M-row table;
// - first-touch resolution reads each completed ticket's entries with their work date.
const UNBILLED = {
  old: 'time_entry_unbilled_idx',
  name: 'time_entry_unbilled_covering_idx',
  columns: ['date_worked', 'contract_id', 'ticket_id', 'resource_id', 'hours_to_bill'],
}
const UNBILLED_WHERE = 'non_billable = 0 and approved_at is null'
const BY_TICKET = {
  old: 'time_entry_ticket_id_covering_idx',
  name: 'time_entry_ticket_work_idx',
  columns: ['ticket_id', 'resource_id', 'hours_worked', 'date_worked'],
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex(UNBILLED.name)
    .ifNotExists()
    .on('time_entry')
    .columns(UNBILLED.columns)
    .where(sql.raw<boolean>(UNBILLED_WHERE))
    .execute()
  await db.schema.dropIndex(UNBILLED.old).ifExists().execute()
  await db.schema.createIndex(BY_TICKET.name).ifNotExists().on('time_entry').columns(BY_TICKET.columns).execute()
  await db.schema.dropIndex(BY_TICKET.old).ifExists().execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex(BY_TICKET.old)
    .ifNotExists()
    .on('time_entry')
    .columns(['ticket_id', 'resource_id', 'hours_worked'])
    .execute()
  await db.schema.dropIndex(BY_TICKET.name).ifExists().execute()
  await db.schema
    .createIndex(UNBILLED.old)
    .ifNotExists()
    .on('time_entry')
    .columns(['date_worked'])
    .where(sql.raw<boolean>(UNBILLED_WHERE))
    .execute()
  await db.schema.dropIndex(UNBILLED.name).ifExists().execute()
}
