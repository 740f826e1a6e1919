import type { Kysely } from 'kysely'

// The zone's web UI host (`https://ww3.autotask.net/`), from the zone lookup, so pages can link a
// record to where it is changed in the PSA. Null: not known (links are left out).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('psa_source').addColumn('web_url', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('psa_source').dropColumn('web_url').execute()
}
