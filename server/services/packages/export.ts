import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.js'
import { LIBRARY_VERSION } from '../../../kpi-library/index.js'
import { notFound } from '../../errors.js'
import { parsePackage } from './parse.js'
import { type LocalItem, readState } from './state.js'
import { type DashboardPackage, PACKAGE_FORMAT } from './types.js'

// Export: a client's dashboards as a package file, for a consultant to start from or to ship again.

export interface ExportOptions {
  roles?: string[]
  name?: string
  version?: string
  author?: string
  description?: string
  strip?: boolean
}

/** The current dashboards as a package. Tiles that came from a package keep their key, so re-exports stay stable. */
export async function exportPackage(db: Kysely<Database>, options: ExportOptions = {}): Promise<DashboardPackage> {
  const state = await readState(db)
  const roles = options.roles ?? [...state.dashboards.keys()]
  for (const role of roles)
    if (!state.dashboards.has(role)) throw notFound(`there is no dashboard for the role "${role}"`)
  const kpis = new Set<string>()
  const asPackageItems = (items: LocalItem[]) => {
    const used = new Set<string>()
    return items.map((item) => {
      kpis.add(item.kpi)
      const own = item.packageKey?.slice(item.packageKey.indexOf(':') + 1)
      let key = own && !used.has(own) ? own : item.kpi
      for (let n = 2; used.has(key); n++) key = `${item.kpi}-${n}`
      used.add(key)
      return {
        key,
        kpi: item.kpi,
        params: item.params,
        target: item.target,
        warn: item.warn,
        size: item.size,
        ...(item.title ? { title: item.title } : {}),
        ...(item.path ? { path: item.path } : {}),
      }
    })
  }
  const pkg: DashboardPackage = {
    format: PACKAGE_FORMAT,
    formatVersion: 1,
    name: options.name ?? 'exported-dashboards',
    version: options.version ?? '1.0.0',
    author: options.author ?? 'roleboard',
    description: options.description ?? `Dashboards exported from roleboard for ${roles.join(', ')}.`,
    roles: roles.map((role) => {
      const dashboard = state.dashboards.get(role)!
      return { id: role, name: state.roles.get(role)!, title: dashboard.title, tiles: asPackageItems(dashboard.tiles) }
    }),
    kpis: {},
  }
  if (options.strip !== false)
    pkg.strip = asPackageItems(state.strip).map(({ size: _size, title: _title, ...goal }) => goal)
  pkg.kpis = Object.fromEntries([...kpis].sort().map((kpi) => [kpi, `^${LIBRARY_VERSION}`]))
  // The same checks an import makes, so an export never produces a file that cannot be imported.
  return parsePackage(pkg)
}
