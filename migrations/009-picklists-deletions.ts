import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('picklist_value')
    .addColumn('psa', 'text', (col) => col.notNull())
    .addColumn('entity', 'text', (col) => col.notNull())
    .addColumn('field', 'text', (col) => col.notNull())
    .addColumn('value', 'text', (col) => col.notNull())
    .addColumn('label', 'text', (col) => col.notNull())
    .addColumn('is_active', 'integer', (col) => col.notNull())
    .addColumn('is_default', 'integer', (col) => col.notNull())
    .addColumn('sort_order', 'integer')
    .addColumn('parent_value', 'text')
    .addColumn('synced_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('picklist_value_pk', ['psa', 'entity', 'field', 'value'])
    .execute()

  // Every record roleboard removed because the PSA deleted it, so KPIs and audits can tell
  // "deleted at the source" from "never synced".
  await db.schema
    .createTable('deleted_record')
    .addColumn('psa', 'text', (col) => col.notNull())
    .addColumn('entity', 'text', (col) => col.notNull())
    .addColumn('record_id', 'integer', (col) => col.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('deleted_by_resource_id', 'integer')
    .addColumn('detail', 'text')
    .addColumn('recorded_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('deleted_record_pk', ['psa', 'entity', 'record_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('deleted_record').execute()
  await db.schema.dropTable('picklist_value').execute()
}
