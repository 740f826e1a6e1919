import type { Kysely } from 'kysely'

// SmileBack CSAT reviews (connectors/smileback), kept as the Data Replication API serves them: the raw
// references (`ticket_ref`, `contact_ref`, `company_ref` are the PSA ids or ticket number as SmileBack holds
// them, strings) next to the Autotask ids they resolved to at sync time (null when nothing matched). Reviews
// SmileBack reports deleted are removed, so every row here counts. rating: 1 positive, 0 neutral,
// -1 negative, null unrated.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('smileback_review')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('psa', 'text', (col) => col.notNull())
    .addColumn('rating', 'integer')
    .addColumn('comment', 'text')
    .addColumn('status', 'text')
    .addColumn('tags', 'text')
    .addColumn('has_marketing_permission', 'integer')
    .addColumn('viewed_on', 'text')
    .addColumn('rated_on', 'text')
    .addColumn('permalink', 'text')
    .addColumn('last_modified', 'text', (col) => col.notNull())
    .addColumn('ticket_ref', 'text')
    .addColumn('ticket_title', 'text')
    .addColumn('ticket_segment', 'text')
    .addColumn('ticket_agents', 'text')
    .addColumn('ticket_closed_on', 'text')
    .addColumn('contact_ref', 'text')
    .addColumn('contact_name', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('company_ref', 'text')
    .addColumn('company_name', 'text')
    .addColumn('ticket_id', 'integer')
    .addColumn('contact_id', 'integer')
    .addColumn('company_id', 'integer')
    .addColumn('synced_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('smileback_review_rated_on_idx').on('smileback_review').column('rated_on').execute()
  await db.schema.createIndex('smileback_review_ticket_id_idx').on('smileback_review').column('ticket_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('smileback_review').execute()
}
