import { type Kysely, sql } from 'kysely'

type Index = [table: string, columns: string[]]

// Access paths of KPIs that filter on these columns over years of history (see BENCHMARKS.md).
const INDEXES: Index[] = [
  ['time_entry', ['end_at']],
  ['ticket', ['resolved_at']],
  ['ticket', ['resolved_due_at']],
  ['ticket_note', ['created_at']],
  // A KPI row's picklist labels are subqueries on entity, field and value; the primary key starts with psa.
  ['picklist_value', ['entity', 'field', 'value', 'label']],
]

// Wider versions of indexes of 005 and 006, which they replace (same leading columns, so every query
// that used an old one can use its successor; one index per access path keeps the sync's ingest cost).
// Covering: the KPIs that sum time over a window, per ticket or per contract read no table rows.
const WIDENED: Array<{ old: Index; name: string; columns: string[] }> = [
  // With status alone the planner walks all completed tickets for "completed in the last 30 days".
  { old: ['ticket', ['status']], name: 'ticket_status_completed_at_idx', columns: ['status', 'completed_at'] },
  {
    old: ['time_entry', ['date_worked']],
    name: 'time_entry_date_worked_covering_idx',
    columns: [
      'date_worked',
      'resource_id',
      'ticket_id',
      'contract_id',
      'billing_code_id',
      'non_billable',
      'hours_worked',
      'hours_to_bill',
    ],
  },
  {
    old: ['time_entry', ['ticket_id']],
    name: 'time_entry_ticket_id_covering_idx',
    columns: ['ticket_id', 'resource_id', 'hours_worked'],
  },
  {
    old: ['time_entry', ['contract_id']],
    name: 'time_entry_contract_id_covering_idx',
    columns: ['contract_id', 'non_billable', 'date_worked', 'hours_to_bill', 'hours_worked'],
  },
]

// Partial indexes over the few rows that action lists look for among years of history. SQLite uses
// one when the query has the same term, which the library's queries spell out (sql.ts isOpen).
const PARTIAL: Array<{ name: string; table: string; columns: string[]; where: string }> = [
  // Open tickets: a few hundred among hundreds of thousands completed. resolved_at leads for the reopen proxy.
  { name: 'ticket_open_idx', table: 'ticket', columns: ['resolved_at', 'status'], where: 'status != 5' },
  // Billable time not yet approved (invoiced): a few thousand entries among millions.
  {
    name: 'time_entry_unbilled_idx',
    table: 'time_entry',
    columns: ['date_worked'],
    where: 'non_billable = 0 and approved_at is null',
  },
]

const nameOf = ([table, columns]: Index) => `${table}_${columns.join('_')}_idx`

// Idempotent, so a database that ran an earlier version of this migration can run it again.
export async function up(db: Kysely<any>): Promise<void> {
  for (const index of INDEXES)
    await db.schema.createIndex(nameOf(index)).ifNotExists().on(index[0]).columns(index[1]).execute()
  for (const { old, name, columns } of WIDENED) {
    await db.schema.createIndex(name).ifNotExists().on(old[0]).columns(columns).execute()
    await db.schema.dropIndex(nameOf(old)).ifExists().execute()
  }
  for (const { name, table, columns, where } of PARTIAL) {
    await db.schema.createIndex(name).ifNotExists().on(table).columns(columns).where(sql.raw<boolean>(where)).execute()
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const { name } of PARTIAL) await db.schema.dropIndex(name).ifExists().execute()
  for (const { old, name } of WIDENED) {
    await db.schema.createIndex(nameOf(old)).ifNotExists().on(old[0]).columns(old[1]).execute()
    await db.schema.dropIndex(name).ifExists().execute()
  }
  for (const index of INDEXES) await db.schema.dropIndex(nameOf(index)).ifExists().execute()
}
