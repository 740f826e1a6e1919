// The server's JSON as the browser sees it. Declared once where the server declares it (server/wire and
// kpi-library/wire-types.ts, which import nothing of the server), imported here as types only: the bundle
// gets none of that code, and a changed answer fails the browser's type check instead of drifting apart.

import type { Goal, GoalPathInput } from '../../server/wire/dashboards.ts'
import type { Change, PlanItem as PlannedTile } from '../../server/wire/packages.ts'

export type {
  AckMode,
  BreakdownResult,
  KpiKind as Kind,
  Lang,
  MspSettings,
  NumberResult,
  ParamSpec as LibraryParam,
  Status,
  Text,
  TrendResult,
  Unit,
} from '../../kpi-library/wire-types.ts'
export type {
  AckRecord,
  ServedResult as KpiResult,
  ServedList as ListResult,
  Row,
  RowAck,
} from '../../server/wire/acks.ts'
export type {
  ApplyResult,
  BuilderHandoff,
  ConsultantSession,
  PackageRef,
  TenantList,
  TenantListEntry as TenantOverview,
  TenantsApplyAnswer,
  TenantsPlanAnswer,
} from '../../server/wire/consultant.ts'
export type {
  Dashboard as DashboardDefinition,
  ErrorResult,
  GoalPath,
  GoalPathInput,
  Strip,
  Tile as TileDefinition,
  TileResult,
  TileSize,
  WallData,
  WallGoal,
  WallPath,
  WallTile,
  WallTrend,
} from '../../server/wire/dashboards.ts'
export type { StreamStamp } from '../../server/wire/events.ts'
export type { KpiList, LibraryKpi } from '../../server/wire/kpis.ts'
export type { MeData } from '../../server/wire/me.ts'
export type {
  ChangeKind,
  ConflictRule,
  DashboardPackage,
  InstalledPackages,
  PlanSummary as PackagePlan,
} from '../../server/wire/packages.ts'
export type { ChannelKind, ChannelView, NudgeState, RuleView, TestResult } from '../../server/wire/nudges.ts'
export type { RoleInfo, RoleList } from '../../server/wire/roles.ts'
export type { User } from '../../server/wire/session.ts'
export type { SettingsView } from '../../server/wire/settings.ts'
export type { WebhookList, WebhookState } from '../../server/wire/hooks.ts'
export type { Budget, BudgetEntity } from '../../server/wire/budget.ts'
export type { PsaInfo } from '../../server/wire/psa.ts'
export type {
  CreatedLink,
  LinkLanguage,
  Links,
  People,
  Person,
  ScreenAddress,
  Link as TokenInfo,
} from '../../server/wire/tokens.ts'

/** A company goal as the strip editor keeps it: read from the server, or just added (no parameters yet). */
export type StripGoal = Pick<Goal, 'kpi' | 'target' | 'warn'> &
  Partial<Pick<Goal, 'params'>> & { path?: Goal['path'] | GoalPathInput }

/** A plan's tile or goal as the plan view reads it: it shows no titles. */
export type PlanItem = Omit<PlannedTile, 'title'>
export type PlanChange = Change<PlanItem>
