// The server's JSON as the browser sees it. A mirror of kpi-library/types.ts and
// server/services/dashboards.ts on purpose: importing those would type-check server code under the
// browser's settings, and the wire format is the contract, not the server's internals.

export type Lang = 'en' | 'nl'
export type Status = 'good' | 'warn' | 'bad' | 'none'
export type Unit = 'count' | 'percent' | 'hours' | 'minutes' | 'days' | 'euro' | 'ratio' | 'score'
export type Kind = 'number' | 'trend' | 'breakdown' | 'list'
export type TileSize = 's' | 'm' | 'l'
export type Row = Record<string, unknown> & { rowKey?: string }

export interface Text {
  en: string
  nl: string
}

interface BaseResult {
  id: string
  title: string
  /** The period it covers, in the wall's language ("last 7 days", "now"). */
  window: string
  context: string
  status: Status
  asOf: string | null
  evaluatedAt: string
}

export interface NumberResult extends BaseResult {
  kind: 'number'
  value: number | null
  unit: Unit
  target: number | null
}

export interface TrendResult extends Omit<NumberResult, 'kind'> {
  kind: 'trend'
  points: Array<{ t: string; value: number | null }>
}

export interface BreakdownResult extends Omit<NumberResult, 'kind'> {
  kind: 'breakdown'
  /** Worst first (or the buckets' natural order); `status` is 'none' where items are not judged. */
  items: Array<{ key: string; label: string; value: number | null; status: Status }>
}

/** `none`: nobody taps a row away; `take`: "I'm on it" for every screen; `resolve`: a note, then gone for everyone. */
export type AckMode = 'none' | 'take' | 'resolve'

/** An active "I'm on it" as a list row carries it in `ack` (server/services/acks.ts RowAck). */
export interface RowAck {
  id: number
  mode: 'take'
  by: string
  byResourceId: number | null
  at: string
  note: string | null
}

export interface ListResult extends BaseResult {
  kind: 'list'
  count: number
  rows: Row[]
  action: { verb: string; ack: AckMode; done: string | null } | null
}

export type KpiResult = NumberResult | TrendResult | BreakdownResult | ListResult

export interface ErrorResult {
  id: string
  kind: 'error'
  message: string
}

export type TileResult = KpiResult | ErrorResult

export interface WallTile {
  tileId: number
  size: TileSize
  freshnessMinutes?: number | null
  result: TileResult
}

export interface WallGoal {
  goalId: number
  freshnessMinutes?: number | null
  result: TileResult
}

export interface WallData {
  role: string
  roleName: string
  title: string
  version: number
  lang: Lang
  dataAsOf: string | null
  dataAgeSeconds: number | null
  strip: WallGoal[]
  tiles: WallTile[]
}

export interface MeData {
  resourceId: number
  name: string
  dataAsOf: string | null
  lists: Array<ListResult | ErrorResult>
}

export interface LibraryKpi {
  id: string
  kind: Kind
  group: string
  title: Text
  description: Text
  roles: string[]
  unit: Unit
  direction: 'higher' | 'lower' | 'neutral'
  window: Text
  band: { target: number; warn: number } | null
  params: Record<string, LibraryParam>
  personal: boolean
  freshnessMinutes: number
  action?: { verb: Text; owner: Text; leavesWhen: Text }
}

/** A KPI parameter as the library declares it (kpi-library/types.ts ParamSpec). */
export interface LibraryParam {
  type: 'number' | 'integer' | 'integers' | 'boolean' | 'string'
  default: unknown
  min?: number
  max?: number
  description: Text
}

export interface TileDefinition {
  id: number
  position: number
  kpi: string
  params: Record<string, unknown>
  target: number | null
  warn: number | null
  size: TileSize
  /** The owner's own title; null: the KPI's. */
  title: string | null
}

export interface DashboardDefinition {
  id: number
  role: string
  roleName: Text
  title: string
  version: number
  updatedAt: string
  tiles: TileDefinition[]
}

export interface RoleInfo {
  id: string
  name: Text
  builtin: boolean
  dashboard: { id: number; title: string } | null
}

export interface TokenInfo {
  id: number
  kind: 'wall' | 'person'
  role: string | null
  resourceId: number | null
  /** A personal link's person, as the PSA names them now. */
  person?: string | null
  name: string
  lang?: Lang
  createdAt: string
  lastSeenAt: string | null
  revokedAt: string | null
}

export interface StripGoal {
  id?: number
  kpi: string
  params?: Record<string, unknown>
  target: number | null
  warn: number | null
}

/** A package as listed by GET /api/packages. */
export interface InstalledPackageInfo {
  name: string
  version: string
  author: string
  description: string
  roles: string[]
  strip: boolean
  installedAt: string
}

export type ChangeKind = 'create' | 'replace' | 'add' | 'remove' | 'change' | 'keep' | 'conflict' | 'order' | 'title' | 'detach'
export type ConflictRule = 'keep-mine' | 'take-theirs'

export interface PlanChange {
  kind: ChangeKind
  key?: string
  kpi?: string
  field?: string
  mine?: string
  theirs?: string
  outcome?: 'mine' | 'theirs'
  /** What `text` says in English, as data (server/services/packages.ts Change): the screens say it in their language. */
  item?: PlanItem
  items?: { mine: PlanItem; theirs: PlanItem }
  count?: number
  had?: number
  kpis?: string[]
  name?: Text
  text: string
}

export interface PlanItem {
  kpi: string
  params: Record<string, unknown>
  target: number | null
  warn: number | null
  size: TileSize
}

/** What an import or upgrade does (or did): the answer of /api/packages/diff, /import and /upgrade. */
export interface PackagePlan {
  mode: 'import' | 'upgrade'
  name: string
  version: string
  from: string | null
  onConflict: ConflictRule | null
  conflicts: number
  sections: Array<{ scope: 'role' | 'strip'; role?: string; title?: string; changes: PlanChange[] }>
  /** The same plan as lines a person reads. */
  text: string
}

/** One client MSP as the consultant API shows it; `error` alone when the tenant could not be opened. */
export interface TenantOverview {
  id: string
  name: string
  source: 'autotask' | 'simulator'
  error?: string
  syncIntervalSeconds?: number
  sync?: { at: string | null; ok: boolean | null; error: string | null; running: boolean }
  redKpis?: { total: number; byRole: Record<string, number> }
  packages?: Array<{ id: string; version: string | null; installedAt: string | null }> | null
}

export interface ApplyResult {
  tenant: string
  ok: boolean
  /** Absent when the tenant could not be asked at all (its file did not open, the package is bad). */
  mode?: 'import' | 'upgrade'
  plan?: PackagePlan
  /** From /api/consultant/packages/plan: names the plan shown, for the apply that confirms it. */
  planId?: string
  error?: { message: string; code?: string }
}
