import type { Kysely } from 'kysely'

// Assets (Autotask ConfigurationItems). The active ones of a client are its managed endpoints.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('configuration_item')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('psa', 'text', (col) => col.notNull())
    .addColumn('company_id', 'integer', (col) => col.notNull())
    .addColumn('contact_id', 'integer')
    .addColumn('product_id', 'integer')
    .addColumn('ci_type', 'integer')
    .addColumn('category_id', 'integer')
    .addColumn('name', 'text')
    .addColumn('serial_number', 'text')
    .addColumn('is_active', 'integer', (col) => col.notNull())
    .addColumn('install_date', 'text')
    .addColumn('warranty_expires', 'text')
    .addColumn('created_at', 'text')
    .addColumn('last_modified_at', 'text')
    .addColumn('synced_at', 'text', (col) => col.notNull())
    .execute()
  // Endpoints per client: the count of active items grouped by company reads this index alone.
  await db.schema
    .createIndex('configuration_item_active_company_idx')
    .on('configuration_item')
    .columns(['is_active', 'company_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('configuration_item').execute()
}
