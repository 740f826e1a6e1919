import type { Text } from '../../../kpi-library/wire-types.js'
import type { TileSize } from '../../wire/dashboards.js'
import type { ConflictRule, PackageMode, Section } from '../../wire/packages.js'
import type { TileWrite } from '../dashboards.js'

// The shapes of a package file and of a plan: what every step from reading to writing passes on. A plan's changes
// go out as they are, so their shapes are the API's (server/wire/packages.ts).

export type { Change, ConflictRule, PlanItem, Section } from '../../wire/packages.js'

export const PACKAGE_FORMAT = 'roleboard-package'

export interface PackageTile {
  key: string
  kpi: string
  params: Record<string, unknown>
  target: number | null
  warn: number | null
  size: TileSize
  /** The owner's own title for the tile (optional in the format): left out, the KPI's. */
  title?: string
}

export type PackageGoal = Omit<PackageTile, 'size' | 'title'>

export interface PackageRole {
  id: string
  name: Text
  title: string
  tiles: PackageTile[]
}

export interface DashboardPackage {
  format: typeof PACKAGE_FORMAT
  formatVersion: 1
  name: string
  version: string
  author: string
  description: string
  roles: PackageRole[]
  strip?: PackageGoal[]
  kpis: Record<string, string>
}

export interface Plan {
  mode: PackageMode
  name: string
  version: string
  /** The installed version an upgrade starts from. */
  from: string | null
  onConflict: ConflictRule | null
  conflicts: number
  sections: Section[]
  writes: DashboardWrite[]
  strip: ItemWrite[] | null
  pkg: DashboardPackage
}

/** A tile or goal as the plan writes it; a null `packageKey` is one of the client's own. */
export interface ItemWrite extends TileWrite {
  packageKey: string | null
}

export interface DashboardWrite {
  role: string
  createRole: Text | null
  title: string
  tiles: ItemWrite[]
}
