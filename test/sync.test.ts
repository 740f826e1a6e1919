import { describe, expect, test } from 'vitest'
import type { DbHandle } from '../db/index.js'
import type { SimWorld } from '../connectors/autotask/simulator/store.js'
import { fastConnector, openTempDb, startSim } from './helpers/sync-env.js'
import { type Checked, expectDbEqualsWorld as expectEqual, queriesPerEntity } from './helpers/world-compare.js'

// What a user needs from a sync: the local tables hold exactly what the PSA holds, a repeat costs
// next to nothing, and faults or crashes never leave a half-written or duplicated page behind.

const CHECKED: Checked[] = [
  {
    entity: 'Companies',
    table: 'company',
    fields: [
      ['name', 'companyName', 'same'],
      ['owner_resource_id', 'ownerResourceID', 'same'],
      ['last_activity_at', 'lastActivityDate', 'instant'],
    ],
  },
  {
    entity: 'Contacts',
    table: 'contact',
    fields: [
      ['company_id', 'companyID', 'same'],
      ['phone', 'phone', 'same'],
      ['last_name', 'lastName', 'same'],
    ],
  },
  {
    entity: 'Resources',
    table: 'resource',
    fields: [
      ['email', 'email', 'same'],
      ['is_active', 'isActive', 'flag'],
    ],
  },
  {
    entity: 'Contracts',
    table: 'contract',
    fields: [
      ['company_id', 'companyID', 'same'],
      ['end_date', 'endDate', 'date'],
      ['contract_type', 'contractType', 'same'],
    ],
  },
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
  {
    entity: 'TicketNotes',
    table: 'ticket_note',
    fields: [
      ['ticket_id', 'ticketID', 'same'],
      ['created_at', 'createDateTime', 'instant'],
    ],
  },
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
  {
    entity: 'SurveyResults',
    table: 'survey_result',
    fields: [
      ['ticket_id', 'ticketID', 'same'],
      ['rating', 'surveyRating', 'same'],
      ['completed_at', 'completeDate', 'instant'],
    ],
  },
  {
    entity: 'ServiceLevelAgreementResults',
    table: 'sla_result',
    fields: [
      ['ticket_id', 'ticketID', 'same'],
      ['resolution_met', 'isResolutionMet', 'flag'],
    ],
  },
]

function expectDbEqualsWorld(handle: DbHandle, world: SimWorld): Promise<void> {
  return expectEqual(handle, world, CHECKED)
}

describe('full and incremental sync', () => {
  test('a full sync fills every table with exactly the simulator data', async () => {
    const sim = await startSim()
    const handle = await openTempDb()
    const summary = await fastConnector(handle, sim.credentials).sync()
    expect(summary.error).toBeUndefined()
    expect(summary.ok).toBe(true)
    await expectDbEqualsWorld(handle, sim.world)
    const picklist = await handle.db
      .selectFrom('picklist_value')
      .selectAll()
      .where('entity', '=', 'Tickets')
      .where('field', '=', 'status')
      .where('value', '=', '5')
      .executeTakeFirst()
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
    const other = sim.sim
      .requestLog()
      .filter((entry) => entry.operation !== 'query' && entry.operation !== 'threshold' && entry.operation !== 'zone')
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
    for (let day = 0; day < 6 && !summary.deleted.Tickets?.length; day++) {
      // Deletions are rare; walk on until the simulator has deleted a ticket.
      const more = sim.world.advance(86_400_000)
      summary = {
        ...more,
        created: merge(summary.created, more.created),
        updated: merge(summary.updated, more.updated),
        deleted: merge(summary.deleted, more.deleted),
      }
    }
    expect(summary.created.Tickets?.length ?? 0).toBeGreaterThan(0)
    expect(summary.deleted.Tickets?.length ?? 0).toBeGreaterThan(0)
    sim.sim.resetCounters()
    const result = await connector.sync({ reconcileEveryMs: 0 })
    expect(result.error).toBeUndefined()
    await expectDbEqualsWorld(handle, sim.world)
    const deleted = await handle.db
      .selectFrom('deleted_record')
      .select('record_id')
      .where('entity', '=', 'Tickets')
      .execute()
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
