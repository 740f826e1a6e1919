import type { Kysely } from 'kysely'

// One row per connected PSA. Every raw table carries a `psa` column naming its source, so a second
// PSA (ConnectWise, a CSAT tool) can sit beside Autotask in the same file.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('psa_source')
    .addColumn('psa', 'text', (col) => col.primaryKey())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('zone_url', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('psa_source').execute()
}
