import type { Text } from '../../../kpi-library/wire-types.js'
import type { GoalPathInput } from '../../wire/dashboards.js'
import type { DashboardPackage, PlanSummary } from '../../wire/packages.js'
import type { TileWrite } from '../dashboards.js'

// The shapes of a package file and of a plan: what every step from reading to writing passes on. A package file is
// what GET /api/packages/export answers, and a plan's changes go out as they are, so those shapes are the API's
// (server/wire/packages.ts).

export type { Change, ConflictRule, PlanItem, Section } from '../../wire/packages.js'
export {
  type DashboardPackage,
  PACKAGE_FORMAT,
  type PackageGoal,
  type PackageRole,
  type PackageTile,
} from '../../wire/packages.js'

/** A plan as the API shows it (server/wire/packages.ts PlanSummary, without its lines of text), and what it writes. */
export interface Plan extends Omit<PlanSummary, 'text'> {
  writes: DashboardWrite[]
  strip: ItemWrite[] | null
  pkg: DashboardPackage
}

/** A tile or goal as the plan writes it; a null `packageKey` is one of the client's own. */
export interface ItemWrite extends TileWrite {
  packageKey: string | null
  /** A strip goal's path (tiles have none). */
  path?: GoalPathInput
}

export interface DashboardWrite {
  role: string
  createRole: Text | null
  title: string
  tiles: ItemWrite[]
}
