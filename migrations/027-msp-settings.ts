import type { Kysely } from 'kysely'

// Issue 12: the MSP's settings, once for every KPI (kpi-library/settings.ts says what they hold), as one
// JSON row whose version the KPI engine reads with each data generation, so a change shows at the next
// poll; and a title per tile that the owner typed (null: the KPI's own, in the screen's language).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('msp_settings')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('settings', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema.alterTable('dashboard_tile').addColumn('title', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('dashboard_tile').dropColumn('title').execute()
  await db.schema.dropTable('msp_settings').execute()
}
