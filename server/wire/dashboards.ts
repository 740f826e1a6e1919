import { type Static, Type } from 'typebox'
import type { Direction, Lang } from '../../kpi-library/wire-types.js'
import type { ServedResult } from './acks.js'
import { PERIOD_PATTERN } from './goal-period.js'
import {
  Dictionary,
  IdSchema,
  KpiIdSchema,
  LangSchema,
  Nullable,
  OneOf,
  Open,
  OpenOf,
  RoleIdSchema,
  TextSchema,
  TokenSchema,
  Word,
} from './common.js'

export const TILE_SIZES = ['s', 'm', 'l'] as const
export type TileSize = (typeof TILE_SIZES)[number]

/**
 * A KPI's parameters as a tile sets them. Typed as any values: the KPI library checks each against the KPI's own
 * specs (resolveParams), wherever the tile comes from (the API, a package, the database).
 */
export const ParamsSchema = Type.Unsafe<Record<string, unknown>>(
  Dictionary(
    Type.Union([
      Type.Number(),
      Type.Boolean(),
      Type.String({ maxLength: 200 }),
      Type.Array(Type.Integer(), { maxItems: 100 }),
    ]),
    { maxProperties: 20 },
  ),
)

// null (an emptied box in the builder) means "the KPI's own band"; it is stored and returned as null.
const BandSchema = Nullable(Type.Number())

const tileInputFields = {
  kpi: KpiIdSchema,
  params: Type.Optional(ParamsSchema),
  target: Type.Optional(BandSchema),
  warn: Type.Optional(BandSchema),
  size: Type.Optional(OneOf(TILE_SIZES)),
  // A tile's own title as the owner typed it; null or only spaces: the KPI's own title.
  title: Type.Optional(Nullable(Type.String({ maxLength: 120 }))),
}
export const TileInputSchema = Type.Object(tileInputFields, { additionalProperties: false })
export type TileInput = Static<typeof TileInputSchema>

/** Where a tile goes among the others (0: first); past the end: last. */
const position = Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 }))
export const NewTileSchema = Type.Object({ ...tileInputFields, position }, { additionalProperties: false })
export const TileChangeSchema = Type.Partial(NewTileSchema, { additionalProperties: false, minProperties: 1 })

export const TileParamsSchema = Type.Object({ role: RoleIdSchema, tileId: IdSchema }, { additionalProperties: false })

const TilesSchema = Type.Array(TileInputSchema, { maxItems: 150 })
const TitleSchema = Type.String({ minLength: 1, maxLength: 120 })
export const NewDashboardSchema = Type.Object(
  { role: RoleIdSchema, title: TitleSchema, tiles: Type.Optional(TilesSchema) },
  { additionalProperties: false },
)
export const DashboardChangeSchema = Type.Object(
  { title: Type.Optional(TitleSchema), tiles: Type.Optional(TilesSchema) },
  { additionalProperties: false, minProperties: 1 },
)

/** A tile as the builder reads it back; every field spelled out. */
export const TileSchema = Type.Object({
  id: Type.Integer(),
  position: Type.Integer(),
  kpi: Type.String(),
  params: Open,
  target: Nullable(Type.Number()),
  warn: Nullable(Type.Number()),
  size: Word<TileSize>(),
  /** The owner's own title; null: the KPI's. */
  title: Nullable(Type.String()),
})
export type Tile = Static<typeof TileSchema>

/** A role's dashboard as the builder edits it. */
export const DashboardSchema = Type.Object({
  id: Type.Integer(),
  role: Type.String(),
  roleName: TextSchema,
  title: Type.String(),
  version: Type.Integer(),
  updatedAt: Type.String(),
  tiles: Type.Array(TileSchema),
})
export type Dashboard = Static<typeof DashboardSchema>

/**
 * A wall's query: its language, its link's token, (for the admin's preview) whose view, and `fresh` when its
 * event stream said the answer changed: then it waits for the new answer instead of taking the last one.
 */
export const WallQuerySchema = Type.Object(
  {
    lang: Type.Optional(LangSchema),
    token: Type.Optional(TokenSchema),
    me: Type.Optional(IdSchema),
    fresh: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)

/** A tile or goal whose KPI could not be evaluated: the wall says so in its place. */
export interface ErrorResult {
  id: string
  kind: 'error'
  message: string
}

export type TileResult = ServedResult | ErrorResult

/**
 * Where a goal with a path stands today, for a wall: the result's status and target are judged against `expected`
 * (the path's value today) instead of the fixed target.
 */
export interface WallPath {
  period: string
  expected: number
  /** The period's last day and the target the path reaches on it. */
  end: string
  target: number
  /**
   * What the shortfall against the path costs: the phrase ("€ 4.100 declarabele tijd tekort deze maand bij dit tempo") and its amount
   * alone, for where the phrase does not fit; null: nothing short, or no honest price.
   */
  consequence: { text: string; amount: string } | null
}

/** A tile's recorded history (server/services/history/trends.ts): its last 52 weeks or 12 months, and what it was before. */
export interface WallTrend {
  /** `week`: runs of 7 days ending yesterday; `month`: a KPI whose window moves a calendar month at a time. */
  step: 'week' | 'month'
  /** Oldest first, each as of the local date `end`; null: nothing recorded for it. */
  points: Array<{ end: string; value: number | null }>
  /**
   * What the value now compares with: a week ago (a KPI of a period so far: as of the same hour a week ago), or for
   * `month` the month before; null when it was not recorded.
   */
  before: number | null
  /** Which way is better, so a change reads as good or bad news. */
  direction: Direction
  /** True for a KPI of a period so far (today, this week): its points are whole periods, not comparable with its number now. */
  soFar: boolean
}

export interface WallTile {
  tileId: number
  size: TileSize
  /** Minutes after which a wall shows this tile's data as stale (the KPI's own freshness). */
  freshnessMinutes: number | null
  result: TileResult
  /** Set when a company goal with a path shows the same KPI with the same parameters: the tile is judged on it. */
  path?: WallPath
  /** Its history, where a few days of it are recorded. */
  trend?: WallTrend
}

export interface WallGoal {
  goalId: number
  freshnessMinutes: number | null
  result: TileResult
  path: WallPath | null
}

/** A dashboard with every tile evaluated, in one language: what a wall screen polls. */
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

/** A goal's path: over its period it runs in a straight line from `start` (on the first day) to its target (on the last). */
export const GoalPathInputSchema = Type.Object(
  { period: Type.String({ pattern: PERIOD_PATTERN }), start: Type.Number() },
  { additionalProperties: false },
)
export type GoalPathInput = Static<typeof GoalPathInputSchema>

/** A company goal as the strip editor sends it: a tile without size or title, with an optional path (null: none). */
const GoalSchema = Type.Object(
  {
    kpi: tileInputFields.kpi,
    params: tileInputFields.params,
    target: tileInputFields.target,
    warn: tileInputFields.warn,
    path: Type.Optional(Nullable(GoalPathInputSchema)),
  },
  { additionalProperties: false },
)
export type GoalInput = Static<typeof GoalSchema>
export const StripInputSchema = Type.Object(
  { goals: Type.Array(GoalSchema, { maxItems: 20 }) },
  { additionalProperties: false },
)

/** The path's expected value at the end of one ISO week (`end`: its Sunday, or the period's last day). */
export interface PathWeek {
  week: string
  end: string
  expected: number
}

/** A goal's path as the builder reads it back: the period's first and last day and the expected value per week. */
export interface GoalPath extends GoalPathInput {
  from: string
  to: string
  weeks: PathWeek[]
}

/** A company goal as the strip editor reads it back. */
export type Goal = Omit<Tile, 'size' | 'title'> & { path: GoalPath | null }
export const StripSchema = Type.Object({ goals: Type.Array(OpenOf<Goal>()) })
export type Strip = Static<typeof StripSchema>
