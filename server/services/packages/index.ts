// Dashboard packages: a consultant's set of role dashboards as one versioned file. Import replaces
// the dashboards of the package's roles; upgrade merges three ways (the installed version, the
// client's dashboards now, the new version) so client edits survive and the consultant's arrive.
// Every operation plans first (pure, no writes) and then writes the plan in one transaction: `diff`
// shows exactly the plan that `import`/`upgrade` would write.

export { importPackage, upgradePackage } from './apply.js'
export { type ExportOptions, exportPackage } from './export.js'
export { MAX_PACKAGE_BYTES, parsePackage } from './parse.js'
export { diffPackage } from './plan.js'
export { planSummary, renderPlan } from './render.js'
export { listInstalled } from './state.js'
export {
  type Change,
  type ConflictRule,
  type DashboardPackage,
  PACKAGE_FORMAT,
  type PackageGoal,
  type PackageRole,
  type PackageTile,
  type Plan,
  type PlanItem,
  type Section,
} from './types.js'
export { satisfies } from './version.js'
