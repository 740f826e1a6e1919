import { join } from 'node:path'
import { Migrator } from 'kysely'
import { describe, expect, test } from 'vitest'
import { createKysely, openSqlite } from '../../db/sqlite.js'
import { findKpi, resolveParams } from '../../kpi-library/engine.js'
import { migrations } from '../../migrations/index.js'
import { tempDir } from '../helpers/sync-env.js'

describe('KPI library 2.0: tiles saved with 1.x parameters', () => {
  test('migration 023 rewrites them with the meaning they had, and every rewritten tile evaluates', async () => {
    const db = createKysely(openSqlite(join(tempDir(), 'old.sqlite')))
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
      expect((await migrator.migrateTo('022-projects')).error).toBeUndefined()
      await db
        .insertInto('role')
        .values({ id: 'owner', name_en: 'Owner', name_nl: 'Eigenaar', builtin: 1, created_at: 'x' })
        .execute()
      const dashboard = await db
        .insertInto('dashboard')
        .values({ role: 'owner', title: 'Old', updated_at: 'x' })
        .returning('id')
        .executeTakeFirstOrThrow()
      const saved = [
        ['first_touch_resolution', { excludeTicketTypes: [5], maxTouches: 1 }, {}],
        ['reopen_rate', { excludeTicketTypes: [], days: 30 }, { includeAlerts: true, days: 30 }],
        ['csat_response_rate', { excludeTicketTypes: [] }, {}],
        ['unbilled_billable_time', { days: 90, standardRate: 110 }, { standardRate: 110 }],
        ['nonbillable_on_tm_clients', { tmTypes: [1] }, {}],
        ['tickets_open', {}, {}],
      ] as const
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
        .values({
          position: 0,
          kpi_id: 'tickets_completed_without_time',
          params: JSON.stringify({ excludeTicketTypes: [5, 7] }),
          target: null,
          warn: null,
        })
        .execute()
      expect((await migrator.migrateToLatest()).error).toBeUndefined()

      const tiles = await db.selectFrom('dashboard_tile').select(['kpi_id', 'params']).orderBy('position').execute()
      expect(tiles.map((tile) => [tile.kpi_id, JSON.parse(tile.params)])).toEqual(
        saved.map(([kpi, , after]) => [kpi, after]),
      )
      const goal = await db.selectFrom('company_goal').select('params').executeTakeFirstOrThrow()
      expect(JSON.parse(goal.params)).toEqual({})
      for (const tile of tiles)
        expect(() => resolveParams(findKpi(tile.kpi_id)!, JSON.parse(tile.params))).not.toThrow()
    } finally {
      await db.destroy()
    }
  })
})
