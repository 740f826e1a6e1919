import type { Kysely } from 'kysely'

// The Autotask callouts roleboard accepted (signature verified), one row per delivery key, so a delivery Autotask
// sends again (a retry after a slow answer, a replay) is recognised and changes nothing twice. The key is the
// webhook's GUID with the action and sequence number when the callout carries them, else entity, id, action and
// event time (connectors/autotask/callout.ts). Rows older than a week are pruned: Autotask retries for 2 minutes.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('webhook_callout')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('delivery_key', 'text', (col) => col.notNull().unique())
    .addColumn('entity', 'text', (col) => col.notNull())
    .addColumn('record_id', 'integer')
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('received_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('webhook_callout_received').on('webhook_callout').column('received_at').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('webhook_callout').execute()
}
