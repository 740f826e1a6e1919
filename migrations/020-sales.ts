import type { Kysely } from 'kysely'

// The sales pipeline: Autotask Opportunities and the Quotes sent for them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('opportunity')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('psa', 'text', (col) => col.notNull())
    .addColumn('company_id', 'integer', (col) => col.notNull())
    .addColumn('contact_id', 'integer')
    .addColumn('owner_resource_id', 'integer')
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('status', 'integer', (col) => col.notNull())
    .addColumn('stage', 'integer')
    .addColumn('category_id', 'integer')
    .addColumn('amount', 'real')
    .addColumn('probability', 'real')
    .addColumn('monthly_revenue', 'real')
    .addColumn('onetime_revenue', 'real')
    // A calendar date (YYYY-MM-DD); the stamps below are UTC instants.
    .addColumn('projected_close_date', 'text')
    .addColumn('created_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('lost_at', 'text')
    .addColumn('loss_reason', 'integer')
    .addColumn('win_reason', 'integer')
    .addColumn('last_activity_at', 'text')
    .addColumn('synced_at', 'text', (col) => col.notNull())
    .execute()
  // The pipeline reads open opportunities by status; the win rate reads the ones won or lost in a window.
  await db.schema
    .createIndex('opportunity_status_idx')
    .on('opportunity')
    .columns(['status', 'amount', 'probability'])
    .execute()
  await db.schema.createIndex('opportunity_closed_at_idx').on('opportunity').column('closed_at').execute()
  await db.schema.createIndex('opportunity_lost_at_idx').on('opportunity').column('lost_at').execute()

  await db.schema
    .createTable('quote')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('psa', 'text', (col) => col.notNull())
    .addColumn('opportunity_id', 'integer')
    .addColumn('company_id', 'integer')
    .addColumn('contact_id', 'integer')
    .addColumn('creator_resource_id', 'integer')
    .addColumn('name', 'text')
    .addColumn('number', 'text')
    .addColumn('is_active', 'integer', (col) => col.notNull())
    .addColumn('is_primary', 'integer', (col) => col.notNull())
    .addColumn('effective_date', 'text')
    .addColumn('expiration_date', 'text')
    .addColumn('created_at', 'text')
    .addColumn('last_activity_at', 'text')
    .addColumn('synced_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('quote_expiration_date_idx')
    .on('quote')
    .columns(['expiration_date', 'opportunity_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('quote').execute()
  await db.schema.dropTable('opportunity').execute()
}
