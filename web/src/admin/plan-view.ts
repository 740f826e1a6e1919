import { h } from '../dom.ts'
import type { ChangeKind, PackagePlan, PlanChange } from '../types.ts'

type Group = 'added' | 'removed' | 'changed' | 'kept' | 'conflict'

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
const LABEL: Record<Group, (n: number) => string> = {
  added: (n) => `${n} added`,
  removed: (n) => `${n} removed`,
  changed: (n) => `${n} changed`,
  kept: (n) => `${n} of your edits kept`,
  conflict: (n) => `${n} conflict${n === 1 ? '' : 's'}`,
}

export function planHeadline(plan: PackagePlan): string {
  return plan.mode === 'import' ? `Import ${plan.name} ${plan.version}` : `Upgrade ${plan.name} ${plan.from} → ${plan.version}`
}

function outcomeOf(change: PlanChange, plan: PackagePlan): string | null {
  if (change.kind !== 'conflict') return null
  if (!plan.onConflict) return 'choose a rule'
  return change.outcome === 'theirs' ? "takes the package's" : 'keeps yours'
}

/** A plan as the user reads it before confirming: per role, each change marked and coloured by what it does. */
export function renderPlan(plan: PackagePlan, roleName: (id: string) => string = (id) => id): HTMLElement {
  const counts = new Map<Group, number>()
  for (const change of plan.sections.flatMap((section) => section.changes)) counts.set(GROUP[change.kind], (counts.get(GROUP[change.kind]) ?? 0) + 1)
  const summary = h(
    'ul.plan-counts',
    null,
    ...(['added', 'removed', 'changed', 'kept', 'conflict'] as const)
      .filter((group) => counts.has(group))
      .map((group) => h(`li.badge.change-${group}`, { 'data-count': group, text: LABEL[group](counts.get(group)!) })),
  )
  const title = (section: PackagePlan['sections'][number]) => (section.scope === 'strip' ? 'Company strip' : roleName(section.role!))
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
            const outcome = outcomeOf(change, plan)
            const text = change.text.replace(/^CONFLICT /, 'Conflict ').replace(/; (keep-mine|keeps|takes) .*$/, '').replaceAll(' -> ', ' → ')
            return h(
              `li.change-${group}`,
              { 'data-kind': change.kind },
              h('span.mark', { 'aria-hidden': 'true', text: MARK[group] }),
              h('span', { text }),
              outcome ? h('span.badge.outcome', { text: outcome }) : null,
            )
          }),
        ),
      ),
    )
  if (quiet.length) sections.push(h('p.muted.plan-quiet', { text: `No change to ${quiet.map((section) => (section.scope === 'strip' ? 'the company strip' : title(section))).join(', ')}.` }))
  return h(
    'div.plan',
    { 'data-mode': plan.mode },
    h('p.plan-head', null, h('strong', { text: planHeadline(plan) })),
    summary,
    ...sections,
    h('details.plan-text', null, h('summary', { text: 'As text' }), h('pre', { text: plan.text })),
  )
}
