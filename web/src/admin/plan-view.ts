import { PLAN_MARKS } from '../../../server/wire/plan-marks.ts'
import { h } from '../dom.ts'
import type { ChangeKind, PackagePlan, PlanChange, PlanItem, TileSize } from '../types.ts'
import { fieldNumber } from './band-fields.ts'
import type { Say } from './say.ts'
import type { AdminKey } from './strings.ts'

type Group = 'added' | 'removed' | 'changed' | 'kept' | 'conflict'
type Section = PackagePlan['sections'][number]

const GROUP: Record<ChangeKind, Group> = {
  create: 'added',
  add: 'added',
  remove: 'removed',
  replace: 'changed',
  change: 'changed',
  order: 'changed',
  title: 'changed',
  keep: 'kept',
  detach: 'kept',
  conflict: 'conflict',
}
const MARK: Record<Group, string> = { added: '+', removed: '−', changed: '~', kept: '=', conflict: '!' }
const COUNT: Record<Group, AdminKey> = {
  added: 'countAdded',
  removed: 'countRemoved',
  changed: 'countChanged',
  kept: 'countKept',
  conflict: 'countConflicts',
}
const SIZE: Record<TileSize, AdminKey> = { s: 'sizeS', m: 'sizeM', l: 'sizeL' }
const FIELD: Record<string, AdminKey> = {
  kpi: 'fieldKpi',
  target: 'fieldTarget',
  size: 'fieldSize',
  tileTitle: 'fieldTileTitle',
}

export function planHeadline(plan: PackagePlan, say: Say): string {
  return say(plan.mode === 'import' ? 'planImport' : 'planUpgrade', {
    name: plan.name,
    version: plan.version,
    from: plan.from ?? '',
  })
}

function outcomeOf(change: PlanChange, plan: PackagePlan, say: Say): string | null {
  if (change.kind !== 'conflict') return null
  if (!plan.onConflict) return say('chooseRule')
  return say(change.outcome === 'theirs' ? 'takesTheirs' : 'keepsYours')
}

/** A band as the server shows it (`35/55`, `default`, `35/default`), in the page's numbers and words. */
function bandText(target: number | null, warn: number | null, say: Say): string {
  const one = (value: number | null) => (value === null ? say('byDefault') : fieldNumber(value, say.lang))
  return target === null && warn === null ? say('byDefault') : `${one(target)}/${one(warn)}`
}

function kpiText(item: Pick<PlanItem, 'kpi' | 'params'>): string {
  return Object.keys(item.params).length ? `${item.kpi} ${JSON.stringify(item.params)}` : item.kpi
}

function itemText(item: PlanItem, say: Say): string {
  return say('itemShown', {
    kpi: kpiText(item),
    band: bandText(item.target, item.warn, say),
    size: say(SIZE[item.size] ?? 'sizeM'),
  })
}

/** One side of a field change (`mine`, `theirs`), which the server sends as its short text. */
function valueText(field: string, value: string, say: Say): string {
  if (field === 'size' && value in SIZE) return say(SIZE[value as TileSize])
  if (field !== 'target') return value
  if (value === 'default') return say('byDefault')
  const [target, warn] = value.split('/').map((part) => (part === 'default' ? null : Number(part)))
  return [target, warn].some((part) => part !== null && !Number.isFinite(part))
    ? value
    : bandText(target ?? null, warn ?? null, say)
}

/** What one change does, in the page's language, from its fields; the server's English line when they are missing. */
export function changeText(change: PlanChange, section: Section, say: Say): string {
  const what = say(section.scope === 'strip' ? 'goal' : 'tile')
  const count = (n: number) => say(section.scope === 'strip' ? 'goals' : 'tiles', { n })
  const { key = '', kpi = '', field, mine = '', theirs = '' } = change
  const side = (value: string) => (field ? valueText(field, value, say) : value)
  const fieldName = field && FIELD[field] ? say(FIELD[field]) : (field ?? '')
  const fallback = change.text
    .replace(/^CONFLICT /, 'Conflict ')
    .replace(/; (keep-mine|keeps|takes) .*$/, '')
    .replaceAll(' -> ', ' → ')
  switch (change.kind) {
    case 'create':
      if (change.count === undefined) break
      if (change.name)
        return say('createRole', {
          role: section.role ?? '',
          name: change.name[say.lang],
          title: theirs,
          count: count(change.count),
        })
      return say('createDashboard', { title: theirs, count: count(change.count) })
    case 'replace':
      if (change.count === undefined || change.had === undefined) break
      return say('replace', { had: count(change.had), n: change.count })
    case 'add':
      if (change.item) return say('changeAdd', { what, key, item: itemText(change.item, say) })
      if (change.kpis) return say('changeNewKpis', { list: change.kpis.join(', ') })
      if (field === 'role') return say('changeRoleNew')
      break
    case 'remove':
      if (change.kpis) return say('changeDroppedKpis', { list: change.kpis.join(', ') })
      if (change.key) return say('changeRemove', { what, key, kpi })
      break
    case 'change':
      if (field) return say('changeField', { what, key, field: fieldName, mine: side(mine), theirs: side(theirs) })
      break
    case 'keep':
      if (field === 'order') return say('keepOrder', { what })
      if (field === 'title') return say('keepTitle', { mine })
      if (field) return say('keepField', { what, key, field: fieldName, mine: side(mine), theirs: side(theirs) })
      if (change.key && change.item) return say('keepRemoved', { what, key, kpi })
      if (change.item) return say('keepOwn', { what, kpi })
      break
    case 'conflict':
      if (field === 'title') return say('conflictTitle', { mine, theirs })
      if (field === 'order') return say('conflictOrder', { what })
      if (field === 'removed' && change.item)
        return say('conflictRemoved', { what, key, mine: itemText(change.item, say) })
      if (field === 'tile' && change.items)
        return say('conflictTile', {
          what,
          key,
          mine: itemText(change.items.mine, say),
          theirs: itemText(change.items.theirs, say),
        })
      if (field && FIELD[field])
        return say('conflictField', { what, key, field: fieldName, mine: side(mine), theirs: side(theirs) })
      break
    case 'order':
      return say('takeOrder', { what })
    case 'title':
      if (change.mine !== undefined && change.theirs !== undefined) return say('retitle', { mine, theirs })
      break
    case 'detach':
      return say(section.scope === 'strip' ? 'detachStrip' : 'detachRole')
  }
  return fallback
}

/** The plan as lines, in the page's language: what "As text" shows and a user copies into a ticket or mail. */
function planText(plan: PackagePlan, say: Say, title: (section: Section) => string): string {
  const lines = [`${planHeadline(plan, say)}:`]
  for (const section of plan.sections) {
    lines.push(
      `  ${section.scope === 'strip' ? title(section) : say('sectionRole', { role: section.role ?? '', title: section.title ?? '' })}`,
    )
    if (section.changes.length === 0) lines.push(`    ${say('nothingChanges')}`)
    for (const change of section.changes) {
      const outcome = outcomeOf(change, plan, say)
      lines.push(`    ${PLAN_MARKS[change.kind]} ${changeText(change, section, say)}${outcome ? ` (${outcome})` : ''}`)
    }
  }
  if (plan.mode === 'upgrade') {
    const rule = plan.onConflict ? say(plan.onConflict === 'keep-mine' ? 'ruleKeepMine' : 'ruleTakeTheirs') : ''
    lines.push(
      plan.conflicts === 0
        ? say('noConflicts')
        : say(plan.onConflict ? 'conflictsSettled' : 'conflictsOpen', { n: plan.conflicts, rule }),
    )
  }
  return `${lines.join('\n')}\n`
}

/** A plan as the user reads it before confirming: per role, each change marked and coloured by what it does. */
export function renderPlan(plan: PackagePlan, say: Say, roleName: (id: string) => string = (id) => id): HTMLElement {
  const counts = new Map<Group, number>()
  for (const change of plan.sections.flatMap((section) => section.changes))
    counts.set(GROUP[change.kind], (counts.get(GROUP[change.kind]) ?? 0) + 1)
  const summary = h(
    'ul.plan-counts',
    null,
    ...(['added', 'removed', 'changed', 'kept', 'conflict'] as const)
      .filter((group) => counts.has(group))
      .map((group) =>
        h(`li.badge.change-${group}`, { 'data-count': group, text: say(COUNT[group], { n: counts.get(group)! }) }),
      ),
  )
  const title = (section: Section) => (section.scope === 'strip' ? say('companyStripChoice') : roleName(section.role!))
  // Sections without a change are named once, at the end, rather than one "nothing changes" each.
  const quiet = plan.sections.filter((section) => section.changes.length === 0)
  const sections = plan.sections
    .filter((section) => section.changes.length > 0)
    .map((section) =>
      h(
        'section.plan-section',
        { 'data-scope': section.role ?? 'strip' },
        h('h3', { text: section.scope === 'strip' ? title(section) : `${title(section)}: “${section.title ?? ''}”` }),
        h(
          'ul.plan-changes',
          null,
          ...section.changes.map((change) => {
            const group = GROUP[change.kind]
            const outcome = outcomeOf(change, plan, say)
            return h(
              `li.change-${group}`,
              { 'data-kind': change.kind },
              h('span.mark', { 'aria-hidden': 'true', text: MARK[group] }),
              h('span', { text: changeText(change, section, say) }),
              outcome ? h('span.badge.outcome', { text: outcome }) : null,
            )
          }),
        ),
      ),
    )
  if (quiet.length)
    sections.push(
      h('p.muted.plan-quiet', {
        text: say('noChangeTo', {
          list: quiet
            .map((section) => (section.scope === 'strip' ? say('theCompanyStrip') : title(section)))
            .join(', '),
        }),
      }),
    )
  return h(
    'div.plan',
    { 'data-mode': plan.mode },
    h('p.plan-head', null, h('strong', { text: planHeadline(plan, say) })),
    summary,
    ...sections,
    h('details.plan-text', null, h('summary', { text: say('asText') }), h('pre', { text: planText(plan, say, title) })),
  )
}
