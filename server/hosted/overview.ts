import { sql } from 'kysely'
import { redactSecrets } from '../../connectors/redact.js'
import { evaluateDashboard } from '../services/dashboards.js'
import type { TenantRuntime } from './tenants.js'

export interface SyncHealth {
  at: string | null
  ok: boolean | null
  error: string | null
  running: boolean
}

export interface InstalledPackage {
  id: string
  version: string | null
  installedAt: string | null
}

/** What a consultant sees of a tenant: never its credentials, never its data beyond counts. */
export interface TenantOverview {
  id: string
  name: string
  source: 'autotask' | 'simulator'
  syncIntervalSeconds: number
  createdAt: string
  sync: SyncHealth
  redKpis: { total: number; byRole: Record<string, number> }
  /** null when this tenant's database has no package table yet. */
  packages: InstalledPackage[] | null
}

export async function syncHealth(runtime: TenantRuntime): Promise<SyncHealth> {
  const run = await runtime.handle.db.selectFrom('sync_run').select(['finished_at', 'ok', 'error']).where('finished_at', 'is not', null).orderBy('id', 'desc').limit(1).executeTakeFirst()
  // Stored errors were redacted when written; once more here for any written before that step existed.
  return { at: run?.finished_at ?? null, ok: run ? run.ok === 1 : null, error: run?.error ? redactSecrets(run.error) : null, running: runtime.syncing() }
}

const redCache = new WeakMap<TenantRuntime, { stamp: string; value: TenantOverview['redKpis'] }>()

/** Tiles whose status is red (`bad`), per dashboard, evaluated by the tenant's own engine; kept until the data (or an acknowledgement), the minute or a dashboard changes. */
export async function redKpis(runtime: TenantRuntime): Promise<TenantOverview['redKpis']> {
  const { app } = runtime
  const [generation, dashboards] = await Promise.all([app.engine.generation(), app.db.selectFrom('dashboard').select(['role', 'version']).orderBy('role').execute()])
  const stamp = `${generation.key}:${Math.floor(app.now().getTime() / 60_000)}:${dashboards.map((d) => `${d.role}@${d.version}`).join(',')}:${app.stripVersion}`
  const cached = redCache.get(runtime)
  if (cached?.stamp === stamp) return cached.value
  const byRole: Record<string, number> = {}
  for (const { role } of dashboards) {
    const evaluated = await evaluateDashboard(app.db, app.engine, role, { lang: 'en' })
    byRole[role] = evaluated.tiles.filter((tile) => 'status' in tile.result && tile.result.status === 'bad').length
  }
  const value = { total: Object.values(byRole).reduce((sum, n) => sum + n, 0), byRole }
  redCache.set(runtime, { stamp, value })
  return value
}

/** Reads `installed_package` when the tenant's database has it (a later migration adds it); null otherwise. */
export async function installedPackages(runtime: TenantRuntime): Promise<InstalledPackage[] | null> {
  const db = runtime.handle.db
  const table = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name = 'installed_package'`.execute(db)
  if (table.rows.length === 0) return null
  const rows = await sql<Record<string, unknown>>`select * from installed_package`.execute(db)
  const text = (value: unknown) => (value === null || value === undefined ? null : String(value))
  return rows.rows.map((row) => ({
    id: text(row.package_id ?? row.id ?? row.name) ?? '',
    version: text(row.version),
    installedAt: text(row.installed_at ?? row.updated_at),
  }))
}

export async function tenantOverview(runtime: TenantRuntime): Promise<TenantOverview> {
  const { tenant } = runtime
  const [sync, red, packages] = await Promise.all([syncHealth(runtime), redKpis(runtime), installedPackages(runtime)])
  return {
    id: tenant.id,
    name: tenant.name,
    source: tenant.source,
    syncIntervalSeconds: tenant.sync_interval_seconds,
    createdAt: tenant.created_at,
    sync,
    redKpis: red,
    packages,
  }
}
