import type { Kysely } from 'kysely'

// Secondary indexes set aside while a first full sync bulk-loads an empty table; they are built
// again when the pass ends, or when the database is next opened after a crash.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('deferred_index')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('table_name', 'text', (col) => col.notNull())
    .addColumn('definition', 'text', (col) => col.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('deferred_index').execute()
}
