import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  // One row per held lock: the sync lock keeps a second sync (another process, the server's schedule)
  // off the same database. A holder renews `heartbeat_at`; a dead pid on the same host or an old
  // heartbeat lets the next sync take over.
  await db.schema
    .createTable('sync_lock')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('token', 'text', (col) => col.notNull())
    .addColumn('pid', 'integer', (col) => col.notNull())
    .addColumn('host', 'text', (col) => col.notNull())
    .addColumn('started_at', 'text', (col) => col.notNull())
    .addColumn('heartbeat_at', 'text', (col) => col.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sync_lock').execute()
}
