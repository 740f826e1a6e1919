import type { Kysely } from 'kysely'

// The fields each PSA entity really has (from its field metadata), so queries ask only for those.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('entity_field')
    .addColumn('psa', 'text', (col) => col.notNull())
    .addColumn('entity', 'text', (col) => col.notNull())
    .addColumn('field', 'text', (col) => col.notNull())
    .addColumn('data_type', 'text')
    .addColumn('is_picklist', 'integer', (col) => col.notNull())
    .addColumn('synced_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('entity_field_pk', ['psa', 'entity', 'field'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('entity_field').execute()
}
