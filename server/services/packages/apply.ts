import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.js'
import { conflict } from '../../errors.js'
import { pathColumns, writeTiles } from '../dashboards.js'
import { parsePackage } from './parse.js'
import { planImport, planUpgrade } from './plan.js'
import { conflictCount } from './render.js'
import { readState } from './state.js'
import type { ConflictRule, ItemWrite, Plan } from './types.js'

// Import and upgrade: the plan that diff shows, written in one transaction.

export async function importPackage(db: Kysely<Database>, input: unknown, now: string): Promise<Plan> {
  const pkg = parsePackage(input)
  const plan = planImport(await readState(db), pkg)
  await applyPlan(db, plan, now)
  return plan
}

export async function upgradePackage(
  db: Kysely<Database>,
  input: unknown,
  rule: ConflictRule | null,
  now: string,
): Promise<Plan> {
  const pkg = parsePackage(input)
  const plan = planUpgrade(await readState(db), pkg, rule)
  if (plan.conflicts > 0 && rule === null) {
    const first = plan.sections
      .flatMap((section) => section.changes.map((change) => ({ section, change })))
      .find(({ change }) => change.kind === 'conflict')!
    const where = first.section.role ?? 'strip'
    const what = first.change.text.replace(/; keep-mine.*$/, '')
    throw conflict(`${conflictCount(plan.conflicts)} (first: ${where}: ${what}); choose keep-mine or take-theirs`)
  }
  await applyPlan(db, plan, now)
  return plan
}

/** Writes a plan in one transaction: all of it lands, or none. */
async function applyPlan(db: Kysely<Database>, plan: Plan, now: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const write of plan.writes) {
      if (write.createRole) {
        const { en, nl } = write.createRole
        await trx
          .insertInto('role')
          .values({ id: write.role, name_en: en, name_nl: nl, builtin: 0, created_at: now })
          .execute()
      }
      let dashboard = await trx.selectFrom('dashboard').select('id').where('role', '=', write.role).executeTakeFirst()
      if (dashboard) {
        await trx
          .updateTable('dashboard')
          .set((eb) => ({ title: write.title, updated_at: now, version: eb('version', '+', 1) }))
          .where('id', '=', dashboard.id)
          .execute()
      } else {
        dashboard = await trx
          .insertInto('dashboard')
          .values({ role: write.role, title: write.title, updated_at: now })
          .returning('id')
          .executeTakeFirstOrThrow()
      }
      await writeTiles(trx, dashboard.id, write.tiles)
    }
    if (plan.strip) await writeGoals(trx, plan.strip)
    const row = { version: plan.version, package: JSON.stringify(plan.pkg), installed_at: now }
    await trx
      .insertInto('installed_package')
      .values({ name: plan.name, ...row })
      .onConflict((oc) => oc.column('name').doUpdateSet(row))
      .execute()
  })
}

/** Writes the company strip's ordered goals; goals that carry their id keep it, the others left there go. */
async function writeGoals(db: Kysely<Database>, goals: ItemWrite[]): Promise<void> {
  const kept = goals.flatMap((goal) => (goal.id === undefined ? [] : [goal.id]))
  let remove = db.deleteFrom('company_goal')
  if (kept.length > 0) remove = remove.where('id', 'not in', kept)
  await remove.execute()
  for (const [position, goal] of goals.entries()) {
    const { id, kpi, params, target, warn, packageKey, path } = goal
    const row = {
      position,
      kpi_id: kpi,
      params: JSON.stringify(params),
      target,
      warn,
      package_key: packageKey,
      ...pathColumns(path),
    }
    if (id !== undefined) await db.updateTable('company_goal').set(row).where('id', '=', id).execute()
    else await db.insertInto('company_goal').values(row).execute()
  }
}
