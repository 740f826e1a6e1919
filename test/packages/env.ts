import { readFileSync } from 'node:fs'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { installDefaults } from '../../server/services/dashboards.js'
import type { DashboardPackage } from '../../server/services/packages/index.js'
import { openTempDb } from '../helpers/sync-env.js'

export const NOW = '2026-03-02T09:00:00.000Z'

/** A real SQLite file with the built-in roles, dashboards and strip, as the server leaves it at first start. */
export async function defaultsDb(name = 'roleboard.sqlite') {
  const handle = await openTempDb(name)
  await installDefaults(handle.db, NOW)
  return handle
}

/** Every row that a package operation may touch, to compare before and after. */
export async function snapshot(db: Kysely<Database>) {
  return {
    role: await db.selectFrom('role').selectAll().orderBy('id').execute(),
    dashboard: await db.selectFrom('dashboard').selectAll().orderBy('id').execute(),
    dashboard_tile: await db.selectFrom('dashboard_tile').selectAll().orderBy('id').execute(),
    company_goal: await db.selectFrom('company_goal').selectAll().orderBy('id').execute(),
    access_token: await db.selectFrom('access_token').selectAll().orderBy('id').execute(),
    installed_package: await db.selectFrom('installed_package').selectAll().orderBy('name').execute(),
  }
}

export function example(name: string): DashboardPackage {
  return JSON.parse(readFileSync(new URL(`../../packages/${name}.json`, import.meta.url), 'utf8'))
}

/** The tiles of a role's dashboard as [package key, kpi, params, target, warn, size]. */
export async function tilesOf(db: Kysely<Database>, role: string) {
  return db
    .selectFrom('dashboard_tile')
    .innerJoin('dashboard', 'dashboard.id', 'dashboard_tile.dashboard_id')
    .select(['dashboard_tile.id', 'package_key', 'kpi_id', 'params', 'target', 'warn', 'size'])
    .where('dashboard.role', '=', role)
    .orderBy('position')
    .execute()
}

export const clone = <T>(value: T): T => structuredClone(value)
