import type { Kysely } from 'kysely'

// The language a screen's link was made for ('en' or 'nl'): the screen speaks it when its URL does not say.
// Null: made before links carried one (English, as before).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('access_token').addColumn('lang', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('access_token').dropColumn('lang').execute()
}
