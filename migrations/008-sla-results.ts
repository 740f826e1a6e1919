import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sla_result')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('psa', 'text', (col) => col.notNull())
    .addColumn('ticket_id', 'integer', (col) => col.notNull())
    .addColumn('sla_name', 'text')
    .addColumn('first_response_met', 'integer')
    .addColumn('resolution_plan_met', 'integer')
    .addColumn('resolution_met', 'integer')
    .addColumn('first_response_hours', 'real')
    .addColumn('resolution_plan_hours', 'real')
    .addColumn('resolution_hours', 'real')
    .addColumn('first_response_resource_id', 'integer')
    .addColumn('resolution_resource_id', 'integer')
    .addColumn('synced_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('sla_result_ticket_id_idx').on('sla_result').column('ticket_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sla_result').execute()
}
