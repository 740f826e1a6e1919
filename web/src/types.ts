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
  items: Array<{ key: string; label: string; value: number | null }>
}

export interface ListResult extends BaseResult {
  kind: 'list'
  count: number
  rows: Row[]
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
  params: Record<string, { type: string; default: unknown; description: Text }>
  personal: boolean
  freshnessMinutes: number
  action?: { verb: Text; owner: Text; leavesWhen: Text }
}

export interface TileDefinition {
  id: number
  position: number
  kpi: string
  params: Record<string, unknown>
  target: number | null
  warn: number | null
  size: TileSize
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
  name: string
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
