import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('company')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('psa', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('number', 'text')
    .addColumn('company_type', 'integer')
    .addColumn('classification', 'integer')
    .addColumn('is_active', 'integer', (col) => col.notNull())
    .addColumn('owner_resource_id', 'integer')
    .addColumn('parent_company_id', 'integer')
    .addColumn('phone', 'text')
    .addColumn('city', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('country_id', 'integer')
    .addColumn('market_segment_id', 'integer')
    .addColumn('territory_id', 'integer')
    .addColumn('created_at', 'text')
    .addColumn('last_activity_at', 'text')
    .addColumn('last_modified_at', 'text')
    .addColumn('udf', 'text')
    .addColumn('synced_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('company_owner_resource_id_idx').on('company').column('owner_resource_id').execute()

  await db.schema
    .createTable('contact')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('psa', 'text', (col) => col.notNull())
    .addColumn('company_id', 'integer')
    .addColumn('first_name', 'text')
    .addColumn('last_name', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('mobile_phone', 'text')
    .addColumn('extension', 'text')
    .addColumn('title', 'text')
    .addColumn('is_active', 'integer', (col) => col.notNull())
    .addColumn('is_primary', 'integer', (col) => col.notNull())
    .addColumn('created_at', 'text')
    .addColumn('last_activity_at', 'text')
    .addColumn('last_modified_at', 'text')
    .addColumn('synced_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('contact_company_id_idx').on('contact').column('company_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('contact').execute()
  await db.schema.dropTable('company').execute()
}
