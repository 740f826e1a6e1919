import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ticket')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('psa', 'text', (col) => col.notNull())
    .addColumn('number', 'text', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('status', 'integer', (col) => col.notNull())
    .addColumn('priority', 'integer')
    .addColumn('queue_id', 'integer')
    .addColumn('issue_type', 'integer')
    .addColumn('sub_issue_type', 'integer')
    .addColumn('source', 'integer')
    .addColumn('ticket_type', 'integer')
    .addColumn('ticket_category', 'integer')
    .addColumn('company_id', 'integer')
    .addColumn('contact_id', 'integer')
    .addColumn('contract_id', 'integer')
    .addColumn('assigned_resource_id', 'integer')
    .addColumn('assigned_role_id', 'integer')
    .addColumn('creator_resource_id', 'integer')
    .addColumn('completed_by_resource_id', 'integer')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('due_at', 'text')
    .addColumn('first_response_at', 'text')
    .addColumn('first_response_due_at', 'text')
    .addColumn('resolution_plan_at', 'text')
    .addColumn('resolution_plan_due_at', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_due_at', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('last_activity_at', 'text')
    .addColumn('last_customer_visible_at', 'text')
    .addColumn('last_modified_at', 'text')
    .addColumn('estimated_hours', 'real')
    .addColumn('sla_id', 'integer')
    .addColumn('sla_met', 'integer')
    .addColumn('udf', 'text')
    .addColumn('synced_at', 'text', (col) => col.notNull())
    .execute()
  for (const columns of [
    ['status'],
    ['created_at'],
    ['completed_at'],
    ['last_activity_at'],
    ['assigned_resource_id', 'status'],
    ['company_id', 'created_at'],
  ]) {
    await db.schema
      .createIndex(`ticket_${columns.join('_')}_idx`)
      .on('ticket')
      .columns(columns)
      .execute()
  }

  await db.schema
    .createTable('ticket_note')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('psa', 'text', (col) => col.notNull())
    .addColumn('ticket_id', 'integer', (col) => col.notNull())
    .addColumn('title', 'text')
    .addColumn('description', 'text')
    .addColumn('note_type', 'integer')
    .addColumn('publish', 'integer')
    .addColumn('creator_resource_id', 'integer')
    .addColumn('creator_contact_id', 'integer')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('last_activity_at', 'text')
    .addColumn('synced_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('ticket_note_ticket_id_created_at_idx')
    .on('ticket_note')
    .columns(['ticket_id', 'created_at'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ticket_note').execute()
  await db.schema.dropTable('ticket').execute()
}
