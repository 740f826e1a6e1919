import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('time_entry')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('psa', 'text', (col) => col.notNull())
    .addColumn('resource_id', 'integer', (col) => col.notNull())
    .addColumn('ticket_id', 'integer')
    .addColumn('task_id', 'integer')
    .addColumn('contract_id', 'integer')
    // A calendar date (YYYY-MM-DD), not an instant: Autotask never shifts it between time zones.
    .addColumn('date_worked', 'text', (col) => col.notNull())
    .addColumn('start_at', 'text')
    .addColumn('end_at', 'text')
    .addColumn('hours_worked', 'real', (col) => col.notNull())
    .addColumn('hours_to_bill', 'real')
    .addColumn('offset_hours', 'real')
    .addColumn('non_billable', 'integer', (col) => col.notNull())
    .addColumn('show_on_invoice', 'integer')
    .addColumn('billing_code_id', 'integer')
    .addColumn('role_id', 'integer')
    .addColumn('entry_type', 'integer')
    .addColumn('summary', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('approval_level', 'integer')
    .addColumn('approved_by_resource_id', 'integer')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('last_modified_at', 'text')
    .addColumn('synced_at', 'text', (col) => col.notNull())
    .execute()
  for (const columns of [
    ['resource_id', 'date_worked'],
    ['ticket_id'],
    ['date_worked'],
    ['created_at'],
    ['contract_id'],
  ]) {
    await db.schema
      .createIndex(`time_entry_${columns.join('_')}_idx`)
      .on('time_entry')
      .columns(columns)
      .execute()
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('time_entry').execute()
}
