import { join } from 'node:path'
import { type Kysely, Migrator } from 'kysely'
import { describe, expect, onTestFinished, test } from 'vitest'
import { createKysely, openSqlite } from '../../db/sqlite.js'
import { findKpi, resolveParams } from '../../kpi-library/engine.js'
import { migrations } from '../../migrations/index.js'
import { tempDir } from '../helpers/sync-env.js'

// Tiles and goals saved with parameters a later library retired: a migration rewrites them with the meaning they
// had, and every rewritten one evaluates.

/** A tile as saved before the migration, and its parameters after it. */
type Saved = readonly [kpi: string, before: Record<string, unknown>, after: Record<string, unknown>]

/** A database migrated up to `name`, and its migrator to go on with. */
async function databaseAt(name: string) {
  const db = createKysely(openSqlite(join(tempDir(), 'old.sqlite')))
  onTestFinished(() => db.destroy())
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
  expect((await migrator.migrateTo(name)).error).toBeUndefined()
  return { db, migrator }
}

/** The owner's dashboard with the tiles as saved, and one goal. */
async function saveTiles(db: Kysely<any>, saved: readonly Saved[], goal: { kpi: string; params: object }) {
  await db
    .insertInto('role')
    .values({ id: 'owner', name_en: 'Owner', name_nl: 'Eigenaar', builtin: 1, created_at: 'x' })
    .execute()
  const dashboard = await db
    .insertInto('dashboard')
    .values({ role: 'owner', title: 'Old', updated_at: 'x' })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const [position, [kpi, params]] of saved.entries()) {
    await db
      .insertInto('dashboard_tile')
      .values({
        dashboard_id: dashboard.id,
        position,
        kpi_id: kpi,
        params: JSON.stringify(params),
        target: null,
        warn: null,
      })
      .execute()
  }
  await db
    .insertInto('company_goal')
    .values({ position: 0, kpi_id: goal.kpi, params: JSON.stringify(goal.params), target: null, warn: null })
    .execute()
}

/** The tiles and the goal hold the parameters they should after the migrations, and each resolves. */
async function expectRewritten(db: Kysely<any>, saved: readonly Saved[], goalAfter: object) {
  const tiles: Array<{ kpi_id: string; params: string }> = await db
    .selectFrom('dashboard_tile')
    .select(['kpi_id', 'params'])
    .orderBy('position')
    .execute()
  expect(tiles.map((tile) => [tile.kpi_id, JSON.parse(tile.params)])).toEqual(
    saved.map(([kpi, , after]) => [kpi, after]),
  )
  const goal: { params: string } = await db.selectFrom('company_goal').select('params').executeTakeFirstOrThrow()
  expect(JSON.parse(goal.params)).toEqual(goalAfter)
  for (const tile of tiles) expect(() => resolveParams(findKpi(tile.kpi_id)!, JSON.parse(tile.params))).not.toThrow()
}

describe('KPI library 2.0: tiles saved with 1.x parameters', () => {
  test('migration 023 rewrites them with the meaning they had, and every rewritten tile evaluates', async () => {
    const { db, migrator } = await databaseAt('022-projects')
    const saved: Saved[] = [
      ['first_touch_resolution', { excludeTicketTypes: [5], maxTouches: 1 }, {}],
      ['reopen_rate', { excludeTicketTypes: [], days: 30 }, { includeAlerts: true, days: 30 }],
      ['csat_response_rate', { excludeTicketTypes: [] }, {}],
      ['unbilled_billable_time', { days: 90, standardRate: 110 }, { standardRate: 110 }],
      ['nonbillable_on_tm_clients', { tmTypes: [1] }, {}],
      ['tickets_open', {}, {}],
    ]
    await saveTiles(db, saved, { kpi: 'tickets_completed_without_time', params: { excludeTicketTypes: [5, 7] } })
    expect((await migrator.migrateToLatest()).error).toBeUndefined()
    await expectRewritten(db, saved, {})
  })
})

describe('migration 038: an opportunity outcome', () => {
  test("rows already synced read Autotask's statuses or their won and lost dates; tiles lose the status parameters", async () => {
    const { db, migrator } = await databaseAt('037-psa-neutral-tickets')
    const deal = (id: number, psa: string, status: number, dates: { closed_at?: string; lost_at?: string } = {}) =>
      db
        .insertInto('opportunity')
        .values({ id, psa, company_id: 1, title: `Deal ${id}`, status, synced_at: 'x', ...dates })
        .execute()
    const won = { closed_at: '2026-01-05T10:00:00.000Z' }
    const lost = { lost_at: '2026-01-06T10:00:00.000Z' }
    await deal(1, 'autotask', 1) // Active
    await deal(2, 'autotask', 3, won) // Closed
    await deal(3, 'autotask', 4, won) // Implemented
    await deal(4, 'autotask', 2, lost) // Lost
    await deal(5, 'autotask', 0) // Not Ready To Buy: shelved, never pipeline
    await deal(6, 'autotask', 9, won) // a tenant's own status, won by its date
    await deal(7, 'autotask', 8) // a tenant's own status, no date: open
    await deal(8, 'connectwise', 3) // ConnectWise's own status 3, neither date: open, not Autotask's Closed
    await deal(9, 'connectwise', 1, lost) // ConnectWise's own status 1 with a lost date: lost
    const saved: Saved[] = [
      ['sales_pipeline', { openStatuses: [1, 0] }, {}],
      ['win_rate_90d', { days: 30, wonStatuses: [3], lostStatuses: [2] }, { days: 30 }],
      ['quotes_expiring', { days: 7, openStatuses: [1] }, { days: 7 }],
      ['tickets_open', {}, {}],
    ]
    await saveTiles(db, saved, { kpi: 'win_rate_90d', params: { wonStatuses: [3, 4] } })
    expect((await migrator.migrateToLatest()).error).toBeUndefined()
    const outcomes = await db.selectFrom('opportunity').select(['id', 'outcome']).orderBy('id').execute()
    expect(outcomes.map((o) => o.outcome)).toEqual([
      'open',
      'won',
      'won',
      'lost',
      'lost',
      'won',
      'open',
      'open',
      'lost',
    ])
    await expectRewritten(db, saved, {})
  })
})
