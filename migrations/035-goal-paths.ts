import type { Kysely } from 'kysely'

// Goals over time (issue 15): a company goal may run over a period ('2026-Q2' or '2026') from a start value on its
// first day to its target on its last. Both null: a fixed target, as before.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('company_goal').addColumn('path_period', 'text').execute()
  await db.schema.alterTable('company_goal').addColumn('path_start', 'real').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('company_goal').dropColumn('path_start').execute()
  await db.schema.alterTable('company_goal').dropColumn('path_period').execute()
}
