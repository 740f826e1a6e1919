import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import type { DbHandle } from '../db/index.js'
import type { AdvanceSummary, SimWorld } from '../connectors/autotask/simulator/store.js'
import { fastConnector, killSyncMidPass, openTempDb, startSim, tempDir } from './helpers/sync-env.js'
import { type Checked, expectDbEqualsWorld, queriesPerEntity } from './helpers/world-compare.js'

// Assets, sales, invoices and projects sync with the desk's guarantees: exactly what the PSA holds,
// a repeat costs one query per entity, changes without a stamp (an invoice paid) still arrive,
// deletions are found by the id scan, and a sync killed mid-pass resumes where it stopped.

const DAY = 86_400_000

const CHECKED: Checked[] = [
  {
    entity: 'ConfigurationItems',
    table: 'configuration_item',
    fields: [
      ['company_id', 'companyID', 'same'],
      ['is_active', 'isActive', 'flag'],
      ['name', 'referenceTitle', 'same'],
      ['ci_type', 'configurationItemType', 'same'],
      ['last_modified_at', 'lastModifiedTime', 'instant'],
    ],
  },
  {
    entity: 'Opportunities',
    table: 'opportunity',
    fields: [
      ['status', 'status', 'same'],
      ['amount', 'amount', 'same'],
      ['probability', 'probability', 'same'],
      ['owner_resource_id', 'ownerResourceID', 'same'],
      ['projected_close_date', 'projectedCloseDate', 'date'],
      ['closed_at', 'closedDate', 'instant'],
      ['lost_at', 'lostDate', 'instant'],
      ['last_activity_at', 'lastActivity', 'instant'],
    ],
  },
  {
    entity: 'Quotes',
    table: 'quote',
    fields: [
      ['opportunity_id', 'opportunityID', 'same'],
      ['expiration_date', 'expirationDate', 'date'],
      ['is_active', 'isActive', 'flag'],
      ['is_primary', 'primaryQuote', 'flag'],
    ],
  },
  {
    entity: 'Invoices',
    table: 'invoice',
    fields: [
      ['company_id', 'companyID', 'same'],
      ['invoice_date', 'invoiceDateTime', 'date'],
      ['due_date', 'dueDate', 'date'],
      ['paid_date', 'paidDate', 'date'],
      ['total', 'invoiceTotal', 'same'],
      ['is_voided', 'isVoided', 'flag'],
    ],
  },
  {
    entity: 'Projects',
    table: 'project',
    fields: [
      ['name', 'projectName', 'same'],
      ['estimated_hours', 'estimatedTime', 'same'],
      ['status', 'status', 'same'],
      ['completed_at', 'completedDateTime', 'instant'],
    ],
  },
  {
    entity: 'Tasks',
    table: 'task',
    fields: [
      ['project_id', 'projectID', 'same'],
      ['estimated_hours', 'estimatedHours', 'same'],
      ['status', 'status', 'same'],
      ['completed_at', 'completedDateTime', 'instant'],
    ],
  },
  {
    entity: 'TimeEntries',
    table: 'time_entry',
    fields: [
      ['task_id', 'taskID', 'same'],
      ['ticket_id', 'ticketID', 'same'],
      ['hours_worked', 'hoursWorked', 'same'],
    ],
  },
]
const NEW_ENTITIES = ['ConfigurationItems', 'Opportunities', 'Quotes', 'Invoices', 'Projects', 'Tasks']

async function snapshot(handle: DbHandle) {
  const tables = ['configuration_item', 'opportunity', 'quote', 'invoice', 'project', 'task', 'time_entry'] as const
  const out: Record<string, unknown[]> = {}
  for (const table of tables)
    out[table] = (await handle.db.selectFrom(table).selectAll().orderBy('id').execute()).map((row) => ({
      ...row,
      synced_at: undefined,
    }))
  return out
}

/** Moves the world on a day at a time until `enough` holds for what changed (at most `days` days). */
function advanceUntil(world: SimWorld, days: number, enough: (summary: AdvanceSummary) => boolean): AdvanceSummary {
  let summary = world.advance(DAY)
  for (let day = 1; day < days && !enough(summary); day++) {
    const more = world.advance(DAY)
    const merge = (a: AdvanceSummary['created'], b: AdvanceSummary['created']) => {
      const out: Record<string, number[]> = { ...(a as Record<string, number[]>) }
      for (const [key, ids] of Object.entries(b)) out[key] = [...new Set([...(out[key] ?? []), ...(ids ?? [])])]
      return out
    }
    summary = {
      ...more,
      from: summary.from,
      created: merge(summary.created, more.created),
      updated: merge(summary.updated, more.updated),
      deleted: merge(summary.deleted, more.deleted),
    }
  }
  return summary
}

describe('assets, sales, invoices and projects', () => {
  test('a full sync fills their tables with exactly the simulator data, task time included', async () => {
    const sim = await startSim({ seed: 7 })
    const handle = await openTempDb()
    const summary = await fastConnector(handle, sim.credentials).sync()
    expect(summary.error).toBeUndefined()
    expect(summary.ok).toBe(true)
    for (const entity of NEW_ENTITIES) expect(sim.world.records(entity as 'Tasks').length, entity).toBeGreaterThan(0)
    await expectDbEqualsWorld(handle, sim.world, CHECKED)
    const taskTime = await handle.db.selectFrom('time_entry').select('id').where('task_id', 'is not', null).execute()
    expect(taskTime.length).toBeGreaterThan(0)
    const label = await handle.db
      .selectFrom('picklist_value')
      .select('label')
      .where('entity', '=', 'Opportunities')
      .where('field', '=', 'status')
      .where('value', '=', '3')
      .executeTakeFirst()
    expect(label?.label).toBe('Closed')
    // What each status means: 1 Active open; 3 Closed and 4 Implemented won; 2 Lost and 0 Not Ready To Buy (shelved) lost.
    const MEANS: Record<number, string> = { 0: 'lost', 1: 'open', 2: 'lost', 3: 'won', 4: 'won' }
    const deals = await handle.db.selectFrom('opportunity').select(['id', 'status', 'outcome']).execute()
    expect(deals.filter((deal) => deal.outcome !== MEANS[deal.status])).toEqual([])
    expect(new Set(deals.map((deal) => deal.outcome))).toEqual(new Set(['open', 'won', 'lost']))
  })

  test('a second sync straight after changes nothing and asks one query per entity', async () => {
    const sim = await startSim({ seed: 7 })
    const handle = await openTempDb()
    const connector = fastConnector(handle, sim.credentials)
    await connector.sync()
    sim.sim.resetCounters()
    const summary = await connector.sync()
    expect(summary.ok).toBe(true)
    for (const entity of NEW_ENTITIES) {
      const result = summary.results.find((r) => r.entity === entity)!
      expect(result.changed, entity).toBe(0)
      expect(result.deleted, entity).toBe(0)
    }
    const asked = queriesPerEntity(sim.sim.requestLog())
    // Unpaid invoices and open opportunities are re-read inside that one query.
    for (const entity of NEW_ENTITIES) expect(asked[entity], entity).toBe(1)
  })

  test('as the PSA moves on, an incremental sync picks up new, changed (stamped or not) and deleted records', async () => {
    const sim = await startSim({ seed: 7 })
    const handle = await openTempDb()
    const connector = fastConnector(handle, sim.credentials)
    await connector.sync()
    const some = (ids: number[] | undefined) => (ids?.length ?? 0) > 0
    const summary = advanceUntil(
      sim.world,
      40,
      (s) => some(s.created.ConfigurationItems) && some(s.deleted.ConfigurationItems) && some(s.updated.Invoices),
    )
    expect(summary.created.ConfigurationItems?.length ?? 0, 'new assets').toBeGreaterThan(0)
    expect(summary.deleted.ConfigurationItems?.length ?? 0, 'deleted assets').toBeGreaterThan(0)
    expect(summary.updated.Invoices?.length ?? 0, 'invoices paid').toBeGreaterThan(0)
    expect(summary.updated.Opportunities?.length ?? 0, 'opportunities moved on').toBeGreaterThan(0)
    expect(summary.created.TimeEntries?.length ?? 0).toBeGreaterThan(0)

    const result = await connector.sync({ reconcileEveryMs: 0 })
    expect(result.error).toBeUndefined()
    await expectDbEqualsWorld(handle, sim.world, CHECKED)
    // A payment moves no stamp: the invoice arrived because it was still open locally.
    const paid = summary.updated
      .Invoices!.map((id) => sim.world.get('Invoices', id)!)
      .filter((invoice) => invoice.paidDate !== null)
    expect(paid.length).toBeGreaterThan(0)
    // Deleted assets the first sync had seen are logged (one made and deleted meanwhile never arrived).
    const seenBefore = summary.deleted.ConfigurationItems!.filter(
      (id) => !summary.created.ConfigurationItems!.includes(id),
    )
    const deleted = await handle.db
      .selectFrom('deleted_record')
      .select('record_id')
      .where('entity', '=', 'ConfigurationItems')
      .execute()
    expect(deleted.map((row) => row.record_id)).toEqual(expect.arrayContaining(seenBefore))
  })

  test('a sync killed in the middle of the assets resumes after the last committed page, equal to a clean sync', async () => {
    const sim = await startSim({ size: 'small' })
    const dbPath = join(tempDir(), 'killed.sqlite')
    sim.sim.setFaults([{ kind: 'slow', delayMs: 150, entity: 'ConfigurationItems', operation: 'query' }])
    await killSyncMidPass(sim, dbPath, 'ConfigurationItems', 2)
    sim.sim.clearFaults()

    const { openDatabase } = await import('../db/index.js')
    const resumed = await openDatabase(dbPath)
    const state = await resumed.db
      .selectFrom('sync_state')
      .selectAll()
      .where('entity', '=', 'ConfigurationItems')
      .executeTakeFirst()
    expect(state?.last_id, 'the kill landed mid-pass').toBeGreaterThan(0)
    const partial = (await resumed.db.selectFrom('configuration_item').select('id').execute()).length
    expect(partial).toBeGreaterThan(0)
    expect(partial).toBeLessThan(sim.world.records('ConfigurationItems').length)
    sim.sim.resetCounters()
    expect((await fastConnector(resumed, sim.credentials).sync()).ok).toBe(true)
    // Only the pages after the last committed one were asked for again.
    const remaining = sim.world.records('ConfigurationItems').filter((ci) => ci.id > state!.last_id!).length
    expect(queriesPerEntity(sim.sim.requestLog()).ConfigurationItems).toBe(Math.floor(remaining / 500) + 1)

    const clean = await openTempDb('clean.sqlite')
    expect((await fastConnector(clean, sim.credentials).sync()).ok).toBe(true)
    expect(await snapshot(resumed)).toEqual(await snapshot(clean))
    await resumed.close()
  })
})
