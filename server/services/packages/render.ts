import type { PlanSummary } from '../../wire/packages.js'
import { PLAN_MARKS } from '../../wire/plan-marks.js'
import type { Plan } from './types.js'

/** `1 conflict`, `3 conflicts`. */
export const conflictCount = (count: number): string => `${count} conflict${count === 1 ? '' : 's'}`

/** The plan as the lines a person reads: per role, what is added, removed, changed, kept, and what conflicts. */
export function renderPlan(plan: Plan): string {
  const rule = plan.onConflict ? ` (on conflict: ${plan.onConflict})` : ''
  const head =
    plan.mode === 'import'
      ? `Import ${plan.name} ${plan.version} (nothing of it is installed yet):`
      : `Upgrade ${plan.name} ${plan.from} -> ${plan.version}${rule}:`
  const lines = [head]
  for (const section of plan.sections) {
    lines.push(section.scope === 'strip' ? '  company strip' : `  role ${section.role} ("${section.title}")`)
    if (section.changes.length === 0) lines.push('    nothing changes')
    for (const change of section.changes) lines.push(`    ${PLAN_MARKS[change.kind]} ${change.text}`)
  }
  if (plan.mode === 'upgrade') {
    const resolution = plan.onConflict
      ? `, resolved by ${plan.onConflict}`
      : ': upgrade with --on-conflict keep-mine or take-theirs'
    lines.push(plan.conflicts === 0 ? 'No conflicts.' : `${conflictCount(plan.conflicts)}${resolution}.`)
  }
  return `${lines.join('\n')}\n`
}

/** The plan without its write instructions and the package copy, for an API answer. */
export function planSummary(plan: Plan): PlanSummary {
  const { writes: _writes, strip: _strip, pkg: _pkg, ...rest } = plan
  return { ...rest, text: renderPlan(plan) }
}
