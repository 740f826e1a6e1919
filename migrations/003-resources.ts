import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('resource')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('psa', 'text', (col) => col.notNull())
    .addColumn('first_name', 'text')
    .addColumn('last_name', 'text')
    .addColumn('email', 'text')
    .addColumn('user_name', 'text')
    .addColumn('title', 'text')
    .addColumn('resource_type', 'text')
    .addColumn('is_active', 'integer', (col) => col.notNull())
    .addColumn('hire_date', 'text')
    .addColumn('internal_cost', 'real')
    .addColumn('location_id', 'integer')
    .addColumn('office_phone', 'text')
    .addColumn('mobile_phone', 'text')
    .addColumn('synced_at', 'text', (col) => col.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('resource').execute()
}
