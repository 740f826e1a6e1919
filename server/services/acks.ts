import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'

// Rows are matched across evaluations by a key built from the ids the row is about, so an
// acknowledgement survives re-syncs and restarts.
const KEY_FIELDS = ['surveyId', 'ticketId', 'entryId', 'timeEntryId', 'contractId', 'companyId', 'resourceId', 'date', 'dateWorked']

export function rowKeyOf(row: Record<string, unknown>): string {
  if (typeof row.rowKey === 'string') return row.rowKey
  const parts = KEY_FIELDS.filter((field) => row[field] !== undefined && row[field] !== null).map((field) => `${field}=${row[field]}`)
  return parts.length > 0 ? parts.join(';') : JSON.stringify(row)
}

export async function acknowledgedKeys(db: Kysely<Database>): Promise<Map<string, Set<string>>> {
  const rows = await db.selectFrom('acknowledgement').select(['kpi_id', 'row_key']).execute()
  const map = new Map<string, Set<string>>()
  for (const row of rows) {
    const keys = map.get(row.kpi_id) ?? new Set<string>()
    keys.add(row.row_key)
    map.set(row.kpi_id, keys)
  }
  return map
}
