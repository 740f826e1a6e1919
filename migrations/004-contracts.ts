import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('contract')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('psa', 'text', (col) => col.notNull())
    .addColumn('company_id', 'integer')
    .addColumn('contact_id', 'integer')
    .addColumn('name', 'text')
    .addColumn('number', 'text')
    .addColumn('contract_type', 'integer')
    .addColumn('contract_category', 'integer')
    .addColumn('status', 'integer')
    .addColumn('start_date', 'text')
    .addColumn('end_date', 'text')
    .addColumn('estimated_revenue', 'real')
    .addColumn('estimated_hours', 'real')
    .addColumn('estimated_cost', 'real')
    .addColumn('setup_fee', 'real')
    .addColumn('sla_id', 'integer')
    .addColumn('is_default', 'integer', (col) => col.notNull())
    .addColumn('udf', 'text')
    .addColumn('synced_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('contract_company_id_idx').on('contract').column('company_id').execute()
  await db.schema.createIndex('contract_end_date_idx').on('contract').column('end_date').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('contract').execute()
}
