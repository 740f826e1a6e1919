import type { Compilable, Kysely } from 'kysely'
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
  /** The language the result is for, for row texts a list builds in `compute`. */
  lang: Lang
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
}

export interface TrendPoint {
  t: string
  value: number | null
}

export interface BreakdownItem {
  key: string
  label: string
  value: number | null
}

/** What a KPI's `compute` returns; the engine adds id, kind, unit, target, status, texts and times. */
export interface Computed {
  value?: number | null
  points?: TrendPoint[]
  items?: BreakdownItem[]
  rows?: Array<Record<string, unknown>>
  /** Numbers for the context sentence. */
  facts?: Record<string, number | string | null>
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

type Queries = Record<string, Compilable & { execute(): Promise<unknown[]> }>

export interface KpiDefinition<P extends Record<string, ParamValue> = Record<string, ParamValue>> {
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
  /** Minutes after which the data behind it should be called stale on a wall screen. */
  freshnessMinutes: number
  /** True when `me` narrows it to one person's rows. */
  personal: boolean
  action?: ActionSpec
  /** Population, source fields and industry definition, for the KPI reference; optional until filled in per KPI. */
  about?: KpiAbout
  /** The Kysely queries, built but not run: the engine executes them, tests may compile them. */
  queries(ctx: KpiContext<P>): Queries
  compute(rows: Record<string, any[]>, ctx: KpiContext<P>): Computed
  /** The sentence that puts the number in context, with the numbers filled in. */
  context(result: Computed, ctx: KpiContext<P>): Text
}

interface BaseResult {
  id: string
  title: string
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
  items: BreakdownItem[]
}

export interface ListResult extends BaseResult {
  kind: 'list'
  count: number
  rows: Array<Record<string, unknown>>
}

export type KpiResult = NumberResult | TrendResult | BreakdownResult | ListResult

/** The parameter values a KPI receives, typed from its parameter specs' defaults. */
export type ParamsOf<S extends Record<string, ParamSpec>> = {
  [K in keyof S]: S[K]['default'] extends number[] ? number[] : S[K]['default'] extends number ? number : S[K]['default'] extends boolean ? boolean : string
}

/** Declares a KPI; its queries and computation see its parameters with their types. */
export function defineKpi<S extends Record<string, ParamSpec>>(
  definition: Omit<KpiDefinition<ParamsOf<S>>, 'params'> & { params: S },
): KpiDefinition<ParamsOf<S>> {
  return definition as unknown as KpiDefinition<ParamsOf<S>>
}
