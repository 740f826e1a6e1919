import { type Kysely, sql } from 'kysely'

// Invoices as Autotask issued them: what clients owe and how fast they pay.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('invoice')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('psa', 'text', (col) => col.notNull())
    .addColumn('company_id', 'integer')
    .addColumn('number', 'text')
    // Calendar dates (YYYY-MM-DD).
    .addColumn('invoice_date', 'text', (col) => col.notNull())
    .addColumn('due_date', 'text')
    .addColumn('paid_date', 'text')
    .addColumn('total', 'real')
    .addColumn('tax', 'real')
    .addColumn('payment_term', 'integer')
    .addColumn('is_voided', 'integer', (col) => col.notNull())
    .addColumn('voided_at', 'text')
    .addColumn('created_at', 'text')
    .addColumn('synced_at', 'text', (col) => col.notNull())
    .execute()
  // Revenue invoiced in a window (DSO's denominator) reads this index alone.
  await db.schema
    .createIndex('invoice_date_covering_idx')
    .on('invoice')
    .columns(['invoice_date', 'is_voided', 'total'])
    .execute()
  // What is still owed: a few dozen unpaid invoices among years of paid ones. The sync's re-read of
  // unpaid invoices uses it too (the same terms).
  await db.schema
    .createIndex('invoice_unpaid_idx')
    .on('invoice')
    .columns(['due_date', 'company_id'])
    .where(sql.raw<boolean>('paid_date is null and is_voided = 0'))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('invoice').execute()
}
