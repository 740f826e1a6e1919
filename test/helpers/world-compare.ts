import { expect } from 'vitest'
import type { DbHandle } from '../../db/index.js'
import type { SimEntity, SimWorld } from '../../connectors/autotask/simulator/store.js'

// Compares what a sync wrote with what the simulator holds, entity by entity.

export type Kind = 'same' | 'instant' | 'date' | 'flag'

export interface Checked {
  entity: SimEntity
  table: string
  fields: Array<[column: string, field: string, kind: Kind]>
}

/** The column value a field of an API record should arrive as. */
export function expected(value: unknown, kind: Kind): unknown {
  if (value === null || value === undefined) return null
  if (kind === 'instant') return new Date(Date.parse(String(value))).toISOString()
  if (kind === 'date') return String(value).slice(0, 10)
  if (kind === 'flag') return value === true || value === 1 ? 1 : 0
  return value
}

/** Every checked entity: same ids, and the checked fields equal record by record. */
export async function expectDbEqualsWorld(
  handle: DbHandle,
  world: SimWorld,
  checked: readonly Checked[],
): Promise<void> {
  for (const { entity, table, fields } of checked) {
    const records = world.records(entity)
    const rows = await handle.db
      .selectFrom(table as 'ticket')
      .selectAll()
      .orderBy('id')
      .execute()
    expect(
      rows.map((row) => row.id),
      `${entity} ids`,
    ).toEqual(records.map((record) => record.id))
    const byId = new Map(rows.map((row) => [row.id, row as unknown as Record<string, unknown>]))
    for (const record of records) {
      const row = byId.get(record.id)!
      for (const [column, field, kind] of fields) {
        expect(row[column], `${entity} ${record.id} ${field}`).toEqual(expected(record[field], kind))
      }
    }
  }
}

/** Query requests per entity in a simulator request log (first pages and follow-ups). */
export function queriesPerEntity(
  log: ReadonlyArray<{ operation: string | null; entity: string | null }>,
): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const entry of log) {
    if (entry.operation === 'query' || entry.operation === 'next')
      counts[entry.entity!] = (counts[entry.entity!] ?? 0) + 1
  }
  return counts
}
