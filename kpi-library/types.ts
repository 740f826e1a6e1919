import type { Compilable, InferResult, Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { BusinessHours } from './time.js'

export const ROLES = ['owner', 'integrator', 'service-manager', 'team-lead', 'engineer', 'finance', 'account-manager'] as const
export type Role = (typeof ROLES)[number]

export type KpiKind = 'number' | 'trend' | 'breakdown' | 'list'
export type Direction = 'higher' | 'lower' | 'neutral'
export type Unit = 'count' | 'percent' | 'hours' | 'minutes' | 'days' | 'euro' | 'ratio' | 'score'
export type Group = 'flow' | 'sla' | 'quality' | 'csat' | 'time' | 'hygiene' | 'finance' | 'account'
export type Lang = 'en' | 'nl'
export type Status = 'good' | 'warn' | 'bad' | 'none'

/** Text in both of roleboard's languages. */
export interface Text {
  en: string
  nl: string
}

export type ParamValue = number | boolean | string | number[]

export interface ParamSpec {
  type: 'number' | 'integer' | 'integers' | 'boolean' | 'string'
  default: ParamValue
  min?: number
  max?: number
  description: Text
}

/**
 * The tolerance band. For "higher is better": good at or above `target`, warn down to `warn`, bad
 * below. For "lower is better" the other way round.
 */
export interface Band {
  target: number
  warn: number
}

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
   * The MSP's hourly rate per contract type (Contracts.contractType), from the settings
   * (kpi-library/settings.ts), where it prices a type apart from the standard rate; hours billed by
   * the hour under any other type, or under no contract, are worth the `standardRate` parameter
   * (finance/shared.ts `hourlyRate`). Absent or empty: none.
   */
  rates?: ReadonlyMap<number, number>
}

export interface StaffCalendar {
  weeklyHours: ReadonlyMap<number, number>
  /** Local dates (`YYYY-MM-DD`) a person is on leave. */
  leave: ReadonlyMap<number, readonly string[]>
}

export interface ListField {
  key: string
  label: Text
  type: 'text' | 'number' | 'hours' | 'minutes' | 'days' | 'date' | 'datetime' | 'phone' | 'percent' | 'euro' | 'rating'
}

export interface ActionSpec {
  /** What the person on the row is asked to do ("call back", "assign", "log your time"). */
  verb: Text
  /** When a row leaves the list by itself. */
  leavesWhen: Text
  /** Who acts on a row. */
  owner: Text
  fields: readonly ListField[]
  sort: Text
  /**
   * What a person's tap on a row means. `none`: a risk list (SLA breaches) whose rows leave only when
   * the PSA shows the change, so nobody can tap them away. `take`: "I'm on it", shown as taken by that
   * person on every screen, the row staying until the PSA shows the change. `resolve`: the work happens
   * outside the PSA (a call), so the tap asks for a note and takes the row off the list for everyone.
   */
  ack: AckMode
  /** The button's words for `resolve` ("Called back"). */
  done?: Text
}

export type AckMode = 'none' | 'take' | 'resolve'

export interface TrendPoint {
  t: string
  value: number | null
}

export interface BreakdownItem {
  key: string
  label: string
  value: number | null
  /** What the band judges when it is not the value shown: a month-to-date use by its month-end pace. */
  judged?: number | null
}

/** A breakdown item as results carry it: judged against the band when the KPI's items share it. */
export interface JudgedItem extends BreakdownItem {
  status: Status
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
  /** The Autotask entity.field values it reads, e.g. `Tickets.status`, `TimeEntries.hoursWorked`. */
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
  params: { [K in keyof P]: ParamSpec }
  band: Band | null
  /** True when each breakdown item is judged against the same band as the headline (CSAT per engineer). */
  bandPerItem?: boolean
  /** Minutes after which the data behind it should be called stale on a wall screen. */
  freshnessMinutes: number
  /** True when `me` narrows it to one person's rows. */
  personal: boolean
  action?: ActionSpec
  /** Population, source fields and industry definition, for the KPI reference; optional until filled in per KPI. */
  about?: KpiAbout
  /** The sentence that puts the number in context, with the numbers filled in. */
  context(result: Computed, ctx: KpiContext<P>): Text
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
export type KpiSpec<S extends Record<string, ParamSpec>, Q extends KpiQueries, C extends Computed> = Omit<KpiFields<ParamsOf<S>>, 'params' | 'context'> & {
  params: S
  /** The Kysely queries, built but not run: the engine executes them, tests may compile them. */
  queries: (ctx: KpiContext<ParamsOf<S>>) => Q
  compute: (rows: RowsOf<Q>, ctx: KpiContext<ParamsOf<S>>) => C
  context: (result: C, ctx: KpiContext<ParamsOf<S>>) => Text
}

interface BaseResult {
  id: string
  title: string
  /** The period it covers, in the result's language ("last 7 days", "now"). */
  window: string
  context: string
  status: Status
  /** When the data behind it was last synced from the PSA (null: never). */
  asOf: string | null
  evaluatedAt: string
}

export interface NumberResult extends BaseResult {
  kind: 'number'
  value: number | null
  unit: Unit
  target: number | null
}

export interface TrendResult extends BaseResult {
  kind: 'trend'
  value: number | null
  unit: Unit
  target: number | null
  points: TrendPoint[]
}

export interface BreakdownResult extends BaseResult {
  kind: 'breakdown'
  value: number | null
  unit: Unit
  target: number | null
  items: JudgedItem[]
}

export interface ListResult extends BaseResult {
  kind: 'list'
  count: number
  rows: Array<Record<string, unknown>>
  /** What to do with a row, and what a tap on it means. */
  action: { verb: string; ack: AckMode; done: string | null } | null
}

export type KpiResult = NumberResult | TrendResult | BreakdownResult | ListResult

/** The parameter values a KPI receives, typed from its parameter specs' defaults. */
export type ParamsOf<S extends Record<string, ParamSpec>> = {
  [K in keyof S]: S[K]['default'] extends number[] ? number[] : S[K]['default'] extends number ? number : S[K]['default'] extends boolean ? boolean : string
}

/**
 * Declares a KPI; its queries, computation and sentence see its parameters with their types, its
 * computation the rows of its queries with theirs, and its sentence what its computation returned.
 * The one place those types are erased: what comes out is a `KpiDefinition` the engine and `ALL_KPIS`
 * hold next to any other. Sound because the engine hands `compute` the rows of this KPI's own queries
 * and `context` this KPI's own result.
 */
export function defineKpi<S extends Record<string, ParamSpec>, Q extends KpiQueries, C extends Computed>(definition: KpiSpec<S, Q, C>): KpiDefinition<ParamsOf<S>> {
  return definition as unknown as KpiDefinition<ParamsOf<S>>
}
