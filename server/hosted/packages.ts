import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import {
  type ConflictRule,
  type DashboardPackage,
  diffPackage,
  importPackage,
  parsePackage,
  type Plan,
  planSummary,
  upgradePackage,
} from '../services/packages/index.js'
import type { ApplyResult } from '../wire/consultant.js'
import type { PackageMode } from '../wire/packages.js'
import { installedPackages } from './overview.js'
import type { TenantRuntime } from './tenants.js'

/** A tenant to plan or apply for: its runtime, or the one line saying why it could not be opened. */
export type Target = { id: string; runtime: TenantRuntime } | { id: string; error: string }

export interface PackageOptions {
  mode?: PackageMode
  onConflict: ConflictRule | null
}

/** Checks the package once, before any tenant is touched: a bad file changes nobody. */
export function checkPackage(input: unknown): DashboardPackage {
  return parsePackage(input)
}

const failure = (error: unknown, fallback: string) => {
  const { message, code } = error as { message?: string; code?: string }
  // One line, whatever the cause: the page shows it beside the tenant's name.
  return { message: (message ?? fallback).split('\n')[0]!, ...(code ? { code } : {}) }
}

/** The answer for a tenant whose file did not open: the line saying why. */
const unavailable = (target: { id: string; error: string }): ApplyResult => ({
  tenant: target.id,
  ok: false,
  error: { message: target.error, code: 'unavailable' },
})

async function modeFor(runtime: TenantRuntime, pkg: DashboardPackage, options: PackageOptions): Promise<PackageMode> {
  if (options.mode) return options.mode
  const installed = await installedPackages(runtime)
  return installed.some((p) => p.id === pkg.name) ? 'upgrade' : 'import'
}

function planId(plan: Plan): string {
  return createHash('sha256')
    .update(JSON.stringify(planSummary(plan)))
    .digest('hex')
    .slice(0, 24)
}

/**
 * Each tenant's plan for the package, written nowhere (the dry run of applyToTenants): what would be
 * created, replaced, changed and kept, and the conflicts. A tenant with open conflicts (no rule) gets
 * its plan and ok: false, since applying would stop there. A bad package fails every tenant with the
 * same one line.
 */
export async function planForTenants(
  targets: Target[],
  input: unknown,
  options: PackageOptions,
): Promise<{ pkg: DashboardPackage | null; results: ApplyResult[] }> {
  let pkg: DashboardPackage
  try {
    pkg = parsePackage(input)
  } catch (error) {
    const line = failure(error, 'this is not a package')
    return { pkg: null, results: targets.map((target) => ({ tenant: target.id, ok: false, error: line })) }
  }
  const results: ApplyResult[] = []
  for (const target of targets) {
    if ('error' in target) {
      results.push(unavailable(target))
      continue
    }
    const mode = await modeFor(target.runtime, pkg, options)
    try {
      const plan = await diffPackage(target.runtime.app.db, pkg, options.onConflict, mode)
      const open = plan.conflicts > 0 && !options.onConflict
      results.push({
        tenant: target.id,
        ok: !open,
        mode,
        plan: planSummary(plan),
        planId: planId(plan),
        ...(open
          ? {
              error: {
                message: `${plan.conflicts} conflict${plan.conflicts === 1 ? '' : 's'}: choose keep-mine or take-theirs`,
                code: 'conflict',
              },
            }
          : {}),
      })
    } catch (error) {
      results.push({ tenant: target.id, ok: false, mode, error: failure(error, 'no plan could be made') })
    }
  }
  return { pkg, results }
}

/**
 * Applies one package to each tenant in turn, with the package service of a single install
 * (server/services/packages/): import where it is new, upgrade where a version is installed.
 * Each tenant's write is one transaction in its own database; one tenant's failure stops only that
 * tenant. With `expect` (tenant id → planId from planForTenants) a tenant whose plan is no longer the
 * one shown is not written.
 */
export async function applyToTenants(
  targets: Target[],
  input: DashboardPackage,
  options: PackageOptions & { now: string; expect?: Record<string, string> },
): Promise<ApplyResult[]> {
  const results: ApplyResult[] = []
  for (const target of targets) {
    if ('error' in target) {
      results.push(unavailable(target))
      continue
    }
    const { runtime } = target
    const db: Kysely<Database> = runtime.app.db
    const mode = await modeFor(runtime, input, options)
    try {
      const expected = options.expect?.[target.id]
      // Read again right before the write: an edit in the tenant's builder since the plan was shown changes the plan.
      if (expected && planId(await diffPackage(db, input, options.onConflict, mode)) !== expected) {
        throw Object.assign(
          new Error("this tenant's dashboards changed since its plan was shown: show the plans again"),
          { code: 'plan_changed' },
        )
      }
      const plan =
        mode === 'import'
          ? await importPackage(db, input, options.now)
          : await upgradePackage(db, input, options.onConflict, options.now)
      // A changed company strip is not in a dashboard's version: the tenant's cached walls are recomputed.
      if (plan.strip) runtime.app.stripVersion += 1
      results.push({ tenant: target.id, ok: true, mode, plan: planSummary(plan) })
    } catch (error) {
      results.push({ tenant: target.id, ok: false, mode, error: failure(error, 'the package could not be applied') })
    }
  }
  return results
}
