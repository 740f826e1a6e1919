import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { type ConflictRule, type DashboardPackage, importPackage, parsePackage, planSummary, upgradePackage } from '../services/packages.js'
import { installedPackages } from './overview.js'
import type { TenantRuntime } from './tenants.js'

export type PackageMode = 'import' | 'upgrade'

export interface ApplyResult {
  tenant: string
  ok: boolean
  mode: PackageMode
  plan?: ReturnType<typeof planSummary>
  error?: { message: string; code?: string }
}

/** Checks the package once, before any tenant is touched: a bad file changes nobody. */
export function checkPackage(input: unknown): DashboardPackage {
  return parsePackage(input)
}

/**
 * Applies one package to each tenant in turn, with the package service of a single install
 * (server/services/packages.ts): import where it is new, upgrade where a version is installed.
 * Each tenant's write is one transaction in its own database; one tenant's conflict stops only that tenant.
 */
export async function applyToTenants(runtimes: TenantRuntime[], input: DashboardPackage, options: { mode?: PackageMode; onConflict: ConflictRule | null; now: string }): Promise<ApplyResult[]> {
  const results: ApplyResult[] = []
  for (const runtime of runtimes) {
    const db: Kysely<Database> = runtime.app.db
    const installed = (await installedPackages(runtime)) ?? []
    const mode = options.mode ?? (installed.some((p) => p.id === input.name) ? 'upgrade' : 'import')
    try {
      const plan = mode === 'import' ? await importPackage(db, input, options.now) : await upgradePackage(db, input, options.onConflict, options.now)
      // A changed company strip is not in a dashboard's version: the tenant's cached walls are recomputed.
      if (plan.strip) runtime.app.stripVersion += 1
      results.push({ tenant: runtime.tenant.id, ok: true, mode, plan: planSummary(plan) })
    } catch (error) {
      const { message, code } = error as { message?: string; code?: string }
      results.push({ tenant: runtime.tenant.id, ok: false, mode, error: { message: message ?? 'the package could not be applied', ...(code ? { code } : {}) } })
    }
  }
  return results
}
