import { redactSecrets } from '../../connectors/redact.js'
import type { evaluateDashboard } from '../services/dashboards.js'
import { lastPoll } from '../services/health.js'
import type { SyncHealth, TenantOverview, TenantPackage } from '../wire/consultant.js'
import type { TenantRuntime } from './tenants.js'

export async function syncHealth(runtime: TenantRuntime): Promise<SyncHealth> {
  const run = await lastPoll(runtime.handle.db).executeTakeFirst()
  // Stored errors were redacted when written; once more here for any written before that step existed.
  return {
    at: run?.finished_at ?? null,
    ok: run ? run.ok === 1 : null,
    error: run?.error ? redactSecrets(run.error) : null,
    running: runtime.syncing(),
  }
}

type EvaluatedDashboard = Awaited<ReturnType<typeof evaluateDashboard>>

const redCache = new WeakMap<TenantRuntime, { stamp: string; value: TenantOverview['redKpis'] }>()

/** Tiles whose status is red (`bad`), per dashboard, evaluated by the tenant's own engine; kept until the data (or an acknowledgement), the minute or a dashboard changes. */
export async function redKpis(runtime: TenantRuntime): Promise<TenantOverview['redKpis']> {
  const { app } = runtime
  const [generation, dashboards] = await Promise.all([
    app.engine.generation(),
    app.db.selectFrom('dashboard').select(['role', 'version']).orderBy('role').execute(),
  ])
  const stamp = `${generation.key}:${Math.floor(app.now().getTime() / 60_000)}:${dashboards.map((d) => `${d.role}@${d.version}`).join(',')}:${app.stripVersion}`
  const cached = redCache.get(runtime)
  if (cached?.stamp === stamp) return cached.value
  const byRole: Record<string, number> = {}
  for (const { role } of dashboards) {
    // Evaluated where the tenant's walls are, off the serving thread.
    const evaluated = JSON.parse(
      await app.evaluator.dashboardJson({ role, lang: 'en', me: null }),
    ) as EvaluatedDashboard
    byRole[role] = evaluated.tiles.filter((tile) => 'status' in tile.result && tile.result.status === 'bad').length
  }
  const value = { total: Object.values(byRole).reduce((sum, n) => sum + n, 0), byRole }
  redCache.set(runtime, { stamp, value })
  return value
}

/** The dashboard packages installed in the tenant's database (every tenant's file is migrated when it opens). */
export async function installedPackages(runtime: TenantRuntime): Promise<TenantPackage[]> {
  return await runtime.handle.db
    .selectFrom('installed_package')
    .select(['name as id', 'version', 'installed_at as installedAt'])
    .execute()
}

export async function tenantOverview(runtime: TenantRuntime): Promise<TenantOverview> {
  const { tenant } = runtime
  const [sync, red, packages] = await Promise.all([syncHealth(runtime), redKpis(runtime), installedPackages(runtime)])
  return {
    id: tenant.id,
    name: tenant.name,
    source: tenant.source,
    psa: tenant.psa,
    syncIntervalSeconds: tenant.sync_interval_seconds,
    createdAt: tenant.created_at,
    sync,
    redKpis: red,
    packages,
  }
}
