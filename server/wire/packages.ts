import { type Static, Type } from 'typebox'
import type { Text } from '../../kpi-library/wire-types.js'
import { Nullable, OneOf, Open, RoleIdListSchema, Word } from './common.js'
import type { GoalPathInput, Tile, TileSize } from './dashboards.js'

// The package itself is checked against docs/package.schema.json by the service (one message for CLI and API
// alike); these schemas check the envelope.

export const PACKAGE_MODES = ['import', 'upgrade'] as const
export type PackageMode = (typeof PACKAGE_MODES)[number]
/** Where the client and the package both changed a tile: keep the client's edit, or take the package's. */
export const CONFLICT_RULES = ['keep-mine', 'take-theirs'] as const
export type ConflictRule = (typeof CONFLICT_RULES)[number]
export const ConflictRuleSchema = OneOf(CONFLICT_RULES)

export const PackageBodySchema = Type.Object({ package: Open }, { additionalProperties: false })
/** A package to compare or merge with what is installed, and the rule for conflicts. */
export const MergeBodySchema = Type.Object(
  { package: Open, onConflict: Type.Optional(ConflictRuleSchema) },
  { additionalProperties: false },
)

/** The current dashboards as a package: which roles (comma-separated), under what name, version and author. */
export const ExportQuerySchema = Type.Object(
  {
    roles: Type.Optional(RoleIdListSchema),
    name: Type.Optional(Type.String({ maxLength: 64 })),
    version: Type.Optional(Type.String({ maxLength: 64 })),
    author: Type.Optional(Type.String({ maxLength: 120 })),
    strip: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)

/** A package file (docs/package.schema.json): what GET /api/packages/export answers and an import reads. */
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

/** A strip goal: a tile without size or title, and optionally a path (left out in files made before goal paths). */
export type PackageGoal = Omit<PackageTile, 'size' | 'title'> & { path?: GoalPathInput }

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

/** A tile or goal as a plan names it; a goal on a path carries it. */
export type PlanItem = Omit<Tile, 'id' | 'position'> & { path?: GoalPathInput }

/**
 * One line of a plan: what happens to a dashboard, a tile or a goal, as data and as English `text`. `Item`:
 * what a reader takes of the tiles it names (the builder's plan view shows no titles).
 */
export interface Change<Item = PlanItem> {
  kind: 'create' | 'replace' | 'add' | 'remove' | 'change' | 'keep' | 'conflict' | 'order' | 'title' | 'detach'
  key?: string
  kpi?: string
  field?: string
  mine?: string
  theirs?: string
  /** For a conflict: whose side the chosen rule takes. */
  outcome?: 'mine' | 'theirs'
  // What `text` says, as data, so a screen can say it in its own language.
  /** The tile or goal added, removed, kept removed or edited-but-removed. */
  item?: Item
  /** Both sides of a tile whose edits do not fit together. */
  items?: { mine: Item; theirs: Item }
  /** Tiles or goals the package brings (create, replace); `had`: how many were there (replace). */
  count?: number
  had?: number
  /** KPIs a replace brings in (add) or drops (remove). */
  kpis?: string[]
  /** The name of a custom role the import creates. */
  name?: Text
  text: string
}
export type ChangeKind = Change['kind']

/** The changes to one role's dashboard, or to the company strip. */
export interface Section {
  scope: 'role' | 'strip'
  role?: string
  title?: string
  changes: Change[]
}

/** What an import or upgrade does (or did): the answer of /api/packages/diff, /import and /upgrade. */
export const PlanSummarySchema = Type.Object({
  mode: Word<PackageMode>(),
  name: Type.String(),
  version: Type.String(),
  /** The installed version an upgrade starts from. */
  from: Nullable(Type.String()),
  onConflict: Nullable(Word<ConflictRule>()),
  conflicts: Type.Integer(),
  // Each section as it is: the schema does not look into it.
  sections: Type.Array(Type.Unsafe<Section>(Open)),
  /** The same plan as lines a person reads. */
  text: Type.String(),
})
export type PlanSummary = Static<typeof PlanSummarySchema>

/** A package as GET /api/packages lists it. */
const InstalledPackageSchema = Type.Object({
  name: Type.String(),
  version: Type.String(),
  author: Type.String(),
  description: Type.String(),
  roles: Type.Array(Type.String()),
  strip: Type.Boolean(),
  installedAt: Type.String(),
})
export type InstalledPackage = Static<typeof InstalledPackageSchema>
export const InstalledPackagesSchema = Type.Object({ packages: Type.Array(InstalledPackageSchema) })
export type InstalledPackages = Static<typeof InstalledPackagesSchema>
