import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.js'
import { badRequest, conflict, notFound } from '../../errors.js'
import { conflictText, fieldsOf, keyed, mergeItems } from './merge.js'
import { parsePackage } from './parse.js'
import { type LocalItem, type LocalState, readState } from './state.js'
import type {
  Change,
  ConflictRule,
  DashboardPackage,
  ItemWrite,
  PackageGoal,
  PackageRole,
  PackageTile,
  Plan,
  Section,
} from './types.js'
import { isOlder } from './version.js'

// Planning, pure and without writes: an import replaces the package's dashboards, an upgrade merges them.

function ownerOf(state: LocalState, name: string, role: string | null): string | null {
  for (const [other, { pkg }] of state.installed) {
    if (other === name) continue
    if (role === null ? pkg.strip !== undefined : pkg.roles.some((r) => r.id === role)) return other
  }
  return null
}

function checkOwnership(state: LocalState, pkg: DashboardPackage, roles: PackageRole[], strip: boolean): void {
  for (const role of roles) {
    const owner = ownerOf(state, pkg.name, role.id)
    if (owner)
      throw conflict(
        `the role "${role.id}" belongs to the installed package "${owner}"; a dashboard follows one package`,
      )
  }
  const owner = strip ? ownerOf(state, pkg.name, null) : null
  if (owner)
    throw conflict(`the company strip belongs to the installed package "${owner}"; the strip follows one package`)
}

const withKeys = (prefix: string, items: Array<PackageTile | PackageGoal>): ItemWrite[] =>
  items.map((item) => ({ ...fieldsOf({ size: 'm', ...item }), packageKey: prefix + item.key }))

/** What importing a role (or the strip) does: the package's tiles replace whatever is there. */
function replaceSection(
  scope: Section['scope'],
  role: PackageRole | null,
  state: LocalState,
  items: Array<PackageTile | PackageGoal>,
  what: string,
): Section {
  const local = role ? state.dashboards.get(role.id)?.tiles : state.strip
  const changes: Change[] = []
  const brings = `${items.length} ${what}s`
  if (role && !state.roles.has(role.id)) {
    changes.push({
      kind: 'create',
      name: role.name,
      theirs: role.title,
      count: items.length,
      text: `creates the custom role ${role.id} (${role.name.en}) with its dashboard "${role.title}" and ${brings}`,
    })
  } else if (role && !local) {
    changes.push({
      kind: 'create',
      theirs: role.title,
      count: items.length,
      text: `creates the dashboard "${role.title}" with ${brings}`,
    })
  } else {
    const had = new Set(local!.map((item) => item.kpi))
    const will = new Set(items.map((item) => item.kpi))
    const dropped = [...had].filter((kpi) => !will.has(kpi))
    const added = [...will].filter((kpi) => !had.has(kpi))
    changes.push({
      kind: 'replace',
      had: local!.length,
      count: items.length,
      text: `replaces the ${local!.length} ${what}s there with the package's ${items.length}`,
    })
    if (added.length) changes.push({ kind: 'add', kpis: added, text: `new KPIs: ${added.join(', ')}` })
    if (dropped.length) changes.push({ kind: 'remove', kpis: dropped, text: `dropped KPIs: ${dropped.join(', ')}` })
    const mine = role && state.dashboards.get(role.id)!.title
    if (role && mine !== role.title) {
      const text = `retitles "${mine}" to "${role.title}"`
      changes.push({ kind: 'title', field: 'title', mine: mine!, theirs: role.title, text })
    }
  }
  return { scope, ...(role ? { role: role.id, title: role.title } : {}), changes }
}

function importRole(plan: Plan, state: LocalState, role: PackageRole, prefix: string): void {
  plan.sections.push(replaceSection('role', role, state, role.tiles, 'tile'))
  plan.writes.push({
    role: role.id,
    createRole: state.roles.has(role.id) ? null : role.name,
    title: role.title,
    tiles: withKeys(prefix, role.tiles),
  })
}

function importStrip(plan: Plan, state: LocalState, goals: PackageGoal[], prefix: string): void {
  plan.sections.push(replaceSection('strip', null, state, goals, 'goal'))
  plan.strip = withKeys(prefix, goals)
}

function emptyPlan(pkg: DashboardPackage, mode: Plan['mode'], from: string | null, rule: ConflictRule | null): Plan {
  return {
    mode,
    name: pkg.name,
    version: pkg.version,
    from,
    onConflict: rule,
    conflicts: 0,
    sections: [],
    writes: [],
    strip: null,
    pkg,
  }
}

export function planImport(state: LocalState, pkg: DashboardPackage): Plan {
  const installed = state.installed.get(pkg.name)
  if (installed) {
    const upgrade = `use upgrade to move to ${pkg.version}`
    throw conflict(`the package "${pkg.name}" is installed already (version ${installed.version}); ${upgrade}`)
  }
  checkOwnership(state, pkg, pkg.roles, pkg.strip !== undefined)
  const plan = emptyPlan(pkg, 'import', null, null)
  const prefix = `${pkg.name}:`
  for (const role of pkg.roles) importRole(plan, state, role, prefix)
  if (pkg.strip) importStrip(plan, state, pkg.strip, prefix)
  return plan
}

/** The items as they are, no longer linked to the package. */
const detached = (items: LocalItem[], prefix: string): ItemWrite[] =>
  items.map((item) => ({ ...item, packageKey: item.packageKey?.startsWith(prefix) ? null : item.packageKey }))

export function planUpgrade(state: LocalState, pkg: DashboardPackage, rule: ConflictRule | null): Plan {
  const installed = state.installed.get(pkg.name)
  if (!installed) throw notFound(`the package "${pkg.name}" is not installed; use import`)
  if (isOlder(pkg.version, installed.version))
    throw conflict(
      `${pkg.name} ${pkg.version} is older than the installed ${installed.version}; an upgrade only goes forward`,
    )
  const base = installed.pkg
  const plan = emptyPlan(pkg, 'upgrade', installed.version, rule)
  const prefix = `${pkg.name}:`
  const newRoles = pkg.roles.filter(
    (role) => !base.roles.some((b) => b.id === role.id) || !state.dashboards.has(role.id),
  )
  checkOwnership(state, pkg, newRoles, pkg.strip !== undefined && base.strip === undefined)
  for (const role of pkg.roles) {
    const baseRole = base.roles.find((b) => b.id === role.id)
    const dashboard = state.dashboards.get(role.id)
    if (!baseRole || !dashboard) {
      importRole(plan, state, role, prefix)
      plan.sections
        .at(-1)!
        .changes.unshift({ kind: 'add', field: 'role', text: 'the role is new in this version of the package' })
      continue
    }
    const merged = mergeItems({
      what: 'tile',
      prefix,
      base: baseRole.tiles.map(keyed),
      mine: dashboard.tiles,
      theirs: role.tiles.map(keyed),
      rule,
    })
    let title = dashboard.title
    if (dashboard.title !== role.title) {
      if (dashboard.title === baseRole.title) {
        title = role.title
        merged.changes.unshift({
          kind: 'title',
          field: 'title',
          mine: dashboard.title,
          theirs: role.title,
          text: `retitles "${dashboard.title}" to "${role.title}"`,
        })
      } else if (baseRole.title === role.title) {
        merged.changes.unshift({
          kind: 'keep',
          field: 'title',
          mine: dashboard.title,
          theirs: role.title,
          text: `keeps your title "${dashboard.title}"`,
        })
      } else {
        merged.conflicts++
        const resolved = conflictText(rule, 'on the title', `"${dashboard.title}"`, `"${role.title}"`)
        if (resolved.outcome === 'theirs') title = role.title
        merged.changes.unshift({
          kind: 'conflict',
          field: 'title',
          mine: dashboard.title,
          theirs: role.title,
          ...resolved,
        })
      }
    }
    plan.conflicts += merged.conflicts
    plan.sections.push({ scope: 'role', role: role.id, title, changes: merged.changes })
    plan.writes.push({ role: role.id, createRole: null, title, tiles: merged.items })
  }
  for (const baseRole of base.roles) {
    if (pkg.roles.some((role) => role.id === baseRole.id)) continue
    const dashboard = state.dashboards.get(baseRole.id)
    if (!dashboard) continue
    const text = 'the package no longer has this role: the dashboard stays as it is and stops following the package'
    plan.sections.push({
      scope: 'role',
      role: baseRole.id,
      title: dashboard.title,
      changes: [{ kind: 'detach', text }],
    })
    plan.writes.push({
      role: baseRole.id,
      createRole: null,
      title: dashboard.title,
      tiles: detached(dashboard.tiles, prefix),
    })
  }
  if (pkg.strip && base.strip) {
    const merged = mergeItems({
      what: 'goal',
      prefix,
      base: base.strip.map(keyed),
      mine: state.strip,
      theirs: pkg.strip.map(keyed),
      rule,
    })
    if (merged.items.length > 8) {
      const would = `after the merge the company strip would hold ${merged.items.length} goals`
      throw badRequest(`${would}; it holds at most 8: remove some of yours first`)
    }
    plan.conflicts += merged.conflicts
    plan.sections.push({ scope: 'strip', changes: merged.changes })
    plan.strip = merged.items
  } else if (pkg.strip) importStrip(plan, state, pkg.strip, prefix)
  else if (base.strip) {
    plan.sections.push({
      scope: 'strip',
      changes: [{ kind: 'detach', text: 'the package no longer sets the company strip: the strip stays as it is' }],
    })
    plan.strip = detached(state.strip, prefix)
  }
  return plan
}

/**
 * What importing or upgrading `input` would do, written nowhere. Without `mode`, an installed package
 * of the same name means upgrade; with it, the plan (or refusal) of exactly that command.
 */
export async function diffPackage(
  db: Kysely<Database>,
  input: unknown,
  rule: ConflictRule | null = null,
  mode?: 'import' | 'upgrade',
): Promise<Plan> {
  const pkg = parsePackage(input)
  const state = await readState(db)
  return (mode ?? (state.installed.has(pkg.name) ? 'upgrade' : 'import')) === 'upgrade'
    ? planUpgrade(state, pkg, rule)
    : planImport(state, pkg)
}
