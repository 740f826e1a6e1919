import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('survey')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('psa', 'text', (col) => col.notNull())
    .addColumn('name', 'text')
    .addColumn('display_name', 'text')
    .addColumn('synced_at', 'text', (col) => col.notNull())
    .execute()

  await db.schema
    .createTable('survey_result')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('psa', 'text', (col) => col.notNull())
    .addColumn('survey_id', 'integer')
    .addColumn('ticket_id', 'integer')
    .addColumn('company_id', 'integer')
    .addColumn('contact_id', 'integer')
    // The overall rating; the scale (1-5 by default) depends on the survey's configuration.
    .addColumn('rating', 'real')
    .addColumn('company_rating', 'real')
    .addColumn('contact_rating', 'real')
    .addColumn('resource_rating', 'real')
    .addColumn('sent_at', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('synced_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('survey_result_completed_at_idx').on('survey_result').column('completed_at').execute()
  await db.schema.createIndex('survey_result_ticket_id_idx').on('survey_result').column('ticket_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('survey_result').execute()
  await db.schema.dropTable('survey').execute()
}
