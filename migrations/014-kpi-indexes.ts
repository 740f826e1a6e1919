import type { Kysely } from 'kysely'

// Access paths of KPIs that filter on these columns over years of history (see BENCHMARKS.md).
const INDEXES: Array<[table: string, columns: string[]]> = [
  ['time_entry', ['end_at']],
  ['ticket', ['resolved_at']],
  ['ticket', ['resolved_due_at']],
  ['ticket_note', ['created_at']],
]

export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, columns] of INDEXES) {
    await db.schema.createIndex(`${table}_${columns.join('_')}_idx`).on(table).columns(columns).execute()
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [table, columns] of INDEXES) await db.schema.dropIndex(`${table}_${columns.join('_')}_idx`).execute()
}
