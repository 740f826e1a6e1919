import type { Kysely } from 'kysely'

// The Autotask webhooks `roleboard webhooks register` made, one per entity (Tickets, TicketNotes, Companies,
// Contacts). The secret key is sealed (server/services/secret-box.ts, context `autotask-webhook:<entity>`).
// is_active: 1 while Autotask delivers callouts; a verified deactivation sets it to 0 with its time and note,
// which the builder shows the owner. The sync polls an entity slower only while its webhook is active.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('autotask_webhook')
    .addColumn('entity', 'text', (col) => col.primaryKey())
    .addColumn('webhook_id', 'integer', (col) => col.notNull())
    .addColumn('guid', 'text')
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('url', 'text', (col) => col.notNull())
    .addColumn('deactivation_url', 'text', (col) => col.notNull())
    .addColumn('secret_sealed', 'text', (col) => col.notNull())
    .addColumn('is_active', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('registered_at', 'text', (col) => col.notNull())
    .addColumn('deactivated_at', 'text')
    .addColumn('deactivation_note', 'text')
    .addColumn('last_callout_at', 'text')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('autotask_webhook').execute()
}
