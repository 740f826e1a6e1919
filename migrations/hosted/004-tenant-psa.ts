import type { Kysely } from 'kysely'

// Each tenant syncs from its own PSA: 'autotask' or 'connectwise'. A tenant on real credentials has source equal
// to it; a demo tenant (source 'simulator') gets the simulator that speaks it. Every tenant before this was Autotask.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('tenant')
    .addColumn('psa', 'text', (col) => col.notNull().defaultTo('autotask'))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tenant').dropColumn('psa').execute()
}
