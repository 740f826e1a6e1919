import { describe, expect, test } from 'vitest'
import type { DbHandle } from '../db/index.js'
import type { SimEntity, SimWorld } from '../connectors/autotask/simulator/store.js'
import { fastConnector, openTempDb, startSim } from './helpers/sync-env.js'

// What a user needs from a sync: the local tables hold exactly what the PSA holds, a repeat costs
// next to nothing, and faults or crashes never leave a half-written or duplicated page behind.

type Kind = 'same' | 'instant' | 'date' | 'flag'
const CHECKED: Array<{ entity: SimEntity; table: string; fields: Array<[column: string, field: string, kind: Kind]> }> = [
  { entity: 'Companies', table: 'company', fields: [['name', 'companyName', 'same'], ['owner_resource_id', 'ownerResourceID', 'same'], ['last_activity_at', 'lastActivityDate', 'instant']] },
  { entity: 'Contacts', table: 'contact', fields: [['company_id', 'companyID', 'same'], ['phone', 'phone', 'same'], ['last_name', 'lastName', 'same']] },
  { entity: 'Resources', table: 'resource', fields: [['email', 'email', 'same'], ['is_active', 'isActive', 'flag']] },
  { entity: 'Contracts', table: 'contract', fields: [['company_id', 'companyID', 'same'], ['end_date', 'endDate', 'date'], ['contract_type', 'contractType', 'same']] },
  {
    entity: 'Tickets',
    table: 'ticket',
    fields: [
      ['number', 'ticketNumber', 'same'],
      ['status', 'status', 'same'],
      ['assigned_resource_id', 'assignedResourceID', 'same'],
      ['created_at', 'createDate', 'instant'],
      ['completed_at', 'completedDate', 'instant'],
      ['first_response_due_at', 'firstResponseDueDateTime', 'instant'],
      ['last_activity_at', 'lastActivityDate', 'instant'],
      ['sla_met', 'serviceLevelAgreementHasBeenMet', 'flag'],
    ],
  },
  { entity: 'TicketNotes', table: 'ticket_note', fields: [['ticket_id', 'ticketID', 'same'], ['created_at', 'createDateTime', 'instant']] },
  {
    entity: 'TimeEntries',
    table: 'time_entry',
    fields: [
      ['resource_id', 'resourceID', 'same'],
      ['ticket_id', 'ticketID', 'same'],
      ['date_worked', 'dateWorked', 'date'],
      ['hours_worked', 'hoursWorked', 'same'],
      ['non_billable', 'isNonBillable', 'flag'],
      ['created_at', 'createDateTime', 'instant'],
    ],
  },
  { entity: 'SurveyResults', table: 'survey_result', fields: [['ticket_id', 'ticketID', 'same'], ['rating', 'surveyRating', 'same'], ['completed_at', 'completeDate', 'instant']] },
  { entity: 'ServiceLevelAgreementResults', table: 'sla_result', fields: [['ticket_id', 'ticketID', 'same'], ['resolution_met', 'isResolutionMet', 'flag']] },
]

function expected(value: unknown, kind: Kind): unknown {
  if (value === null || value === undefined) return null
  if (kind === 'instant') return new Date(Date.parse(String(value))).toISOString()
  if (kind === 'date') return String(value).slice(0, 10)
  if (kind === 'flag') return value === true || value === 1 ? 1 : 0
  return value
}

/** Every checked entity: same ids, and the checked fields equal record by record. */
async function expectDbEqualsWorld(handle: DbHandle, world: SimWorld): Promise<void> {
  for (const { entity, table, fields } of CHECKED) {
    const records = world.records(entity)
    const rows = await handle.db.selectFrom(table as 'ticket').selectAll().orderBy('id').execute()
    expect(rows.map((row) => row.id), `${entity} ids`).toEqual(records.map((record) => record.id))
    const byId = new Map(rows.map((row) => [row.id, row as unknown as Record<string, unknown>]))
    for (const record of records) {
      const row = byId.get(record.id)!
      for (const [column, field, kind] of fields) {
        expect(row[column], `${entity} ${record.id} ${field}`).toEqual(expected(record[field], kind))
      }
    }
  }
}

function queriesPerEntity(log: ReadonlyArray<{ operation: string | null; entity: string | null }>): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const entry of log) {
    if (entry.operation === 'query' || entry.operation === 'next') counts[entry.entity!] = (counts[entry.entity!] ?? 0) + 1
  }
  return counts
}

describe('full and incremental sync', () => {
  test('a full sync fills every table with exactly the simulator data', async () => {
    const sim = await startSim()
    const handle = await openTempDb()
    const summary = await fastConnector(handle, sim.credentials).sync()
    expect(summary.error).toBeUndefined()
    expect(summary.ok).toBe(true)
    await expectDbEqualsWorld(handle, sim.world)
    const picklist = await handle.db.selectFrom('picklist_value').selectAll().where('entity', '=', 'Tickets').where('field', '=', 'status').where('value', '=', '5').executeTakeFirst()
    expect(picklist?.label).toBe('Complete')
  })

  test('a second sync straight after changes nothing and asks one query per entity', async () => {
    const sim = await startSim()
    const handle = await openTempDb()
    const connector = fastConnector(handle, sim.credentials)
    await connector.sync()
    const before = await handle.db.selectFrom('ticket').select(['id', 'synced_at']).orderBy('id').execute()
    sim.sim.resetCounters()
    const summary = await connector.sync()
    expect(summary.ok).toBe(true)
    expect(summary.results.every((result) => result.changed === 0 && result.deleted === 0)).toBe(true)
    const perEntity = queriesPerEntity(sim.sim.requestLog())
    for (const [entity, count] of Object.entries(perEntity)) expect(count, entity).toBeLessThanOrEqual(1)
    const other = sim.sim.requestLog().filter((entry) => entry.operation !== 'query' && entry.operation !== 'threshold' && entry.operation !== 'zone')
    expect(other).toEqual([])
    expect(await handle.db.selectFrom('ticket').select(['id', 'synced_at']).orderBy('id').execute()).toEqual(before)
  })

  test('entities with their own pace are skipped until it comes round', async () => {
    const sim = await startSim()
    const handle = await openTempDb()
    const connector = fastConnector(handle, sim.credentials)
    await connector.sync()
    sim.sim.resetCounters()
    const summary = await connector.sync({ entityIntervals: { Resources: 900, Contracts: 900 } })
    expect(summary.ok).toBe(true)
    const asked = queriesPerEntity(sim.sim.requestLog())
    expect(asked.Resources).toBeUndefined()
    expect(asked.Contracts).toBeUndefined()
    expect(asked.Tickets).toBe(1)
    expect(summary.results.map((r) => r.entity)).not.toContain('Resources')
  })

  test('after the PSA moves on, an incremental sync picks up exactly the new, changed and deleted records', async () => {
    const sim = await startSim()
    const handle = await openTempDb()
    const connector = fastConnector(handle, sim.credentials)
    await connector.sync()
    let summary = sim.world.advance(2 * 86_400_000)
    for (let day = 0; day < 6 && !(summary.deleted.Tickets?.length); day++) {
      // Deletions are rare; walk on until the simulator has deleted a ticket.
      const more = sim.world.advance(86_400_000)
      summary = { ...more, created: merge(summary.created, more.created), updated: merge(summary.updated, more.updated), deleted: merge(summary.deleted, more.deleted) }
    }
    expect(summary.created.Tickets?.length ?? 0).toBeGreaterThan(0)
    expect(summary.deleted.Tickets?.length ?? 0).toBeGreaterThan(0)
    sim.sim.resetCounters()
    const result = await connector.sync({ reconcileEveryMs: 0 })
    expect(result.error).toBeUndefined()
    await expectDbEqualsWorld(handle, sim.world)
    const deleted = await handle.db.selectFrom('deleted_record').select('record_id').where('entity', '=', 'Tickets').execute()
    expect(deleted.map((row) => row.record_id)).toEqual(expect.arrayContaining(summary.deleted.Tickets!))
    // Each watermark entity asks one page per 500 changed records; nothing is read twice over.
    const tickets = result.results.find((r) => r.entity === 'Tickets')!
    expect(tickets.requests).toBe(Math.floor(tickets.records / 500) + 1)
    const changedTickets = new Set([...(summary.created.Tickets ?? []), ...(summary.updated.Tickets ?? [])])
    expect(tickets.changed).toBe([...changedTickets].filter((id) => sim.world.get('Tickets', id)).length)
  })
})

function merge<T extends Partial<Record<string, number[]>>>(a: T, b: T): T {
  const out: Record<string, number[]> = { ...(a as Record<string, number[]>) }
  for (const [key, ids] of Object.entries(b)) out[key] = [...new Set([...(out[key] ?? []), ...(ids ?? [])])]
  return out as T
}
