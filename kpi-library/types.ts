import type { Compilable, InferResult, Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { PsaLimit } from '../db/psa-model.js'
import type { BusinessHours, Window } from './time.js'
import type {
  ActionSpec,
  Band,
  BreakdownItem,
  Direction,
  Group,
  KpiKind,
  Lang,
  ParamSpec,
  ParamValue,
  Text,
  TrendPoint,
  Unit,
} from './wire-types.js'

// The types the API sends live apart, so the browser can import them without the queries' types.
export type * from './wire-types.js'

export const ROLES = [
  'owner',
  'integrator',
  'service-manager',
  'team-lead',
  'engineer',
  'finance',
  'account-manager',
] as const
export type Role = (typeof ROLES)[number]

/** Everything a KPI's queries and computation may use. */
export interface KpiContext<P = Record<string, ParamValue>> {
  db: Kysely<Database>
  now: Date
  tz: string
  hours: BusinessHours
  params: P
  /** The resource the dashboard is for (`me`), or null for the whole team. */
  me: number | null
  role: Role | string
  /**
   * The language the result is for, read by `context`. `compute` serves both languages (the engine
   * shares one computation): words it writes are a `Text` (see Computed), not built from this.
   */
  lang: Lang
  /**
   * Per person, from the MSP settings (kpi-library/settings.ts): contracted hours where they differ from
   * the `weeklyHours` parameter (empty when a tile sets that parameter itself) and leave days. Absent: none.
   */
  staff?: StaffCalendar
  /**
   * The MSP's hourly rate per contract type (contract.contract_type), from the settings
   * (kpi-library/settings.ts), where it prices a type apart from the standard rate; hours billed by
   * the hour under any other type, or under no contract, are worth the `standardRate` parameter
   * (finance/shared.ts `hourlyRate`). Absent or empty: none.
   */
  rates?: ReadonlyMap<number, number>
  /** The MSP's standard hourly rate as set in the settings; absent when the owner has not set one. */
  standardRate?: number
  /**
   * A drill-down's window (this week, a chosen range): a KPI that declares `drill` reads it instead of its own
   * ("last 7 days"). Absent: its own.
   */
  window?: Window
}

/**
 * How a KPI opens the records behind its number (a drill-down): rows of one of its queries, each about one
 * ticket (`ticketId`) or one record of its own on a ticket (a survey), so a person can check the number row by row
 * and open each ticket in the PSA.
 */
export interface KpiDrill {
  /** The query whose rows are the records behind the number; each row carries `ticketId` (null: no ticket). */
  query: string
  /** The row's field holding the date that put it in the window (completed, created, due). */
  date: string
  /** The row's field holding the record's own id where the record is not the ticket (a survey's, a review's). */
  record?: string
  /**
   * True when the value depends on the drill query's rows only (other queries are context), so the KPI's own
   * `compute` over a filtered set of them gives the value for that company, resource or queue.
   */
  recompute?: boolean
  /**
   * The KPI's verdict on one row (met, missed), `bad` when it counts against the number; null for a row the
   * number leaves out (no verdict yet), which the drill-down leaves out too; `rows` are all the KPI's query rows
   * (the work on a ticket). Absent: every row counts as is.
   */
  verdict?(row: Record<string, unknown>, ctx: KpiContext, rows: AnyRows): { text: Text; bad: boolean } | null
}

/**
 * What a shortfall costs, as a KPI prices it (`consequence`): an amount in euros and what it is money of
 * ("of billable time this month"), said after the amount.
 */
export interface Consequence {
  amount: number
  what: Text
}

export interface StaffCalendar {
  weeklyHours: ReadonlyMap<number, number>
  /** Local dates (`YYYY-MM-DD`) a person is on leave. */
  leave: ReadonlyMap<number, readonly string[]>
}

/**
 * What a KPI's `compute` returns; the engine adds id, kind, unit, target, status, texts and times.
 * One computation serves both languages, so a word roleboard writes itself into a row or an item's
 * label (a reason, a fallback "No priority") is a `Text`: the result carries the one of its language.
 */
export interface Computed {
  value?: number | null
  points?: TrendPoint[]
  items?: Array<Omit<BreakdownItem, 'label'> & { label: string | Text }>
  rows?: Array<Record<string, unknown>>
  /** Numbers (and names) for the context sentence. */
  facts?: Record<string, number | string | Text | null>
}

/**
 * What an owner or consultant needs to trust a KPI, for the generated reference (`docs/kpis.md`).
 */
export interface KpiAbout {
  /** Who or what is counted, and who is left out (alerts in or out, open only, billable staff...). */
  population: Text
  /** The model's columns it reads, as table.column (docs/psa-model.md), e.g. `ticket.state`, `time_entry.hours_worked`. */
  sources: readonly string[]
  /** The industry definition it follows, or how it differs, with the catalog's id (`kpi-catalog.md`, e.g. "A3"). */
  industry: Text
}

/** A query as a KPI hands it over: built but not run. The engine executes it, tests may compile it. */
export type KpiQuery = Compilable<unknown> & { execute(): Promise<unknown[]> }

export type KpiQueries = Record<string, KpiQuery>

/** What `compute` receives: per query name, the rows that query returns, typed by what it selects. */
export type RowsOf<Q extends KpiQueries> = { [K in keyof Q]: InferResult<Q[K]> }

/** Rows of any KPI, their types erased: what the engine, which runs every KPI alike, hands over. */
export type AnyRows = Record<string, unknown[]>

/** Everything of a KPI but its queries and computation. */
interface KpiFields<P extends Record<string, ParamValue>> {
  /** Stable snake_case id; dashboards and packages refer to it. */
  id: string
  title: Text
  /** What the KPI means and what to do about it. */
  description: Text
  group: Group
  kind: KpiKind
  roles: readonly Role[]
  unit: Unit
  direction: Direction
  /** The period it covers, in words ("last 7 days", "now"). */
  window: Text
  /**
   * How the KPI counts otherwise where the synced PSA cannot tell what it reads (db/psa-model.ts PsaLimit): a few
   * words the tile's window adds then ("deadlines not moved for waiting").
   */
  differs?: Partial<Record<PsaLimit, Text>>
  params: { [K in keyof P]: ParamSpec }
  band: Band | null
  /** True when each breakdown item is judged against the same band as the headline (CSAT per engineer). */
  bandPerItem?: boolean
  /** Minutes after which the data behind it should be called stale on a wall screen. */
  freshnessMinutes: number
  /** True when `me` narrows it to one person's rows. */
  personal: boolean
  /**
   * False when its value is the present state (open tickets, who waits now), which the synced data cannot
   * recompute for a past day: the history store then records it live only, never backfills it.
   */
  backfill?: false
  /**
   * How many days back from its instant its window reaches ("last 30 days": 30, "previous calendar month": 62),
   * for every KPI the history store backfills: a past day is recorded only when the synced history covers its
   * whole window, so a newly connected PSA's first month does not read as a month of zeros.
   */
  reachDays?: number
  /**
   * True when its window moves a calendar month at a time ("last month", "last 3 full months"): its value changes
   * once a month, so its history compares month with month, not week with week.
   */
  stepsMonthly?: true
  /**
   * True when its value is a period so far ("this ISO week so far"), like every KPI of today so far (reachDays 1):
   * its trend compares with the same hour a week ago, when the period had run as long, never with a whole period.
   */
  soFar?: true
  action?: ActionSpec
  /**
   * The rows behind the number, for a drill-down; a function where the rows decide which query counts (SmileBack's
   * reviews once connected, else the surveys). Absent: the KPI has none (it reads several populations or sums in SQL).
   */
  drill?: KpiDrill | ((rows: AnyRows) => KpiDrill)
  /** Population, source fields and industry definition, for the KPI reference; optional until filled in per KPI. */
  about?: KpiAbout
  /** The sentence that puts the number in context, with the numbers filled in. */
  context(result: Computed, ctx: KpiContext<P>): Text
  /**
   * What falling `gap` (in the KPI's unit, > 0) short of where it should be (a goal's path) costs, where this
   * result and the settings allow an honest sum; null where they do not (no rate set, no hours). Left out: no price.
   */
  consequence?(gap: number, result: Computed, ctx: KpiContext<P>): Consequence | null
}

/**
 * A KPI as the library holds it: one of a heterogeneous list, its rows' types erased (`defineKpi`
 * checked them when the KPI was declared).
 */
export interface KpiDefinition<P extends Record<string, ParamValue> = Record<string, ParamValue>> extends KpiFields<P> {
  /** The Kysely queries, built but not run: the engine executes them, tests may compile them. */
  queries(ctx: KpiContext<P>): KpiQueries
  compute(rows: AnyRows, ctx: KpiContext<P>): Computed
}

/**
 * A KPI as its file declares it: `compute` receives what `queries` selects, so reading a column the
 * query does not select (or under another name) fails to compile; `context` receives what `compute`
 * returns, so a fact read under another name fails too. Nothing is spelled out: `defineKpi` infers it.
 */
export type KpiSpec<S extends Record<string, ParamSpec>, Q extends KpiQueries, C extends Computed> = Omit<
  KpiFields<ParamsOf<S>>,
  'params' | 'context' | 'consequence'
> & {
  params: S
  /** The Kysely queries, built but not run: the engine executes them, tests may compile them. */
  queries: (ctx: KpiContext<ParamsOf<S>>) => Q
  compute: (rows: RowsOf<Q>, ctx: KpiContext<ParamsOf<S>>) => C
  context: (result: C, ctx: KpiContext<ParamsOf<S>>) => Text
  consequence?: (gap: number, result: C, ctx: KpiContext<ParamsOf<S>>) => Consequence | null
}

/** The parameter values a KPI receives, typed from its parameter specs' defaults. */
export type ParamsOf<S extends Record<string, ParamSpec>> = {
  [K in keyof S]: S[K]['default'] extends number[]
    ? number[]
    : S[K]['default'] extends number
      ? number
      : S[K]['default'] extends boolean
        ? boolean
        : string
}

/**
 * Declares a KPI; its queries, computation and sentence see its parameters with their types, its
 * computation the rows of its queries with theirs, and its sentence what its computation returned.
 * The one place those types are erased: what comes out is a `KpiDefinition` the engine and `ALL_KPIS`
 * hold next to any other. Sound because the engine hands `compute` the rows of this KPI's own queries
 * and `context` this KPI's own result.
 */
export function defineKpi<S extends Record<string, ParamSpec>, Q extends KpiQueries, C extends Computed>(
  definition: KpiSpec<S, Q, C>,
): KpiDefinition<ParamsOf<S>> {
  return definition as unknown as KpiDefinition<ParamsOf<S>>
}
