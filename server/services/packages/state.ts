import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.js'
import type { Text } from '../../../kpi-library/wire-types.js'
import type { TileSize } from '../../wire/dashboards.js'
import type { DashboardPackage, ItemWrite } from './types.js'

// What a package operation starts from: the roles, dashboards, strip and installed packages, read in one go.

export interface LocalItem extends ItemWrite {
  id: number
}

export interface LocalState {
  roles: Map<string, Text>
  dashboards: Map<string, { id: number; title: string; tiles: LocalItem[] }>
  strip: LocalItem[]
  installed: Map<string, { version: string; pkg: DashboardPackage; installedAt: string }>
}

export async function readState(db: Kysely<Database>): Promise<LocalState> {
  const [roles, dashboards, tiles, goals, installed] = await Promise.all([
    db.selectFrom('role').selectAll().orderBy('created_at').execute(),
    db.selectFrom('dashboard').selectAll().orderBy('id').execute(),
    db.selectFrom('dashboard_tile').selectAll().orderBy('dashboard_id').orderBy('position').orderBy('id').execute(),
    db.selectFrom('company_goal').selectAll().orderBy('position').orderBy('id').execute(),
    db.selectFrom('installed_package').selectAll().orderBy('installed_at').execute(),
  ])
  const item = (
    row: {
      id: number
      kpi_id: string
      params: string
      target: number | null
      warn: number | null
      package_key: string | null
      title?: string | null
      path_period?: string | null
      path_start?: number | null
    },
    size: string,
  ): LocalItem => ({
    id: row.id,
    packageKey: row.package_key,
    kpi: row.kpi_id,
    params: JSON.parse(row.params),
    target: row.target,
    warn: row.warn,
    size: size as TileSize,
    title: row.title ?? null,
    ...(row.path_period && typeof row.path_start === 'number'
      ? { path: { period: row.path_period, start: row.path_start } }
      : {}),
  })
  const byId = new Map(dashboards.map((d) => [d.id, { id: d.id, title: d.title, tiles: [] as LocalItem[] }]))
  for (const tile of tiles) byId.get(tile.dashboard_id)?.tiles.push(item(tile, tile.size))
  return {
    roles: new Map(roles.map((role) => [role.id, { en: role.name_en, nl: role.name_nl }])),
    dashboards: new Map(dashboards.map((d) => [d.role, byId.get(d.id)!])),
    strip: goals.map((goal) => item(goal, 'm')),
    installed: new Map(
      installed.map((row) => [
        row.name,
        { version: row.version, pkg: JSON.parse(row.package) as DashboardPackage, installedAt: row.installed_at },
      ]),
    ),
  }
}

export async function listInstalled(db: Kysely<Database>) {
  const state = await readState(db)
  return [...state.installed.entries()].map(([name, { version, pkg, installedAt }]) => ({
    name,
    version,
    author: pkg.author,
    description: pkg.description,
    roles: pkg.roles.map((role) => role.id),
    strip: pkg.strip !== undefined,
    installedAt,
  }))
}
